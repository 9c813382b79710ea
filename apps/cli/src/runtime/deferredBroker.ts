import type { Order, OrderIntent } from '@warden/core/domain/orders';
import { UnavailableError } from '@warden/core/errors/errors';
import type { Balances, Broker, BrokerUpdate, CancelReport, MarketTick } from '@warden/core/ports/broker';
import type { MaybePromise } from '@warden/core/ports/maybePromise';

/** How long a caller is told to wait (Retry-After) while the runtime keeps reconnecting in the background. */
export const RECONNECT_HINT_MS = 5_000;

/** Trading, manual orders or the scheduler were asked for before the exchange answered (API 503 with Retry-After). */
export class MarketNotConnectedError extends UnavailableError {
  constructor() {
    super(
      'MARKET_NOT_CONNECTED',
      'not connected to the exchange yet (symbol filters not loaded); retrying in the background',
      RECONNECT_HINT_MS,
    );
  }
}

/**
 * Stands in for the broker until the exchange has been reached (filters loaded, live journal
 * reconciled), so the API, Telegram and the panel work from the first second even when Binance is
 * unreachable. Before that there is nothing to cancel and nothing can be sent.
 */
export class DeferredBroker implements Broker {
  private target: Broker | null = null;

  constructor(readonly mode: Broker['mode']) {}

  connect(broker: Broker): void {
    this.target = broker;
  }

  get connected(): boolean {
    return this.target !== null;
  }

  private get broker(): Broker {
    if (!this.target) throw new MarketNotConnectedError();
    return this.target;
  }

  async submit(intent: OrderIntent, tick: MarketTick): Promise<BrokerUpdate> {
    return this.broker.submit(intent, tick);
  }

  async cancel(clientOrderId: string, now: number): Promise<BrokerUpdate> {
    return this.broker.cancel(clientOrderId, now);
  }

  async cancelAll(symbol: string, now: number): Promise<CancelReport> {
    return this.target ? this.target.cancelAll(symbol, now) : { canceled: [], failed: [] };
  }

  async openOrders(symbol: string): Promise<readonly Order[]> {
    return this.target ? this.target.openOrders(symbol) : [];
  }

  async balances(): Promise<Balances> {
    return this.broker.balances();
  }

  sync(tick: MarketTick): MaybePromise<BrokerUpdate> {
    return this.broker.sync(tick);
  }
}
