import { ValidationError } from '@warden/core/errors/errors';
import type { ManualLiveOrderResult } from '@warden/core/live/manualLiveOrder';
import { describe, expect, it } from 'vitest';
import { type ManualOrderDesk, routeManualOrder } from './manualOrderRouting.js';

const admin = { id: 'user:ada', role: 'admin' as const };
const BLOCKED: ManualLiveOrderResult = { decision: 'BLOCK', reasons: ['TEST'] };

/** Desks that record which pair each order reached. */
function desks(connected: readonly string[]): { reached: string[]; desk: (symbol: string) => ManualOrderDesk } {
  const reached: string[] = [];
  return {
    reached,
    desk: (symbol) =>
      connected.includes(symbol)
        ? {
            place: async () => {
              reached.push(symbol);
              return BLOCKED;
            },
          }
        : null,
  };
}

const order = (extra: Record<string, unknown> = {}) => ({ side: 'BUY', type: 'MARKET', quoteAmount: '20', reason: 'test', ...extra });
const notConnected = () => new Error('not connected');

describe('manual live orders reach the pair they name', () => {
  it('sends an order naming ETH/USDT to that pair, not the first one', async () => {
    const d = desks(['BTC/USDT', 'ETH/USDT']);
    await routeManualOrder(order({ symbol: 'ETH/USDT' }), admin, ['BTC/USDT', 'ETH/USDT'], d.desk, notConnected);
    expect(d.reached).toEqual(['ETH/USDT']);
  });

  it('with one pair, an order without a symbol goes to that pair', async () => {
    const d = desks(['BTC/USDT']);
    await routeManualOrder(order(), admin, ['BTC/USDT'], d.desk, notConnected);
    expect(d.reached).toEqual(['BTC/USDT']);
  });

  it('with several pairs, refuses an order without a symbol (400 naming symbol) and places nothing', async () => {
    const d = desks(['BTC/USDT', 'ETH/USDT']);
    const refused = routeManualOrder(order(), admin, ['BTC/USDT', 'ETH/USDT'], d.desk, notConnected);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ field: 'symbol', message: expect.stringMatching(/symbol is required/) });
    expect(d.reached).toEqual([]);
  });

  it('refuses a pair that is not traded, naming the traded ones', async () => {
    const d = desks(['BTC/USDT', 'ETH/USDT']);
    await expect(routeManualOrder(order({ symbol: 'XRP/USDT' }), admin, ['BTC/USDT', 'ETH/USDT'], d.desk, notConnected)).rejects.toThrow(
      'XRP/USDT is not one of the traded pairs (BTC/USDT, ETH/USDT)',
    );
    expect(d.reached).toEqual([]);
  });

  it('answers "not connected" while the named pair has no live trading yet', async () => {
    const d = desks([]);
    await expect(routeManualOrder(order({ symbol: 'ETH/USDT' }), admin, ['BTC/USDT', 'ETH/USDT'], d.desk, notConnected)).rejects.toThrow(
      'not connected',
    );
  });
});
