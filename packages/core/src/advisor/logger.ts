/** The slice of a pino logger the advisor and approvals use (core does not depend on pino itself). */
export interface ServiceLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const silentLogger: ServiceLogger = { info: () => {}, warn: () => {} };
