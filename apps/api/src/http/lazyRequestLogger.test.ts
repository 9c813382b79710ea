import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLoggerFactory } from './lazyRequestLogger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, parent: pino({ level: 'info' }, sink) };
}

describe('lazyChildLoggerFactory', () => {
  it('makes no pino child for a request that writes nothing at or above the level', () => {
    const { lines, parent } = capture();
    const child = vi.spyOn(parent, 'child');
    const log = lazyChildLoggerFactory(parent, { reqId: 'req-1' }, {});
    log.debug({ route: '/api/health' }, 'request');
    log.trace('detail');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.level).toBe('info');
  });

  it('writes lines with the request bindings, making the child once', () => {
    const { lines, parent } = capture();
    const child = vi.spyOn(parent, 'child');
    const log = lazyChildLoggerFactory(parent, { reqId: 'req-2' }, {});
    log.info({ route: '/api/system/pause' }, 'request');
    log.error(new Error('boom'), 'failed');
    expect(child).toHaveBeenCalledTimes(1);
    log.child({ part: 'x' }).warn('nested');
    expect(lines.map((l) => [l.reqId, l.msg, l.level])).toEqual([
      ['req-2', 'request', 30],
      ['req-2', 'failed', 50],
      ['req-2', 'nested', 40],
    ]);
    expect(lines[1]?.err).toMatchObject({ message: 'boom' });
  });

  it("honours a route's own log level", () => {
    const { lines, parent } = capture();
    const log = lazyChildLoggerFactory(parent, { reqId: 'req-3' }, { level: 'debug' });
    log.debug('seen at the route level');
    expect(log.level).toBe('debug');
    expect(lines.map((l) => l.msg)).toEqual(['seen at the route level']);
  });
});
