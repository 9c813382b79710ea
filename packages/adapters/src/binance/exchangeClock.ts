import { TransientExchangeError } from '@warden/core/errors/errors';
import type { Clock } from '@warden/core/ports/clock';
import { roundTripMs, type ServerTimeSample, type ServerTimeSampler } from './serverTimeSample.js';

export interface ExchangeClockOptions {
  /** BINANCE_TIME_SYNC_SECONDS, in ms. */
  readonly resyncEveryMs: number;
  readonly localNow?: () => number;
  /** Server-time readings per measurement; the one with the lowest round trip sets the offset. Default 3. */
  readonly samplesPerSync?: number;
  /** Readings whose round trip is longer are discarded. Default 1000 ms (see DEFAULT_MAX_ROUND_TRIP_MS). */
  readonly maxRoundTripMs?: number;
  readonly onSynced?: (offsetMs: number, roundTripMs: number) => void;
  readonly onSyncFailed?: (error: unknown) => void;
}

/**
 * Binance refuses a signed request stamped more than 1000 ms ahead of its clock (and one older than
 * recvWindow). The midpoint offset is off by at most half the round trip, so readings slower than
 * 1000 ms — up to 500 ms off — are not trusted.
 */
export const DEFAULT_MAX_ROUND_TRIP_MS = 1_000;
const DEFAULT_SAMPLES_PER_SYNC = 3;

/** What the last successful measurement saw: every reading, and the one that set the offset. */
export interface ClockMeasurement {
  readonly samples: readonly ServerTimeSample[];
  readonly chosen: ServerTimeSample;
  readonly offsetMs: number;
}

/**
 * The bot's clock in paper and live mode: local time corrected by Binance's server-time offset,
 * so candle closure, staleness and signed timestamps agree with the exchange even when the
 * machine's clock is off (or a test server replays another day).
 *
 * Each measurement takes a few readings, as NTP does: each reading is timed around the single
 * request attempt that answered (never a retried call's earlier attempts or Retry-After waits,
 * which would shift the midpoint by half the wait), readings slower than `maxRoundTripMs` are
 * discarded, and the fastest one left sets the offset from its midpoint.
 */
export class ExchangeClock implements Clock {
  private offset = 0;
  private synced = false;
  private last: ClockMeasurement | null = null;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<number> | undefined;
  private readonly localNow: () => number;
  private readonly samplesPerSync: number;
  private readonly maxRoundTripMs: number;

  constructor(
    private readonly sample: ServerTimeSampler,
    private readonly options: ExchangeClockOptions,
  ) {
    this.localNow = options.localNow ?? Date.now;
    this.samplesPerSync = Math.max(1, Math.floor(options.samplesPerSync ?? DEFAULT_SAMPLES_PER_SYNC));
    this.maxRoundTripMs = options.maxRoundTripMs ?? DEFAULT_MAX_ROUND_TRIP_MS;
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

  /** The readings behind the current offset (null before the first successful measurement). */
  get lastMeasurement(): ClockMeasurement | null {
    return this.last;
  }

  /**
   * Measures the offset now (also the on-demand path after -1021); concurrent calls share one
   * measurement. Rejects, keeping the last offset, when no reading could be taken (the error of
   * the read) or every reading was too slow (TransientExchangeError with the round trips).
   */
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
    const samples: ServerTimeSample[] = [];
    for (let i = 0; i < this.samplesPerSync; i++) {
      try {
        samples.push(await this.sample(this.localNow));
      } catch (error) {
        // The read was already retried by the request governor: more readings would only wait again.
        if (samples.length === 0) throw error;
        break;
      }
    }
    const usable = samples.filter((s) => roundTripMs(s) >= 0 && roundTripMs(s) <= this.maxRoundTripMs);
    const best = usable.reduce<ServerTimeSample | undefined>(
      (b, s) => (b === undefined || roundTripMs(s) < roundTripMs(b) ? s : b),
      undefined,
    );
    if (best === undefined) {
      const roundTrips = samples.map(roundTripMs);
      throw new TransientExchangeError(
        `exchange clock not synced: every server-time reading took longer than ${this.maxRoundTripMs} ms (round trips ${roundTrips.join(', ')} ms); keeping the last offset`,
        null,
        { roundTripsMs: roundTrips, maxRoundTripMs: this.maxRoundTripMs },
      );
    }
    this.offset = best.serverTime - (best.sentAt + best.receivedAt) / 2;
    this.synced = true;
    this.last = { samples, chosen: best, offsetMs: this.offset };
    this.options.onSynced?.(this.offset, roundTripMs(best));
    return this.offset;
  }
}
