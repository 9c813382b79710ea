import type { Clock } from '@warden/core/ports/clock';

export interface ExchangeClockOptions {
  /** BINANCE_TIME_SYNC_SECONDS, in ms. */
  readonly resyncEveryMs: number;
  readonly localNow?: () => number;
  readonly onSynced?: (offsetMs: number, roundTripMs: number) => void;
  readonly onSyncFailed?: (error: unknown) => void;
}

/**
 * The bot's clock in paper and live mode: local time corrected by Binance's server-time offset,
 * so candle closure, staleness and signed timestamps agree with the exchange even when the
 * machine's clock is off (or a test server replays another day). The offset uses the midpoint of
 * the request, which halves the error the network round trip adds.
 */
export class ExchangeClock implements Clock {
  private offset = 0;
  private synced = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<number> | undefined;
  private readonly localNow: () => number;

  constructor(
    private readonly fetchServerTime: () => Promise<number>,
    private readonly options: ExchangeClockOptions,
  ) {
    this.localNow = options.localNow ?? Date.now;
  }

  now(): number {
    return Math.round(this.localNow() + this.offset);
  }

  get offsetMs(): number {
    return this.offset;
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /** Measures the offset now (also the on-demand path after -1021); concurrent calls share one request. */
  resync(): Promise<number> {
    this.inFlight ??= this.measure().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** First sync (must succeed), then periodic resyncs that keep the last offset when one fails. */
  async start(): Promise<void> {
    await this.resync();
    this.timer = setInterval(() => {
      this.resync().catch((error: unknown) => this.options.onSyncFailed?.(error));
    }, this.options.resyncEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async measure(): Promise<number> {
    const sent = this.localNow();
    const serverTime = await this.fetchServerTime();
    const received = this.localNow();
    this.offset = serverTime - (sent + received) / 2;
    this.synced = true;
    this.options.onSynced?.(this.offset, received - sent);
    return this.offset;
  }
}
