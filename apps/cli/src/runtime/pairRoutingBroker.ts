import type { Order, OrderIntent } from '@warden/core/domain/orders';
import { ValidationError } from '@warden/core/errors/errors';
import type { Balances, Broker, BrokerUpdate, CancelReport, MarketTick } from '@warden/core/ports/broker';
import type { MaybePromise } from '@warden/core/ports/maybePromise';

/**
 * One broker face over the pairs' brokers, for what acts on the account by symbol (the control
 * service's emergency stop cancels each pair's orders through it). Orders go to their symbol's
 * broker; `balances()` and `sync()` have no symbol and answer for the first pair.
 */
export class PairRoutingBroker implements Broker {
  constructor(
    readonly mode: Broker['mode'],
    private readonly brokers: ReadonlyMap<string, Broker>,
  ) {}

  private of(symbol: string): Broker {
    const broker = this.brokers.get(symbol);
    if (!broker) throw new ValidationError(`${symbol} is not one of the traded pairs`, 'symbol');
    return broker;
  }

  private get first(): Broker {
    return this.brokers.values().next().value as Broker;
  }

  submit(intent: OrderIntent, tick: MarketTick): MaybePromise<BrokerUpdate> {
    return this.of(intent.symbol).submit(intent, tick);
  }

  async cancel(clientOrderId: string, now: number): Promise<BrokerUpdate> {
    for (const [symbol, broker] of this.brokers)
      if ((await broker.openOrders(symbol)).some((o) => o.clientOrderId === clientOrderId)) return broker.cancel(clientOrderId, now);
    return this.first.cancel(clientOrderId, now);
  }

  cancelAll(symbol: string, now: number): MaybePromise<CancelReport> {
    return this.of(symbol).cancelAll(symbol, now);
  }

  openOrders(symbol: string): MaybePromise<readonly Order[]> {
    return this.of(symbol).openOrders(symbol);
  }

  balances(): MaybePromise<Balances> {
    return this.first.balances();
  }

  sync(tick: MarketTick): MaybePromise<BrokerUpdate> {
    return this.first.sync(tick);
  }
}
