import { openStore, type SqliteStore } from '@warden/storage/openStore';
import { tempDbPath } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { adoptLegacyBaseline, baselineKey, LEGACY_BASELINE_KEY } from './liveReconciler.js';

let store: SqliteStore | null = null;
let cleanup: () => void = () => {};
afterEach(() => {
  store?.close();
  cleanup();
  store = null;
});

function freshStore(): SqliteStore {
  const db = tempDbPath();
  cleanup = db.cleanup;
  store = openStore(db.path);
  return store;
}

describe('the live balance check baseline, one per base asset', () => {
  it("a single-pair database's baseline moves under the base that database traded, once", () => {
    const s = freshStore();
    s.config.set(LEGACY_BASELINE_KEY, '0.5', 'system', 1);
    expect(adoptLegacyBaseline(s, 'BTC', 2)).toBe(true);
    expect(s.config.get(baselineKey('BTC'))).toBe('0.5');
    // The other pairs' bases start without one (taken at their first check), and a second start moves nothing.
    expect(s.config.get(baselineKey('ETH'))).toBeNull();
    s.config.set(baselineKey('BTC'), '0.7', 'system', 3);
    expect(adoptLegacyBaseline(s, 'BTC', 4)).toBe(false);
    expect(s.config.get(baselineKey('BTC'))).toBe('0.7');
  });

  it('a database without the old key has nothing to move', () => {
    const s = freshStore();
    expect(adoptLegacyBaseline(s, 'BTC', 1)).toBe(false);
    expect(s.config.get(baselineKey('BTC'))).toBeNull();
  });
});
