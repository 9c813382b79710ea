import { describe, expect, it } from 'vitest';
import { href, pairOf, routeOf } from './router';

describe('hash routes with a selected pair', () => {
  it('reads the page and the pair of a link', () => {
    expect(routeOf('#/chart?pair=ETH%2FUSDT')).toBe('chart');
    expect(pairOf('#/chart?pair=ETH%2FUSDT')).toBe('ETH/USDT');
    expect(pairOf('#/chart?pair=ETH/USDT')).toBe('ETH/USDT');
  });

  it('falls back to the dashboard and to no pair', () => {
    expect(routeOf('')).toBe('dashboard');
    expect(routeOf('#/nowhere?pair=ETH%2FUSDT')).toBe('dashboard');
    expect(pairOf('#/chart')).toBeNull();
    expect(pairOf('#/chart?pair=')).toBeNull();
  });

  it('writes links that read back to the same page and pair', () => {
    for (const pair of ['BTC/USDT', 'ETH/USDT', '1000SATS/USDT']) {
      const link = href('trades', pair);
      expect([routeOf(link), pairOf(link)]).toEqual(['trades', pair]);
    }
    expect(href('chart')).toBe('#/chart');
    expect(href('chart', null)).toBe('#/chart');
  });
});
