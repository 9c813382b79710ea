import { parseConfig } from '@warden/core/config/parseConfig';
import { LIVE_CONFIRM_PHRASE } from '@warden/core/config/schema';
import { ConfigError } from '@warden/core/errors/errors';
import { describe, expect, it } from 'vitest';
import { startWarden } from './startWarden.js';

const GATES = {
  TRADING_MODE: 'live',
  BINANCE_API_KEY: 'CANARY-KEY-gate-test',
  BINANCE_API_SECRET: 'CANARY-SECRET-gate-test',
  LIVE_TRADING_CONFIRM: LIVE_CONFIRM_PHRASE,
};

describe('the live gate', () => {
  it('accepts live mode only when every gate is open, on its own database file by default', () => {
    expect(parseConfig(GATES).DATABASE_PATH).toBe('./data/warden-live.db');
  });

  for (const [missing, env, message] of [
    ['the API key', { ...GATES, BINANCE_API_KEY: undefined }, 'BINANCE_API_KEY is not set'],
    ['the API secret', { ...GATES, BINANCE_API_SECRET: undefined }, 'BINANCE_API_SECRET is not set'],
    ['the confirmation phrase', { ...GATES, LIVE_TRADING_CONFIRM: 'yes' }, 'LIVE_TRADING_CONFIRM must equal'],
    ['a separate database', { ...GATES, DATABASE_PATH: './data/warden.db' }, 'live trading needs its own file'],
  ] as const) {
    it(`refuses to start live without ${missing}, saying what is missing and never echoing the key`, async () => {
      const error = await startWarden({ env, listen: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain('CANARY');
    });
  }
});
