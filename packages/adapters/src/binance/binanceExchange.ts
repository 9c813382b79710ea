import { FatalExchangeError, TransientExchangeError } from '@warden/core/errors/errors';
import { binance } from 'ccxt';

export const BINANCE_MAINNET_URL = 'https://api.binance.com';
export const BINANCE_TESTNET_URL = 'https://testnet.binance.vision';

/** Status and headers of every HTTP response ccxt receives, before ccxt turns errors into exceptions. */
export type ResponseObserver = (status: number, headers: Readonly<Record<string, string>>, url: string) => void;

export interface BinanceExchangeOptions {
  /** BINANCE_BASE_URL: where every REST call goes (a proxy, the testnet, a fake server in tests). */
  readonly baseUrl: string;
  /** BINANCE_TESTNET: use the spot testnet unless baseUrl was pointed somewhere else explicitly. */
  readonly testnet?: boolean;
  readonly apiKey?: string;
  readonly secret?: string;
  /** Per-request timeout (ms); a slow answer becomes a retryable timeout. */
  readonly timeoutMs?: number;
  readonly recvWindowMs?: number;
  readonly onResponse?: ResponseObserver;
}

/** ccxt's binance with a hook on each raw response, so rate-limit headers are seen per request. */
class ObservedBinance extends binance {
  observer: ResponseObserver | undefined;

  override onRestResponse(
    statusCode: number,
    statusText: string,
    url: string,
    method: string,
    responseHeaders: Record<string, string>,
    responseBody: string,
    requestHeaders: unknown,
    requestBody: unknown,
  ): string {
    this.observer?.(statusCode, responseHeaders, url);
    return super.onRestResponse(statusCode, statusText, url, method, responseHeaders, responseBody, requestHeaders, requestBody) as string;
  }

  /**
   * Decides by HTTP status before ccxt maps Binance's error codes: 429/418 carry Retry-After,
   * 5xx is the venue's problem (for an order: outcome unknown), -1021 means our clock drifted.
   */
  override handleErrors(
    code: number,
    reason: string,
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string,
    response: unknown,
    requestHeaders: unknown,
    requestBody: unknown,
  ): undefined {
    const context = { status: code, method, path: new URL(url).pathname };
    if (code === 429 || code === 418) {
      const retryAfterMs = retryAfterMsFrom(headers);
      if (code === 418)
        throw new FatalExchangeError(`Binance banned this IP (418); retry after ${retryAfterMs ?? '?'} ms`, { ...context, retryAfterMs });
      throw new TransientExchangeError('Binance rate limit (429)', retryAfterMs, context);
    }
    if (code >= 500) throw new TransientExchangeError(`Binance answered ${code} ${reason}`, null, context);
    if (isRecord(response) && Number(response.code) === -1021) {
      throw new TransientExchangeError(`Binance rejected the request timestamp: ${String(response.msg)}`, null, {
        ...context,
        timestampRejected: true,
      });
    }
    return super.handleErrors(code, reason, url, method, headers, body, response, requestHeaders, requestBody);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Retry-After is in seconds on Binance; ccxt capitalises header names. */
export function retryAfterMsFrom(headers: Readonly<Record<string, string>>): number | null {
  const raw = headers['Retry-After'] ?? headers['retry-after'];
  const seconds = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

export type BinanceExchange = ObservedBinance;

export function resolveBaseUrl(baseUrl: string, testnet: boolean): string {
  const explicit = baseUrl.replace(/\/+$/, '');
  return testnet && explicit === BINANCE_MAINNET_URL ? BINANCE_TESTNET_URL : explicit;
}

/**
 * A spot-only ccxt binance client. Markets are limited to spot and currencies/margin pairs are
 * never loaded, so nothing calls futures, margin or wallet (sapi) endpoints; every URL ccxt
 * knows is re-pointed at the configured host.
 */
export function createBinanceExchange(options: BinanceExchangeOptions): BinanceExchange {
  const exchange = new ObservedBinance({
    apiKey: options.apiKey,
    secret: options.secret,
    timeout: options.timeoutMs ?? 10_000,
    options: {
      defaultType: 'spot',
      fetchMarkets: { types: ['spot'] },
      fetchCurrencies: false,
      fetchMargins: false,
      recvWindow: options.recvWindowMs ?? 5_000,
      // Our ExchangeClock owns the offset; ccxt must not adjust timestamps on its own.
      adjustForTimeDifference: false,
    },
  });
  exchange.observer = options.onResponse;
  const base = resolveBaseUrl(options.baseUrl, options.testnet ?? false);
  const api = exchange.urls.api as Record<string, string>;
  for (const key of Object.keys(api)) {
    const url = api[key];
    if (typeof url === 'string') api[key] = url.replace(/^https?:\/\/[^/]+/, base);
  }
  return exchange;
}
