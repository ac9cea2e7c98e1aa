/**
 * The organisation panel's demo round, on both backends: seeded once (a re-run changes
 * nothing), private and public organisations stored as generated, and the stored round's
 * released figures hit the seed's places (docs/it-i-praksis.md).
 */
import { expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { groupState, publicationFigures, sectorFiguresJson } from '../../src/core/release/read.ts';
import { generateItIPraksisRound, IT_I_PRAKSIS_DEMO } from '../../src/demo/it-i-praksis.ts';
import { IT_I_PRAKSIS_DEMO_ROUND, seedItIPraksisDemo } from '../../src/demo/seed-it-i-praksis.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { makeRelease } from '../../src/api/services/releases.ts';
import { organisationReport } from '../../src/api/services/organisation-report.ts';
import { roundSectorReport } from '../../src/api/services/round-reports.ts';
import { getOrganisationByName, getRoundByName, loadRoundData } from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachBackend('the it-i-praksis demo round', (getDb) => {
  it('is seeded once, with every organisation and leader, and its figures land on the seed', async () => {
    const db = getDb();
    const started = performance.now();
    expect(await seedItIPraksisDemo(db)).toEqual([IT_I_PRAKSIS_DEMO_ROUND]);
    const took = performance.now() - started;
    const first = await loadRoundData(db, IT_I_PRAKSIS_DEMO_ROUND);
    const round = await getRoundByName(db, IT_I_PRAKSIS_DEMO_ROUND);
    expect(await seedItIPraksisDemo(db)).toEqual([]);
    const again = await loadRoundData(db, IT_I_PRAKSIS_DEMO_ROUND);
    expect(again.organisations).toEqual(first.organisations);
    expect(await getRoundByName(db, IT_I_PRAKSIS_DEMO_ROUND)).toEqual(round);

    const generated = generateItIPraksisRound(IT_I_PRAKSIS_DEMO.organisations, IT_I_PRAKSIS_DEMO.seed);
    expect(first.organisations).toHaveLength(IT_I_PRAKSIS_DEMO.organisations);
    expect(first.organisations.reduce((n, o) => n + o.respondents.length, 0)).toBe(
      generated.reduce((n, o) => n + o.respondents.length, 0),
    );
    const sectors = new Set(first.organisations.map((o) => o.sector));
    expect([...sectors].sort()).toEqual(['andet', 'kommune', 'privat', 'region', 'stat']);
    expect(round?.respondentMin).toBe(2);

    const instrument = await loadBuiltinInstrument('it-i-praksis');
    const release = releaseOfOrganisations(
      instrument,
      first.organisations,
      disclosurePolicy({ k: 5, respondentMin: 2 }),
      '2026-12-02T00:00:00.000Z',
    );
    const j = sectorFiguresJson(instrument, IT_I_PRAKSIS_DEMO_ROUND, release) as Json;
    expect(j.focusAreas.kundeservice).toMatchObject({ business: { place: 3 }, it: { place: 12 } });
    expect(j.focusAreas.talent).toMatchObject({ business: { place: 4 }, it: { place: 14 } });
    expect(j.focusAreas.inspiration).toMatchObject({ business: { place: 17 }, it: { place: 19 } });
    const best = publicationFigures(instrument, groupState(release, 'best')!.publication!) as Json;
    expect(best.focusAreas.talent.business.place).toBe(3);
    for (const s of ['stat', 'kommune']) expect(j.bySector[s].shares.barriers.lovgivning).toBeCloseTo(0.5, 1);
    expect(j.shares['barriers.laws'].persondataloven).toBeCloseTo(0.37, 1);
    expect(j.shares['barriers.laws'].forvaltningsloven).toBeCloseTo(0.29, 1);
    expect(j.shares['competence.strategy'].nej).toBeCloseTo(0.53, 1);

    // Through the app's own services: the release, the sector report and an organisation's report.
    await makeRelease(db, round!, 'import');
    const sector = await roundSectorReport(db, round!);
    expect(sector.placeComparisons.find((c) => c.kind === 'groups')!.rows[0]!.gap).not.toBeNull();
    expect(sector.groups.find((g) => g.id === 'sector:privat')?.figures).not.toBeNull();
    const name = first.organisations.find((o) => o.sector === 'privat' && o.respondents.length === 3)!.name;
    const org = (await getOrganisationByName(db, name))!;
    const report = await organisationReport(db, round!, org, 'da');
    expect(report.panel?.peerGroup).toBe('sector:privat');
    expect(report.panel?.priorities?.rows).toHaveLength(19);
    expect(report.panel?.profile.find((p) => p.item === 'tech.rpa')?.rows[0]?.peers).toBeGreaterThan(0);
    console.log(
      `[${db.dialect}] seeded ${IT_I_PRAKSIS_DEMO.organisations} organisations in ${took.toFixed(0)} ms`,
    );
  }, 120_000);
});
