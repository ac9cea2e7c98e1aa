/**
 * The citizen panel through the API on both backends: who may import and read it, a bad file
 * refused with row and column (nothing imported), the figures read back, and the combined view
 * beside an it-i-praksis organisation round of the same year imported through the ordinary
 * import path (public organisations only: they are what the view compares with).
 */
import { expect, it } from 'vitest';
import { importInstrument, importOrganisations } from '../../src/api/services/import.ts';
import { roundSectorFigures } from '../../src/api/services/sector.ts';
import { PUBLIC_SECTORS } from '../../src/core/panel/combined.ts';
import { portfolioXlsx } from '../../src/files/portfolio-file.ts';
import { generateItIPraksisRound } from '../../src/demo/it-i-praksis.ts';
import { loadBuiltinInstrumentSource } from '../../src/instruments/registry.ts';
import {
  createRound,
  listPanelRespondents,
  requireRoundByName,
  storeInstrumentVersion,
  type Db,
} from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { startApi } from './helpers.ts';

const FILE = [
  'respondent,weight,bg.age,bg.region,digital.all,channel.choose,priority',
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `p${i},${i % 4 === 0 ? '0.5' : '1.25'},${['18-29', '30-49', '50-64', '65+'][i % 4]},hovedstaden,${(i % 5) + 1},${i % 3 === 0 ? 5 : 2},${i % 2 ? 'fleksibilitet' : 'hurtighed'}`,
  ),
].join('\n');

async function citizenRound(db: Db, name: string) {
  const { instrument, text } = await loadBuiltinInstrumentSource('it-i-praksis-borger');
  await storeInstrumentVersion(db, { id: instrument.id, version: instrument.version, definitionText: text });
  return createRound(db, {
    name,
    instrument: { id: instrument.id, version: instrument.version },
    status: 'open',
  });
}

const upload = (name: string, payload: string, query = '') => ({
  method: 'POST' as const,
  url: `/api/rounds/${name}/panel${query}`,
  payload,
  headers: { 'content-type': 'text/csv' },
});

describeEachBackend('citizen panel API', (getDb) => {
  it('lets whoever runs the round import and read it, and no one else', async () => {
    const db = getDb();
    const api = await startApi(db);
    await citizenRound(db, 'borgere-2026');
    expect((await api.call('analyst', upload('borgere-2026', FILE))).statusCode).toBe(403);
    expect((await api.call('orgLead', upload('borgere-2026', FILE))).statusCode).toBe(403);
    expect((await api.call(null, upload('borgere-2026', FILE))).statusCode).toBe(401);
    await api.assignAnalyst('borgere-2026');
    const res = await api.call('analyst', upload('borgere-2026', FILE, '?minCell=12'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ round: 'borgere-2026', respondents: 40, replaced: 0, minCell: 12 });
    expect(res.json().weightSum).toBeCloseTo(10 * 0.5 + 30 * 1.25, 10);

    const read = await api.call('analyst', { url: '/api/rounds/borgere-2026/panel' });
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body).toMatchObject({ instrument: 'it-i-praksis-borger', respondents: 40, minCell: 12 });
    // agree on digital.all: answers 4 and 5 are i % 5 ∈ {3, 4}
    const agreeW = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 5 >= 3)
      .reduce((s, i) => s + (i % 4 === 0 ? 0.5 : 1.25), 0);
    expect(body.shares['digital.all'].agree.share).toBeCloseTo(agreeW / 42.5, 12);
    // each age band has 10 respondents, under the round's 12: no breakdown cell is shown
    expect(
      Object.values(body.breakdowns['bg.age']).every(
        (c) => (c as { respondents: null }).respondents === null,
      ),
    ).toBe(true);
    expect(body.combined).toEqual(expect.objectContaining({ organisationRound: null }));
    expect((await api.call('orgLead', { url: '/api/rounds/borgere-2026/panel' })).statusCode).toBe(403);
  });

  it('refuses a bad file with every problem by row and column and imports nothing', async () => {
    const db = getDb();
    const api = await startApi(db);
    const round = await citizenRound(db, 'borgere-2026');
    const bad = ['respondent,weight,digital.all', 'q1,1,4', 'q2,0,4', 'q3,abc,9'].join('\n');
    const res = await api.call('admin', upload('borgere-2026', bad));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 3, column: 'B', field: 'weight' }),
      expect.objectContaining({ row: 4, column: 'B', field: 'weight' }),
      expect.objectContaining({ row: 4, column: 'C', field: 'digital.all' }),
    ]);
    const org = await api.call(
      'admin',
      upload('borgere-2026', 'respondent,organisation,digital.all\nq1,Askeby,4'),
    );
    expect(org.statusCode).toBe(422);
    expect(org.json().errors[0]).toMatchObject({ row: 1, column: 'B', field: 'organisation' });
    expect(await listPanelRespondents(db, round.id)).toEqual([]);
    // the same from an XLSX workbook (number cells stay numbers)
    const xlsx = (payload: Buffer) => ({
      method: 'POST' as const,
      url: '/api/rounds/borgere-2026/panel',
      payload,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    const badBook = await portfolioXlsx([
      ['respondent', 'weight', 'digital.all'],
      ['x1', '1.5', '4'],
      ['x2', '0', '4'],
    ]);
    const badX = await api.call('admin', xlsx(badBook));
    expect(badX.statusCode).toBe(422);
    expect(badX.json().errors).toEqual([expect.objectContaining({ row: 3, column: 'B', field: 'weight' })]);
    expect(await listPanelRespondents(db, round.id)).toEqual([]);
    const goodBook = await portfolioXlsx([
      ['respondent', 'weight', 'digital.all'],
      ['x1', '1.5', '4'],
    ]);
    const goodX = await api.call('admin', xlsx(goodBook));
    expect(goodX.statusCode, goodX.body).toBe(200);
    expect(await listPanelRespondents(db, round.id)).toEqual([
      { id: 'x1', weight: 1.5, answers: { 'digital.all': 4 } },
    ]);

    // a round that is not a panel takes no panel file
    expect((await api.call('admin', upload('nope', FILE))).statusCode).toBe(404);
  });

  it("sets citizens' agreement beside the same year's public organisations' channel strategy", async () => {
    const db = getDb();
    const api = await startApi(db);
    await citizenRound(db, 'borgere-2026');
    expect((await api.call('admin', upload('borgere-2026', FILE))).statusCode).toBe(200);
    // The organisation round, through the ordinary import path.
    const organisations = generateItIPraksisRound(60, 7).filter((o) =>
      (PUBLIC_SECTORS as readonly string[]).includes(o.sector),
    );
    const { source } = await importInstrument(db, 'itp-2026', 'it-i-praksis');
    await importOrganisations(db, { roundName: 'itp-2026', source, organisations, actor: 'test' });
    const org = await roundSectorFigures(db, 'itp-2026');
    expect('suppressed' in org).toBe(false);
    const expected = (org as unknown as { shares: Record<string, Record<string, number>> }).shares[
      'channel.strategy'
    ]!['digital-overalt']!;

    const body = (await api.call('admin', { url: '/api/rounds/borgere-2026/panel' })).json();
    expect(body.combined.organisationRound).toEqual({ round: 'itp-2026', shown: true });
    const pair = body.combined.rows.find((r: { id: string }) => r.id === 'all-digital');
    expect(pair.citizens.figure.share).toBeCloseTo(body.shares['digital.all'].agree.share, 15);
    expect(pair.organisations.groups[0]).toEqual({
      group: 'all',
      organisations: organisations.length,
      share: expected,
    });
    // an organisation round under k shows nothing beside the citizens
    const few = organisations.slice(0, 3);
    await importOrganisations(db, { roundName: 'itp-2026-small', source, organisations: few, actor: 'test' });
    const small = (
      await api.call('admin', { url: '/api/rounds/borgere-2026/panel?organisations=itp-2026-small' })
    ).json();
    expect(small.combined.organisationRound).toEqual({ round: 'itp-2026-small', shown: false });
    expect(
      small.combined.rows.every(
        (r: { organisations: { groups: unknown[] } }) => r.organisations.groups.length === 0,
      ),
    ).toBe(true);
    // by default the latest round of the year: now the small one
    const latest = (await api.call('admin', { url: '/api/rounds/borgere-2026/panel' })).json();
    expect(latest.combined.organisationRound.round).toBe('itp-2026-small');

    // an analyst who does not run the organisation round does not get it beside the panel
    await api.assignAnalyst('borgere-2026');
    const analyst = (await api.call('analyst', { url: '/api/rounds/borgere-2026/panel' })).json();
    expect(analyst.combined.organisationRound).toBeNull();
    const asked = await api.call('analyst', { url: '/api/rounds/borgere-2026/panel?organisations=itp-2026' });
    expect(asked.statusCode).toBe(409);
    expect(await requireRoundByName(db, 'itp-2026')).toBeTruthy();
  }, 120_000);
});
