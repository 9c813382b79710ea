import type { Candle, SymbolFilters } from '../domain/market.js';
import { splitSymbol } from '../domain/market.js';
import { ValidationError } from '../errors/errors.js';
import { KNOWN_SPOT_FILTERS } from './knownSpotFilters.js';
import { seriesPriceResolution } from './priceResolution.js';
import { QUOTE_MIN_NOTIONAL } from './quoteAssets.js';

/** Starting equity and quote-denominated risk defaults, as multiples of the quote's minimum order. */
const EQUITY_PER_MIN_NOTIONAL = 2000;
/** The USDT defaults the multiples are taken from: 10,000 equity and a 1,000 order cap over a 5 USDT minimum. */
const USDT_MIN_NOTIONAL = 5;

/** What a backtest assumed about a pair, in the pair's own units, and why (one line per fact). */
export interface MarketAssumptions {
  readonly filters: SymbolFilters;
  /** Whether the filters are Binance's published ones for the pair or derived from the data. */
  readonly source: 'known' | 'derived';
  /** Starting balance in the quote asset. */
  readonly startingEquity: number;
  /**
   * Quote-denominated defaults are scaled by this (minimum order ÷ 5 USDT): RISK_MAX_ORDER_NOTIONAL's
   * 1,000 USDT is 0.02 BTC for a BTC-quoted pair. 1 for USD stablecoins.
   */
  readonly quoteScale: number;
  /** People-readable statements of every assumption, for the report. */
  readonly lines: readonly string[];
}

export interface MarketAssumptionInput {
  /** Unified symbol, `BASE/QUOTE`. */
  readonly symbol: string;
  /** The candles that will be traded (the price range and resolution come from them). */
  readonly candles: readonly Candle[];
  /** Operator overrides (`--tick`, `--step`, `--min-notional`), decimal strings. */
  readonly tickSize?: string;
  readonly stepSize?: string;
  readonly minNotional?: string;
  /** An explicit starting balance in the quote asset (`--equity` or TRADING_PAPER_STARTING_EQUITY). */
  readonly startingEquity?: number;
}

const powerOfTen = (exponent: number): string => (exponent >= 0 ? `1${'0'.repeat(exponent)}` : `0.${'0'.repeat(-exponent - 1)}1`);

/**
 * Exchange filters and a starting balance for a backtest, so that orders are possible and honest
 * for any Binance spot pair:
 * - a pair in `KNOWN_SPOT_FILTERS` gets Binance's published filters, unless the data has finer
 *   prices than its tick (then the data is not that pair's and the filters are derived);
 * - otherwise the tick is the data's own price resolution (never coarser: `seriesPriceResolution`),
 *   the step the largest power of ten (at most 1) whose value at the highest price is ≤ 1 % of the
 *   minimum order, min quantity = step, max quantity and price far beyond the data, and the
 *   minimum order value Binance sets for the quote asset (`QUOTE_MIN_NOTIONAL`);
 * - the starting balance defaults to 2,000 × that minimum (10,000 USDT, 0.2 BTC, 2 ETH, 20 BNB).
 * Overrides win over both. Every choice is stated in `lines`.
 * @throws ValidationError (field `--min-notional`) when the quote asset has no known minimum and none is given.
 */
export function assumeMarket(input: MarketAssumptionInput): MarketAssumptions {
  const { base, quote } = splitSymbol(input.symbol);
  const resolution = seriesPriceResolution(input.candles);
  let maxPrice = 0;
  let minPrice = Number.POSITIVE_INFINITY;
  for (const c of input.candles) {
    if (c.high > maxPrice) maxPrice = c.high;
    if (c.low < minPrice) minPrice = c.low;
  }
  if (maxPrice === 0) minPrice = maxPrice = 1;
  const lines: string[] = [];
  const known = KNOWN_SPOT_FILTERS[input.symbol];
  const knownFits = known !== undefined && resolution.decimals <= decimalsOf(known.tickSize);
  if (known && !knownFits)
    lines.push(
      `the data's prices have ${resolution.decimals} decimals, finer than ${input.symbol}'s tick ${known.tickSize}: these are not ${input.symbol} prices, so the filters are derived from the data (pass --symbol with the real pair)`,
    );
  const minNotionalText = input.minNotional ?? (knownFits ? known.minNotional : QUOTE_MIN_NOTIONAL[quote]);
  if (minNotionalText === undefined)
    throw new ValidationError(
      `no minimum order value is known for pairs quoted in ${quote}: pass --min-notional (in ${quote}) and --equity (or TRADING_PAPER_STARTING_EQUITY)`,
      '--min-notional',
    );
  const minNotional = Number(minNotionalText);
  const tickSize = input.tickSize ?? (knownFits ? known.tickSize : resolution.tick);
  const derivedStep = powerOfTen(Math.min(0, Math.floor(Math.log10(minNotional / 100 / maxPrice))));
  const stepSize = input.stepSize ?? (knownFits ? known.stepSize : derivedStep);
  const quoteScale = minNotional / USDT_MIN_NOTIONAL;
  const startingEquity = input.startingEquity ?? EQUITY_PER_MIN_NOTIONAL * minNotional;
  const maxQty =
    knownFits && !input.stepSize ? known.maxQty : `9${'0'.repeat(Math.max(1, Math.ceil(Math.log10((startingEquity * 100) / minPrice))))}`;
  const filters: SymbolFilters = {
    symbol: input.symbol,
    base,
    quote,
    tickSize,
    minPrice: tickSize,
    maxPrice: powerOfTen(Math.max(1, Math.ceil(Math.log10(maxPrice * 1000)))),
    stepSize,
    minQty: stepSize,
    maxQty,
    minNotional: minNotionalText,
    maxNotional: null,
  };
  const source = knownFits && !input.tickSize && !input.stepSize && !input.minNotional ? 'known' : 'derived';
  const said = (value: string | undefined, flag: string, why: string) => (value !== undefined ? `${flag}` : why);
  lines.push(
    knownFits
      ? `${input.symbol}: Binance's published filters (tick ${tickSize}, step ${stepSize}, min notional ${minNotionalText} ${quote})${source === 'known' ? '' : ', with your overrides'}`
      : `${known ? 'filters derived from the data' : `${input.symbol} is not a pair Warden has filters for`}; assumed: tick ${tickSize} (${said(input.tickSize, '--tick', `the data's finest price has ${resolution.decimals} decimals`)}), step and min qty ${stepSize} (${said(input.stepSize, '--step', "one step ≤ 1 % of the minimum order at the data's highest price")}), min notional ${minNotionalText} ${quote} (${said(input.minNotional, '--min-notional', `Binance's minimum for ${quote}-quoted pairs`)}), max qty ${maxQty}`,
  );
  lines.push(
    `starting balance ${startingEquity} ${quote}${input.startingEquity === undefined ? ` (default for ${quote}-quoted pairs: ${EQUITY_PER_MIN_NOTIONAL} × the minimum order; set --equity or TRADING_PAPER_STARTING_EQUITY)` : ''}`,
  );
  return { filters, source, startingEquity, quoteScale, lines };
}

function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.replace(/0+$/, '').length - dot - 1;
}

/**
 * Risk limits given in quote units, scaled to the pair's quote asset when the operator did not set
 * them: RISK_MAX_ORDER_NOTIONAL's 1,000 (USDT) is 0.02 BTC on a BTC-quoted pair. Percentages need
 * no scaling. Returns the limits and, when it scaled, a line for the report.
 */
export function scaleQuoteLimits<L extends { readonly maxOrderNotional: number }>(
  limits: L,
  market: Pick<MarketAssumptions, 'quoteScale' | 'filters'>,
  maxOrderNotionalSet: boolean,
): { readonly limits: L; readonly line: string | null } {
  if (market.quoteScale === 1 || maxOrderNotionalSet || limits.maxOrderNotional <= 0) return { limits, line: null };
  const scaled = limits.maxOrderNotional * market.quoteScale;
  return {
    limits: { ...limits, maxOrderNotional: scaled },
    line: `largest order ${scaled} ${market.filters.quote} (RISK_MAX_ORDER_NOTIONAL's default ${limits.maxOrderNotional} USDT scaled to ${market.filters.quote}; set it to override)`,
  };
}
