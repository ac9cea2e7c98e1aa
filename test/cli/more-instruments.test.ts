/**
 * `pejling sector FILE --instrument <id>` for the three instruments of issue 15, and the staff vs
 * leaders comparison under the respondent minimum: an organisation counts only when both groups
 * have at least that many respondents (checked at the minimum and one below it).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exchangeHeader } from '../../src/core/exchange/rows.ts';
import { loadInstrument, ROOT } from '../helpers.ts';
import { pejling } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'pejling-more-'));
const hk = loadInstrument(join(ROOT, 'instruments', 'hk-pejlemaerker.yaml'));

/** One organisation: `staff` respondents answering s, `leaders` answering l, on every item. */
function orgRows(name: string, staff: number, leaders: number, s: number, l: number): string[] {
  const header = exchangeHeader(hk);
  const row = (n: number, role: string, v: number) =>
    header
      .map((h) =>
        h === 'organisation'
          ? name
          : h === 'sector'
            ? 'kommune'
            : h === 'respondent'
              ? `r${n}`
              : h === 'profile.role'
                ? role
                : String(v),
      )
      .join(',');
  return [
    ...Array.from({ length: staff }, (_, i) =>
      row(i + 1, i === 0 ? 'tillidsrepraesentant' : 'medarbejder', s),
    ),
    ...Array.from({ length: leaders }, (_, i) => row(staff + i + 1, i === 0 ? 'topleder' : 'mellemleder', l)),
  ];
}

function file(name: string, extraLeaders: number): string {
  // Five organisations with 3 staff answering 2 and 3 leaders answering 4, and one with
  // 3 staff answering 1 and `extraLeaders` leaders answering 5.
  const lines = [exchangeHeader(hk).join(',')];
  for (let i = 0; i < 5; i++) lines.push(...orgRows(`Org ${i}`, 3, 3, 2, 4));
  lines.push(...orgRows('Edge', 3, extraLeaders, 1, 5));
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

const sector = (path: string) =>
  pejling([
    'sector',
    path,
    '--instrument',
    'hk-pejlemaerker',
    '--format',
    'json',
    '--k',
    '3',
    '--respondent-min',
    '3',
  ]);
const score = (path: string) =>
  JSON.parse(
    pejling(['score', path, '--instrument', 'hk-pejlemaerker', '--format', 'json', '--respondent-min', '3'])
      .stdout,
  );
const edge = (out: { organisations: { organisation: string; comparisons: Record<string, unknown>[] }[] }) =>
  out.organisations.find((o) => o.organisation === 'Edge')!.comparisons[0]!;

describe('staff vs leaders inside one organisation, under the respondent minimum', () => {
  it('is withheld with one leader too few', () => {
    const c = edge(score(file('below.csv', 2)));
    expect(c).toMatchObject({ id: 'staff-leaders', status: 'too-few' });
    expect(c.rows).toBeUndefined();
  });

  it('is shown at the minimum: per bearing staff − leaders', () => {
    const c = edge(score(file('at.csv', 3))) as {
      status: string;
      rows: { id: string; a: number; b: number; difference: number }[];
      flagged: { id: string }[];
    };
    expect(c.status).toBe('shown');
    // staff answer 1, leaders 5 on every item: −4 on every bearing
    const ledelse = c.rows.find((r) => r.id === 'bearing.ledelse')!;
    expect(ledelse).toMatchObject({ a: 1, b: 5, difference: -4 });
  });

  it('counts, across the round, the organisations with both groups (k protects the round figure)', () => {
    const out = JSON.parse(sector(file('round.csv', 3)).stdout);
    expect(out.staffLeaders.organisations).toBe(6);
    // staff (5 × 2 + 1) / 6 = 11/6; leaders (5 × 4 + 5) / 6 = 25/6; difference −14/6
    const row = out.staffLeaders.rows['bearing.ledelse'];
    expect(row.staff).toBeCloseTo(11 / 6, 12);
    expect(row.leaders).toBeCloseTo(25 / 6, 12);
    expect(row.difference).toBeCloseTo(-14 / 6, 12);
  });
});

describe('pejling sector for each new instrument', () => {
  it('gives figures, and exits 2 with row and column on an unknown role', () => {
    const ok = sector(file('ok.csv', 3));
    expect(Object.keys(JSON.parse(ok.stdout))).toEqual(
      expect.arrayContaining(['bearings', 'staffLeaders', 'roles']),
    );
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [exchangeHeader(hk).join(','), ...orgRows('X', 1, 0, 3, 3)]
        .join('\n')
        .replace('tillidsrepraesentant', 'chef'),
    );
    const r = sector(bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/row 2, column D \(profile\.role\): "chef" is not one of/);
  });

  it('shows each built-in instrument', () => {
    for (const id of ['strategiske-spoergsmaal', 'sikkerhedstrekant', 'hk-pejlemaerker']) {
      const r = pejling(['instrument', 'show', id, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).id).toBe(id);
    }
  });
});
