import { TIMEFRAMES } from '@warden/core/domain/market';
import { TRADING_STATES } from '@warden/core/state/tradingState';
import fc from 'fast-check';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { transitionResponse } from '../routes/system/schema.js';
import { approvalSchema, auditEventSchema, systemStatusSchema } from './domainSchemas.js';
import { errorBodySchema } from './errorBody.js';
import { responseSerializerCompiler } from './responseSerializer.js';

function serializer(schema: ZodType, checkResponses = false): (data: unknown) => string {
  return responseSerializerCompiler({ checkResponses })({ schema, method: 'GET', url: '/api/test', httpStatus: '200' }) as (
    data: unknown,
  ) => string;
}

/** What the previous serializer (fastify-type-provider-zod: zod parse, then JSON.stringify) wrote. */
const zodThenStringify = (schema: ZodType, data: unknown) => JSON.stringify(schema.parse(data));

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const text = fc.string({ maxLength: 12 });
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const timeframe = fc.constantFrom(...TIMEFRAMES);
const status = fc.record({
  state: fc.constantFrom(...TRADING_STATES),
  schedulerRunning: fc.boolean(),
  mode: fc.constantFrom('paper' as const, 'live' as const),
  symbol: text,
  strategy: text,
  pairs: fc.array(
    fc.record({ symbol: text, strategy: text, state: fc.constantFrom(...TRADING_STATES), paused: fc.boolean(), dataReady: fc.boolean() }),
    { maxLength: 3 },
  ),
  timeframes: fc.array(timeframe, { maxLength: 3 }),
  dataReady: fc.boolean(),
  dataReadiness: fc.array(
    fc.record(
      { symbol: text, timeframe, required: fc.nat(), available: fc.double({ noNaN: true, noDefaultInfinity: true }), ready: fc.boolean() },
      { requiredKeys: ['timeframe', 'required', 'available', 'ready'] },
    ),
    { maxLength: 3 },
  ),
  lastCycleAt: nullable(time),
  lastCycleId: nullable(text),
  cycleCount: fc.nat(),
  lastError: nullable(text),
  version: text,
  startedAt: time,
  serverTime: time,
});
/** Fields no schema lists: they must never reach a client. */
const extras = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`),
  fc.oneof(text, fc.integer()),
  { maxKeys: 3 },
);

describe('responseSerializer', () => {
  it('writes exactly what zod-then-JSON.stringify wrote, and never a field the schema does not list (property)', () => {
    const write = serializer(systemStatusSchema);
    fc.assert(
      fc.property(status, extras, (data, extra) => {
        const withExtras = {
          ...extra,
          ...data,
          pairs: data.pairs.map((p) => ({ ...p, ...extra })),
          dataReadiness: data.dataReadiness.map((r) => ({ ...r, ...extra })),
        };
        const written = write(withExtras);
        expect(written).toBe(zodThenStringify(systemStatusSchema, withExtras));
        for (const key of Object.keys(extra)) expect(written).not.toContain(key);
      }),
    );
  });

  it('writes unions, records, nested optional objects and free-form values as before', () => {
    const approval = {
      id: 3,
      createdAt: 1,
      expiresAt: 2,
      status: 'PENDING',
      change: { kind: 'strategy', fromStrategy: 'grid', toStrategy: 'ema_crossover', params: { fast_period: 12, on: true, mode: 'x' } },
      reason: 'trend',
      source: 'rules',
      whatIf: {
        candles: 10,
        current: { returnPct: 1, maxDrawdownPct: 2, trades: 3 },
        proposed: { returnPct: 2, maxDrawdownPct: 1, trades: 4 },
      },
      walkForward: null,
      symbol: 'ETH/USDT',
      decidedBy: null,
      decidedAt: null,
      comment: null,
      internal: 'not listed',
    };
    const event = {
      id: 1,
      time: 5,
      type: 'state.paused',
      actor: 'user:a',
      reason: 'r',
      inputs: { nested: [1, 'two', { three: null }] },
      outcome: 'ok',
      correlationId: null,
      prevHash: 'a',
      hash: 'b',
    };
    const cases: Array<[ZodType, unknown]> = [
      [approvalSchema, approval],
      [
        approvalSchema,
        { ...approval, symbol: null, change: { kind: 'params', strategy: 'grid', before: { levels: 5 }, after: { levels: 6 } } },
      ],
      [auditEventSchema, event],
      [auditEventSchema, { ...event, inputs: null }],
      [
        transitionResponse,
        { from: 'RUNNING', to: 'EMERGENCY_STOP', cancellation: { canceled: [], failed: [{ clientOrderId: 'c', error: 'e' }] } },
      ],
      [transitionResponse, { from: 'RUNNING', to: 'PAUSED' }],
      [errorBodySchema, { error: { code: 'X', message: 'm', details: { field: 'body.reason', issues: [{ field: 'a' }] } } }],
    ];
    for (const [schema, data] of cases) expect(serializer(schema)(data)).toBe(zodThenStringify(schema, data));
  });

  it('fails the request when a required field is missing', () => {
    expect(() => serializer(transitionResponse)({ from: 'RUNNING' })).toThrow(/"to" is required/);
  });

  it('with checkResponses, refuses an answer that does not fit its schema (an unknown state)', () => {
    const data = { from: 'RUNNING', to: 'ASLEEP' };
    expect(() => serializer(transitionResponse, true)(data)).toThrow(ResponseSerializationError);
    expect(serializer(transitionResponse, true)({ from: 'RUNNING', to: 'PAUSED' })).toBe('{"from":"RUNNING","to":"PAUSED"}');
  });
});
