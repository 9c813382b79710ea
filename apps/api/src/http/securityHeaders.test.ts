import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@warden/testkit/tempDir';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, startApi } from '../testing/apiHarness.js';

let h: ApiHarness;
let cleanupDir: () => void = () => {};
afterEach(async () => {
  await h.close();
  cleanupDir();
});

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '').split(';').map(
      (d) =>
        d
          .trim()
          .split(/\s+(.*)/s)
          .slice(0, 2) as [string, string],
    ),
  );
}

describe('security headers', () => {
  it('the panel, the docs, the API, errors and the event stream all forbid framing and sniffing and carry the CSP', async () => {
    const dir = makeTempDir('warden-web-');
    cleanupDir = dir.cleanup;
    mkdirSync(join(dir.dir, 'assets'));
    writeFileSync(join(dir.dir, 'index.html'), '<!doctype html><title>Warden panel</title>');
    h = await startApi({ auth: true, webRoot: dir.dir });
    const token = await h.login('viewer');
    const answers = {
      panel: await fetch(`${h.url}/`),
      docs: await fetch(`${h.url}/api/docs/`),
      openapi: await fetch(`${h.url}/api/openapi.json`),
      api: await fetch(`${h.url}/api/system/status`, { headers: { authorization: `Bearer ${token}` } }),
      refused: await fetch(`${h.url}/api/system/status`),
      missing: await fetch(`${h.url}/api/nothing`),
    };
    const abort = new AbortController();
    const stream = await fetch(`${h.url}/api/stream`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    for (const [name, res] of Object.entries({ ...answers, stream })) {
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('frame-ancestors'), name).toBe("'none'");
      expect(csp.get('script-src'), name).toBe("'self'");
      expect(csp.get('object-src'), name).toBe("'none'");
      expect(res.headers.get('x-frame-options'), name).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
    }
    abort.abort();
    for (const name of ['docs', 'openapi', 'api', 'refused', 'missing'] as const)
      expect(answers[name].headers.get('cache-control'), name).toBe('no-store');
    expect(stream.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(await answers.docs.text()).toContain('Swagger UI');
  });
});
