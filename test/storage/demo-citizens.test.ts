/**
 * The demo's citizen panel on both backends: seeded once (a second run changes nothing), and
 * its headline figures, read back through the stored path, land near the seed's (19 % accept
 * all-digital contact, about one in ten automatic decisions, 59/16/15 % flexibility / speed /
 * uniform treatment, 77 % find the public sector poor at coherence).
 */
import { expect, it } from 'vitest';
import { roundPanelFigures } from '../../src/api/services/panel.ts';
import { makeRelease } from '../../src/api/services/releases.ts';
import { CITIZEN_DEMO, seedCitizenDemo } from '../../src/demo/seed-citizens.ts';
import { listPanelRespondents, listRounds, requireRoundByName } from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';

type Shares = Record<string, Record<string, { share: number; nEffective: number }>>;

describeEachBackend('demo citizen panel', (getDb) => {
  it('is seeded once, and its headline figures land near the seed', async () => {
    const db = getDb();
    expect(await seedCitizenDemo(db)).toBe(true);
    const round = await requireRoundByName(db, CITIZEN_DEMO.round);
    const first = await listPanelRespondents(db, round.id);
    expect(first).toHaveLength(1000);
    expect(await seedCitizenDemo(db)).toBe(false);
    expect(await listPanelRespondents(db, round.id)).toEqual(first);
    expect((await listRounds(db)).map((r) => r.name)).toEqual([CITIZEN_DEMO.round]);

    const { figures } = await roundPanelFigures(db, round);
    const s = figures.shares as unknown as Shares;
    const near = (value: number, target: number) => expect(Math.abs(value - target)).toBeLessThan(0.03);
    near(s['digital.all']!['agree']!.share, 0.19);
    near(s['automated.decisions']!['agree']!.share, 0.1);
    near(s['priority']!['fleksibilitet']!.share, 0.59);
    near(s['priority']!['hurtighed']!.share, 0.16);
    near(s['priority']!['ensartethed']!.share, 0.15);
    near(s['coherence']!['disagree']!.share, 0.77);
    // the weights are unequal: n_eff below n
    expect(s['digital.all']!['agree']!.nEffective).toBeLessThan(1000);
    expect(s['digital.all']!['agree']!.nEffective).toBeGreaterThan(900);

    // the background release scheduler visits every open round: a panel round has no
    // organisations, so it never gets a release with figures, and nothing fails
    await makeRelease(db, round, 'auto', { onlyIfChanged: true });
    expect(await makeRelease(db, round, 'auto', { onlyIfChanged: true })).toBeNull();
  }, 60_000);
});
