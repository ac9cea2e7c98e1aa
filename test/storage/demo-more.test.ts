/**
 * The demo rounds of the three further instruments, on both backends: created once with the
 * answers the instruments' declarations give (deterministic), kept as they are on a re-run, the
 * free text stored with the organisation (and the sector figures still without any of it).
 */
import { expect, it } from 'vitest';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { sectorFiguresJson } from '../../src/core/release/read.ts';
import { MORE_DEMO_ROUNDS, seedMoreDemo } from '../../src/demo/seed-more.ts';
import { IT_I_PRAKSIS_DEMO_ROUND } from '../../src/demo/seed-it-i-praksis.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { loadRoundData } from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';

describeEachBackend('demo rounds of the further instruments', (getDb) => {
  it('seeds each round once, deterministically, and imports every answer', async () => {
    const db = getDb();
    expect(await seedMoreDemo(db)).toEqual([
      ...MORE_DEMO_ROUNDS.map((d) => d.round),
      IT_I_PRAKSIS_DEMO_ROUND,
    ]);
    const first = await Promise.all(MORE_DEMO_ROUNDS.map((d) => loadRoundData(db, d.round)));
    expect(await seedMoreDemo(db)).toEqual([]);
    const again = await Promise.all(MORE_DEMO_ROUNDS.map((d) => loadRoundData(db, d.round)));
    expect(again.map((r) => r.organisations)).toEqual(first.map((r) => r.organisations));
    const [, security, staff] = first;
    expect(security!.organisations).toHaveLength(48);
    expect(staff!.organisations.every((o) => o.respondents.length === 8)).toBe(true);
    // evidence is stored with the organisation's answers, never published
    const evidence = security!.organisations.flatMap((o) =>
      o.respondents.flatMap((r) => Object.entries(r.answers).filter(([k]) => k.endsWith('.evidence'))),
    );
    expect(evidence.length).toBeGreaterThan(0);
    const instrument = await loadBuiltinInstrument('sikkerhedstrekant');
    const release = releaseOfOrganisations(
      instrument,
      security!.organisations,
      { k: 5, respondentMin: 3 },
      '2026-12-02T00:00:00.000Z',
    );
    const json = JSON.stringify(sectorFiguresJson(instrument, 'demo', release));
    for (const [, text] of evidence.slice(0, 20)) expect(json).not.toContain(String(text));
    expect(json).toMatch(/"noOwner"/);
  }, 120_000);
});
