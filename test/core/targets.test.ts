import { describe, expect, it } from 'vitest';
import { adviceKey, isAdviceKey, isCalendarDate } from '../../src/core/plans/plan.ts';
import { targetStatus } from '../../src/core/targets/targets.ts';
import { dtOffentlig } from '../helpers.ts';

describe('competency targets', () => {
  const instrument = dtOffentlig();
  const values = { 'competency.leadership': 3.2, 'competency.data': 4, 'competency.clarity': null };

  it('gives the distance still to go and whether the score reached the target', () => {
    const status = targetStatus(instrument, values, [
      { competency: 'data', target: 4 },
      { competency: 'leadership', target: 3.5 },
      { competency: 'clarity', target: 3 },
      { competency: 'nonsense', target: 5 },
    ]);
    // In the instrument's order; an unknown competency is left out.
    expect(status.map((s) => s.competency)).toEqual(['leadership', 'clarity', 'data']);
    expect(status[0]).toMatchObject({ target: 3.5, score: 3.2, met: false });
    expect(status[0]!.distance).toBeCloseTo(0.3, 10);
    // Nobody answered: neither met nor missed.
    expect(status[1]).toEqual({ competency: 'clarity', target: 3, score: null, distance: null, met: null });
    // Exactly on target is met, also through floating-point noise.
    expect(status[2]).toMatchObject({ distance: 0, met: true });
    expect(
      targetStatus(instrument, { 'competency.data': 3.9999999999 }, [{ competency: 'data', target: 4 }])[0]!
        .met,
    ).toBe(true);
  });
});

describe('plan item rules', () => {
  it('accepts only real calendar dates', () => {
    expect(['2026-02-28', '2028-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(
      ['2026-02-30', '2027-02-29', '2026-13-01', '26-01-01', '2026-1-1', ''].map(isCalendarDate),
    ).toEqual(Array(6).fill(false));
  });

  it('links plan items to advice by kind and id', () => {
    expect(adviceKey('domain', 'services')).toBe('domain:services');
    expect(isAdviceKey('competency:leadership')).toBe(true);
    expect(['leadership', 'stage:x', 'competency:', 'competency:Bad id'].map(isAdviceKey)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
