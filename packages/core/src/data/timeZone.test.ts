import { describe, expect, it } from 'vitest';

describe('the machine zone these file tests run under', () => {
  it('is the one the project asked for (the TZ projects are not silently UTC)', () => {
    const offset = new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset();
    const expected: Record<string, number> = { 'Asia/Kolkata': -330, 'Europe/Berlin': -60 };
    expect(expected[process.env.TZ ?? '']).toBeDefined();
    expect(offset).toBe(expected[process.env.TZ ?? '']);
  });
});
