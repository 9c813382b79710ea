import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, powerOfTenPlaces, quantize, type StepRounding } from './decimal.js';

describe('decimal steps', () => {
  it('recognises 1 and 10^-k steps, and only those', () => {
    expect(powerOfTenPlaces('1')).toBe(0);
    expect(powerOfTenPlaces('0.01')).toBe(2);
    expect(powerOfTenPlaces('0.00001000')).toBe(5);
    for (const other of ['0.05', '0.25', '10', '0.011', '0', '-0.01', '0.5']) expect(powerOfTenPlaces(other)).toBeNull();
  });

  it('rounding onto a power-of-ten step gives the same decimal as divide, round and multiply', () => {
    const modes: StepRounding[] = ['floor', 'ceil', 'nearest'];
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom(...modes),
        (units, scale, places, mode) => {
          const value = dec(units.toString()).div(10 ** scale);
          const step = dec(1).div(10 ** places);
          const fast = quantize(value, step, powerOfTenPlaces(step), mode);
          const general = quantize(value, step, null, mode);
          expect(fast.toFixed()).toBe(general.toFixed());
          expect(fast.eq(general)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('rounds onto any other step through the division', () => {
    expect(quantize('1.07', dec('0.05'), null, 'floor').toFixed()).toBe('1.05');
    expect(quantize('1.07', dec('0.05'), null, 'ceil').toFixed()).toBe('1.1');
    expect(quantize('1.075', dec('0.05'), null, 'nearest').toFixed()).toBe('1.1');
  });
});
