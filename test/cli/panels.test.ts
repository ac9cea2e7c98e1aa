/** `pejling instrument show` and `pejling sector FILE` for the two IT i praksis panels, as a user runs them. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pejling } from './run.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-panels-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('IT i praksis on the command line', () => {
  it('both instruments are built in and show', () => {
    const list = pejling(['instrument', 'list']);
    expect(list.stdout).toContain('it-i-praksis-borger');
    const show = pejling(['instrument', 'show', 'it-i-praksis']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('focus.kundeservice');
  }, 60_000);

  it('a citizen file gives weighted shares with intervals; an organisation column exits 2', async () => {
    const lines = ['respondent,weight,bg.age,digital.all,priority'];
    for (let i = 0; i < 40; i++)
      lines.push(`c${i},${i % 2 ? 1.5 : 0.5},65+,${i % 5 === 0 ? 5 : 2},hurtighed`);
    const file = join(dir, 'borger.csv');
    await writeFile(file, lines.join('\n'));
    const r = pejling(['sector', file, '--instrument', 'it-i-praksis-borger', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.instrument).toBe('it-i-praksis-borger');
    expect(json.respondents).toBe(40);
    expect(json.weightSum).toBeCloseTo(40, 9);
    // agree: every fifth respondent (i = 0, 5, …, 35), weights 0.5 and 1.5 in turn: 4 × 0.5 + 4 × 1.5 of 40.
    expect(json.shares['digital.all'].agree.share).toBeCloseTo(8 / 40, 12);
    expect(json.shares['digital.all'].agree.nEffective).toBeCloseTo(1600 / 50, 9); // 40² ÷ (20 × 0.25 + 20 × 2.25)
    expect(json.breakdowns['bg.age']['65+'].respondents).toBe(40);

    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'respondent,organisation,weight,digital.all\nc1,X,1,3\n');
    const b = pejling(['sector', bad, '--instrument', 'it-i-praksis-borger']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('row 1, column B (organisation)');
  }, 60_000);
});
