/**
 * Demo content for the organisation report, on top of `seedDemo`: Askeby Kommune set targets
 * in last year's round (so this year's report shows which it met) and has an action plan
 * under way this year. Does nothing if the demo rounds are missing or the targets exist.
 */
import {
  createPlanItem,
  getOrganisationByName,
  getRoundByName,
  listCompetencyTargets,
  setCompetencyTargets,
  type Db,
} from '../storage/index.ts';
import { DEMO_ROUNDS } from './seed.ts';

export const DEMO_ORGANISATION = 'Askeby Kommune';
const ACTOR = 'demo';

export async function seedDemoPlans(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [previous, current, org] = await Promise.all([
      getRoundByName(tx, DEMO_ROUNDS.previous),
      getRoundByName(tx, DEMO_ROUNDS.current),
      getOrganisationByName(tx, DEMO_ORGANISATION),
    ]);
    if (!previous || !current || !org) return false;
    const last = { organisationId: org.id, roundId: previous.id };
    if ((await listCompetencyTargets(tx, last)).length > 0) return false;
    await setCompetencyTargets(
      tx,
      last,
      [
        { competency: 'leadership', target: 3.5 },
        { competency: 'clarity', target: 3.5 },
        { competency: 'data', target: 3.2 },
      ],
      ACTOR,
    );
    const now = { organisationId: org.id, roundId: current.id };
    await setCompetencyTargets(
      tx,
      now,
      [
        { competency: 'leadership', target: 4 },
        { competency: 'clarity', target: 3.8 },
      ],
      ACTOR,
    );
    const items = [
      {
        title: 'Direktionen udpeger en ejer af den digitale omstilling og følger op hvert kvartal',
        owner: 'Kommunaldirektøren',
        dueDate: '2026-09-30',
        status: 'in_progress' as const,
        adviceKey: 'competency:leadership' as const,
      },
      {
        title: 'Fælles regler for, hvad der drives centralt og decentralt',
        owner: 'Digitaliseringschef',
        dueDate: '2026-12-15',
        status: 'planned' as const,
        adviceKey: 'competency:clarity' as const,
      },
      {
        title: 'Kortlæg tre borgerforløb på tværs af forvaltningerne',
        owner: 'Borgerservice',
        dueDate: '2026-06-01',
        status: 'done' as const,
        adviceKey: 'domain:citizen' as const,
      },
    ];
    for (const item of items) await createPlanItem(tx, now, item, ACTOR);
    return true;
  });
}
