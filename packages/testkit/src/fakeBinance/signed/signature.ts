import { createHmac, timingSafeEqual } from 'node:crypto';
import { BinanceApiError, type RouteContext } from '../routes.js';

export interface ApiCredentials {
  readonly apiKey: string;
  readonly secret: string;
}

/** HMAC-SHA256 of the signature payload, hex encoded (rest-api.md, "SIGNED request example (HMAC)"). */
export function hmacSignature(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * The payload the client signed. The server merged query and form body into one parameter list in
 * the order they arrived (body first, then query), so re-encoding everything but `signature`
 * reproduces what ccxt signed for the characters client ids and decimals use.
 */
export function signaturePayload(params: URLSearchParams): string {
  const rest = new URLSearchParams();
  for (const [k, v] of params) if (k !== 'signature') rest.append(k, v);
  return rest.toString();
}

/**
 * Checks a SIGNED request as Binance does: the API key header (-2014/-2015), the signature (-1022,
 * case-insensitive hex), then the timestamp against the server clock and recvWindow (-1021).
 */
export function verifySigned(ctx: RouteContext, credentials: ApiCredentials): void {
  const key = ctx.headers['x-mbx-apikey'];
  if (typeof key !== 'string' || key.length === 0) throw new BinanceApiError(401, -2014, 'API-key format invalid.');
  if (key !== credentials.apiKey) throw new BinanceApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const signature = ctx.params.get('signature');
  if (!signature) throw new BinanceApiError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const expected = Buffer.from(hmacSignature(signaturePayload(ctx.params), credentials.secret));
  const given = Buffer.from(signature.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new BinanceApiError(400, -1022, 'Signature for this request is not valid.');
  const timestamp = Number(ctx.params.get('timestamp'));
  if (!Number.isInteger(timestamp))
    throw new BinanceApiError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  const recvWindow = Number(ctx.params.get('recvWindow') ?? 5000);
  if (!(recvWindow > 0 && recvWindow <= 60_000)) throw new BinanceApiError(400, -1131, 'recvWindow must be less than 60000');
  const serverTime = ctx.serverTime();
  if (timestamp > serverTime + 1000)
    throw new BinanceApiError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (serverTime - timestamp > recvWindow)
    throw new BinanceApiError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
}
