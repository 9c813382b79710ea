/**
 * An HTTP-only failure decided by the transport itself (authentication, rate limit); domain
 * failures arrive as core's typed errors and are mapped in errorHandler.ts.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = (message = 'a valid bearer token is required') =>
  new ApiError(401, 'UNAUTHORIZED', message, {}, { 'www-authenticate': 'Bearer' });
export const forbidden = (message: string, details: Record<string, unknown> = {}) => new ApiError(403, 'FORBIDDEN', message, details);
