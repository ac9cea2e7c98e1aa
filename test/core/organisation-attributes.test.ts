/**
 * Organisation attributes in the core: the size band follows from the size by the instrument's
 * limits, types are checked per sector, and exchange files carry `org.*` columns — one value
 * per organisation per file, written back unchanged.
 */
import { describe, expect, it } from 'vitest';
import { formatExchangeCsv, parseExchangeCsv } from '../../src/core/exchange/csv.ts';
import {
  bandLimits,
  organisationRules,
  sizeBandOf,
  typeProblem,
} from '../../src/core/organisations/attributes.ts';
import { groupLabel } from '../../src/reports/figures/labels.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';

const DT = await loadBuiltinInstrument('dt-offentlig');
const rules = organisationRules(DT);
const ids = DT.answerIds;
const answers = (role: string) =>
  ids
    .map((id) => (id === 'profile.role' ? role : DT.slotById.get(id)!.kind === 'scale' ? '3' : ''))
    .join(',');

describe('size bands and types', () => {
  it('gives the band from the size under each sector’s limits (inhabitants, FTEs)', () => {
    expect(sizeBandOf(rules, 'kommune', 19_999)).toBe('small');
    expect(sizeBandOf(rules, 'kommune', 20_000)).toBe('medium');
    expect(sizeBandOf(rules, 'kommune', 50_000)).toBe('large');
    expect(sizeBandOf(rules, 'stat', 99.5)).toBe('small');
    expect(sizeBandOf(rules, 'stat', 600)).toBe('large');
    expect(sizeBandOf(rules, 'andet', 600)).toBeNull();
    expect(sizeBandOf(rules, 'kommune', null)).toBeNull();
    expect(bandLimits(rules, 'kommune', 'medium')).toEqual({
      unit: 'inhabitants',
      from: 20_000,
      below: 50_000,
    });
  });

  it('names the valid type codes of the sector', () => {
    expect(typeProblem(rules, 'region', 'hospital')).toBeNull();
    expect(typeProblem(rules, 'region', 'kommune')).toBe(
      'type must be one of region, hospital for the sector region (found "kommune")',
    );
  });

  it('labels peer groups in plain words, never by key', () => {
    expect(groupLabel('size:kommune/medium', 'da', { instrument: DT })).toBe(
      'Kommuner med 20.000–50.000 indbyggere',
    );
    expect(groupLabel('size:kommune/small', 'en', { instrument: DT })).toBe(
      'Municipalities with fewer than 20,000 inhabitants',
    );
    expect(groupLabel('size:stat/large', 'da', { instrument: DT })).toBe(
      'Statslige organisationer med mindst 500 årsværk',
    );
    expect(groupLabel('similar:kommune/none/none', 'da')).toBe('Mest lignende organisationer');
    expect(
      groupLabel('comparison:7', 'da', { nameOf: (id) => (id === 7 ? 'Aabenraa Kommune' : undefined) }),
    ).toBe('Sammenligningsgruppe for Aabenraa Kommune');
  });
});

describe('org.* columns in exchange files', () => {
  const header = `organisation,sector,respondent,org.type,org.size,org.region,org.flis,${ids.join(',')}`;

  it('reads one value per organisation and writes the same file back', () => {
    const text = [
      header,
      `Aabenraa Kommune,kommune,a1,kommune,58000,Syddanmark,4,${answers('topleder')}`,
      `Aabenraa Kommune,kommune,a2,kommune,58000,Syddanmark,4,${answers('it')}`,
      `Region Syd,region,b1,hospital,,,,${answers('topleder')}`,
    ].join('\n');
    const parsed = parseExchangeCsv(DT, `${text}\n`, 'x.csv');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.organisations.map((o) => o.attributes)).toEqual([
      { type: 'kommune', size: 58_000, region: 'Syddanmark', extra: { flis: '4' } },
      { type: 'hospital', size: null, region: null, extra: { flis: '' } },
    ]);
    expect(formatExchangeCsv(DT, parsed.organisations)).toBe(`${text}\n`);
  });

  it('refuses another value for the same organisation, a wrong type and a bad column, by row and column', () => {
    const text = [
      header,
      `Aabenraa Kommune,kommune,a1,kommune,58000,Syddanmark,4,${answers('topleder')}`,
      `Aabenraa Kommune,kommune,a2,kommune,59000,Syddanmark,4,${answers('it')}`,
      `Region Syd,region,b1,styrelse,x,,,${answers('topleder')}`,
    ].join('\n');
    const parsed = parseExchangeCsv(DT, text, 'x.csv');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      {
        file: 'x.csv',
        row: 3,
        column: 'org.size',
        columnLetter: 'E',
        message: '"Aabenraa Kommune" has org.size "58000" in row 2, "59000" here',
      },
      {
        file: 'x.csv',
        row: 4,
        column: 'org.type',
        columnLetter: 'D',
        message: 'type must be one of region, hospital for the sector region (found "styrelse")',
      },
      {
        file: 'x.csv',
        row: 4,
        column: 'org.size',
        columnLetter: 'E',
        message: 'size must be a number of inhabitants or full-time equivalents, 0 or more (found "x")',
      },
    ]);
    const badHeader = parseExchangeCsv(
      DT,
      `organisation,sector,respondent,org.Size\nA,kommune,a1,1\n`,
      'y.csv',
    );
    expect(badHeader.ok).toBe(false);
    if (!badHeader.ok) expect(badHeader.problems[0]).toMatchObject({ row: 1, column: 'org.Size' });
  });
});
