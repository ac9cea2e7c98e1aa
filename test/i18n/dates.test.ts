/**
 * Dates as staff type and read them: Copenhagen wall time to UTC and back across both daylight
 * saving changes, Danish and English formats; and a round's dates through the settings form.
 */
import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatTime,
  fromLocalInputs,
  toLocalInputs,
} from '../../src/i18n/dates.ts';
import { getRoundByName } from '../../src/storage/index.ts';
import { startWorld } from '../accounts/helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';

describe('Copenhagen dates', () => {
  it('converts summer time (UTC+2) and winter time (UTC+1) to UTC and back', () => {
    expect(fromLocalInputs('2026-07-01', '14:05')).toBe('2026-07-01T12:05:00.000Z');
    expect(fromLocalInputs('2026-12-01', '14:05')).toBe('2026-12-01T13:05:00.000Z');
    expect(fromLocalInputs('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
    expect(toLocalInputs('2026-07-01T12:05:00.000Z')).toEqual({ date: '2026-07-01', time: '14:05' });
    expect(toLocalInputs('2026-11-30T23:00:00.000Z')).toEqual({ date: '2026-12-01', time: '00:00' });
  });

  it('handles the changes themselves: the spring gap moves on, the autumn hour twice is the first', () => {
    // 29 March 2026: 02:00 → 03:00. 02:30 does not exist; the clock then reads 03:30.
    expect(fromLocalInputs('2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(fromLocalInputs('2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(fromLocalInputs('2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026: 03:00 → 02:00. 02:30 happens twice; the first (summer time) is taken.
    expect(fromLocalInputs('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(fromLocalInputs('2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z');
    for (let h = 0; h < 24; h++) {
      const time = `${String(h).padStart(2, '0')}:15`;
      for (const date of ['2026-03-29', '2026-10-25', '2026-06-15', '2026-01-15']) {
        const iso = fromLocalInputs(date, time)!;
        if (!(date === '2026-03-29' && h === 2))
          expect(toLocalInputs(iso), `${date} ${time}`).toEqual({ date, time });
      }
    }
  });

  it('refuses what is not a date or a time', () => {
    for (const [d, t] of [
      ['2026-02-30', '10:00'],
      ['2026-13-01', '10:00'],
      ['1.12.2026', '10:00'],
      ['2026-12-01', '24:00'],
      ['2026-12-01', '9:00'],
    ] as const)
      expect(fromLocalInputs(d, t), `${d} ${t}`).toBeNull();
  });

  it('formats in Danish and English, in Copenhagen', () => {
    const iso = '2026-12-01T13:05:00.000Z';
    expect(formatDate(iso, 'da')).toBe('1. december 2026');
    expect(formatTime(iso, 'da')).toBe('kl. 14.05');
    expect(formatDateTime(iso, 'da')).toBe('1. december 2026 kl. 14.05');
    expect(formatDate(iso, 'en')).toBe('1 December 2026');
    expect(formatTime(iso, 'en')).toBe('14:05');
    expect(formatDateTime(iso, 'en')).toBe('1 December 2026 at 14:05');
    // 23:30 UTC on 30 November is already 1 December in Copenhagen.
    expect(formatDate('2026-11-30T23:30:00.000Z', 'da')).toBe('1. december 2026');
    expect(formatCalendarDate('2027-03-31', 'da')).toBe('31. marts 2027');
  });
});

describeEachBackend('round dates through the settings form', (getDb) => {
  it('stores date inputs as UTC (summer and winter) and shows them back in the inputs and in Danish', async () => {
    const world = await startWorld(getDb());
    const save = (fields: Record<string, string>) =>
      world.as('admin', {
        method: 'POST',
        url: '/admin/rounds/r1/settings',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ title_da: 'Runde', lang_da: '1', k: '5', ...fields }).toString(),
      });
    const saved = await save({
      opens_at_date: '2026-06-01',
      opens_at_time: '09:30',
      closes_at_date: '2026-12-01',
    });
    expect(saved.statusCode).toBe(303);
    const round = (await getRoundByName(world.db, 'r1'))!;
    expect(round.opensAt).toBe('2026-06-01T07:30:00.000Z');
    expect(round.closesAt).toBe('2026-12-01T22:59:00.000Z');
    const page = await world.as('admin', { url: '/admin/rounds/r1' });
    expect(page.body).toMatch(/type="date"[^>]*name="opens_at_date"[^>]*value="2026-06-01"/);
    expect(page.body).toMatch(/type="time"[^>]*name="opens_at_time"[^>]*value="09:30"/);
    expect(page.body).toMatch(/name="closes_at_time"[^>]*value="23:59"/);
    expect(page.body).toContain('1. juni 2026 kl. 09.30</time>');
    expect(page.body).toContain('1. december 2026 kl. 23.59</time>');

    const bad = await save({ opens_at_date: '2026-02-30', closes_at_date: '2026-01-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('“2026-02-30” er ikke en dato');
    const backwards = await save({ opens_at_date: '2026-06-02', closes_at_date: '2026-06-01' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('Runden skal lukke, efter den åbner.');
  });
});
