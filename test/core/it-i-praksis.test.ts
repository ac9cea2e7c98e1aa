/**
 * The organisation panel (`it-i-praksis`): the partial ranking (top 5 of 19) in the exchange
 * format, the priority-list rule (shares over the group's respondents who ranked anything, ties
 * by mean rank, then the instrument's order) and the contract's JSON with `bySector`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExchangeCsv } from '../../src/core/exchange/csv.ts';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { sectorFiguresJson } from '../../src/core/release/read.ts';
import { loadInstrument, orgsFromCsv, rawFigures, ROOT } from '../helpers.ts';

const panel = loadInstrument(join(ROOT, 'instruments', 'it-i-praksis.yaml'));
const AREAS = panel.itemById.get('focus')!.slots.map((s) => s.id);
const HEADER = ['organisation', 'sector', 'respondent', 'profile.role', ...AREAS, 'barriers', 'tech.rpa'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One row: ranks by area id (without "focus."). */
function row(
  org: string,
  sector: string,
  id: string,
  role: string,
  ranks: Record<string, number>,
  rest = ['', ''],
) {
  return [org, sector, id, role, ...AREAS.map((a) => String(ranks[a.slice(6)] ?? '')), ...rest].join(',');
}
const csv = (...rows: string[]) => [HEADER.join(','), ...rows].join('\n');

describe('it-i-praksis: partial ranking in the exchange format', () => {
  const problems = (text: string) => {
    const r = parseExchangeCsv(panel, text, 'in.csv');
    return r.ok ? [] : r.problems.map((p) => `row ${p.row} (${p.column}): ${p.message}`);
  };

  it('accepts up to five distinct ranks and none at all', () => {
    expect(
      problems(
        csv(
          row('A', 'privat', '1', 'it', { talent: 1, cloud: 5, legacy: 3 }),
          row('A', 'privat', '2', 'it', {}),
        ),
      ),
    ).toEqual([]);
  });

  it('rejects a reused rank, more than five ranked and a rank above 5, with row and column', () => {
    expect(
      problems(
        csv(
          row('A', 'kommune', '1', 'it', { talent: 2, cloud: 2 }),
          row('A', 'kommune', '2', 'it', {
            kundefokus: 1,
            kundeservice: 2,
            effektivisering: 3,
            talent: 4,
            cloud: 5,
            agil: 1,
          }),
          row('A', 'kommune', '3', 'it', { agil: 6 }),
        ),
      ),
    ).toEqual([
      'row 2 (focus.cloud): rank 2 is given 2 times (focus.talent, focus.cloud); each rank once',
      'row 3 (focus.agil): 6 options are ranked (focus.kundefokus, focus.kundeservice, focus.effektivisering, focus.talent, focus.cloud, focus.agil); rank at most 5',
      'row 4 (focus.agil): 6 is outside 1–5',
    ]);
  });

  it('takes the contract sector privat, rejects unknown ones', () => {
    expect(problems(csv(row('A', 'firma', '1', 'it', {})))).toEqual([
      'row 2 (sector): sector must be one of stat, region, kommune, privat, andet (found "firma")',
    ]);
  });
});

describe('it-i-praksis: priority lists per group', () => {
  // Business: five leaders rank something (r3 ranks nothing and does not count); IT: one does.
  const orgs = orgsFromCsv(
    panel,
    csv(
      row('A', 'kommune', 'r1', 'topleder', { kundeservice: 1, talent: 2 }),
      row('A', 'kommune', 'r2', 'forretning', { talent: 1, kundeservice: 3 }),
      row('A', 'kommune', 'r3', 'topleder', {}),
      row('A', 'kommune', 'r4', 'it', { strategi: 1 }),
      row('B', 'privat', 'r5', 'topleder', { kundeservice: 2, legacy: 1 }),
      row('B', 'privat', 'r6', 'it', {}),
      row('B', 'privat', 'r7', 'topleder', { automatisering: 2 }),
      row('B', 'privat', 'r8', 'forretning', { sikkerhed: 1 }),
      row('B', 'privat', 'r9', 'andet', { inspiration: 1 }),
    ),
  );
  const focus = (rawFigures(panel, 'r', orgs) as Json).focusAreas as Json;

  it('shares over the respondents who ranked at least one area', () => {
    expect(focus.kundeservice.business.share).toBeCloseTo(3 / 5, 12);
    expect(focus.talent.business.share).toBeCloseTo(2 / 5, 12);
    expect(focus.kundeservice.business.meanRank).toBeCloseTo(2, 12);
    expect(focus.strategi.it.share).toBe(1);
    // "andet" is in neither group.
    expect(focus.inspiration.business.share).toBe(0);
  });

  it('places: share first, then the lower mean rank, then the instrument order', () => {
    const places = Object.fromEntries(AREAS.map((a) => [a.slice(6), focus[a.slice(6)].business.place]));
    expect(places).toMatchObject({
      kundeservice: 1,
      talent: 2,
      sikkerhed: 3, // 1/5, mean rank 1, before legacy by order
      legacy: 4, // 1/5, mean rank 1
      automatisering: 5, // 1/5, mean rank 2
      kundefokus: 6, // nobody: the instrument's order
      effektivisering: 7,
      agil: 19,
    });
    expect(new Set(Object.values(places)).size).toBe(19);
    expect(focus.strategi.it.place).toBe(1);
    expect(focus.kundefokus.it.place).toBe(2);
    expect(focus.kundeservice.it.place).toBe(3);
    // business place − IT place
    expect(focus.kundeservice.placeGap).toBe(1 - 3);
  });
});

describe('it-i-praksis: released JSON with bySector', () => {
  const rows: string[] = [];
  const sectors = { kommune: 6, privat: 6, stat: 1 };
  let n = 0;
  for (const [sector, count] of Object.entries(sectors))
    for (let o = 0; o < count; o++)
      for (const role of ['topleder', 'it'])
        rows.push(
          row(`${sector}${o}`, sector, `r${n++}`, role, { talent: 1 + (n % 5), cloud: 1 + ((n + 1) % 5) }, [
            n % 2 ? 'lovgivning;budget' : 'kultur',
            n % 3 ? 'bruger' : 'nej',
          ]),
        );
  const orgs = orgsFromCsv(panel, csv(...rows));
  const release = releaseOfOrganisations(
    panel,
    orgs,
    disclosurePolicy({ k: 5, respondentMin: 2 }),
    '2026-01-01T00:00:00Z',
  );
  const json = sectorFiguresJson(panel, 'r', release) as Json;

  it('has the contract keys and shares as fractions', () => {
    expect(json.instrument).toBe('it-i-praksis');
    expect(json.organisations).toBe(13);
    expect(Object.keys(json.focusAreas.talent)).toEqual(['business', 'it', 'placeGap']);
    expect(json.shares.barriers.lovgivning).toBeGreaterThan(0);
    expect(json.shares.barriers.lovgivning).toBeLessThan(1);
  });

  it('repeats the figures for sectors the release shows, never for one under k', () => {
    const shown = release.groups
      .filter((g) => g.group.startsWith('sector:') && g.publication?.sector)
      .map((g) => g.group.slice(7));
    expect(Object.keys(json.bySector).sort()).toEqual(shown.sort());
    // kommune is shown; privat is held back with stat (else all − kommune − privat = stat).
    expect(Object.keys(json.bySector)).toEqual(['kommune']);
    expect(json.bySector.kommune.organisations).toBe(6);
    expect(json.bySector.kommune.shares['tech.rpa'].bruger).toBeGreaterThan(0);
    expect(json.bySector.stat).toBeUndefined();
  });

  it('attacker: the whole round minus the shown sectors never isolates the small one', () => {
    // The whole round's mean share over 13 organisations, minus 6 + 6 shown: the 13th's value.
    const all = json.shares['tech.rpa']?.bruger;
    const k = json.bySector.kommune?.shares['tech.rpa']?.bruger;
    const p = json.bySector.privat?.shares['tech.rpa']?.bruger;
    const known = [all, k, p].every((x) => typeof x === 'number');
    expect(known, 'the release must hold back one of the three').toBe(false);
  });
});
