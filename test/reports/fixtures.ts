/** Pure inputs for the organisation report: generated rounds with controllable peer groups. */
import type { Instrument, Lang } from '../../src/core/instrument/types.ts';
import type { PlanItem } from '../../src/core/plans/plan.ts';
import { generateRound } from '../../src/demo/generate.ts';
import type { ReportInput, RoundOrganisation } from '../../src/reports/organisation/model/types.ts';
import { dtOffentlig } from '../helpers.ts';

export const instrument: Instrument = dtOffentlig();

const ROUND = { name: 'r-2026', title: { da: 'Runde 2026', en: 'Round 2026' }, status: 'open', kMin: 5 };
const PREVIOUS = { name: 'r-2025', title: { da: 'Runde 2025', en: 'Round 2025' }, status: 'closed', kMin: 5 };

/**
 * `total` organisations: the first `agencies` are small state agencies, the rest large
 * municipalities, so the agencies' sector and size groups hold exactly `agencies` members.
 */
export function peers(total: number, agencies: number, seed = 7): RoundOrganisation[] {
  return generateRound(instrument, { organisations: total, respondents: [3, 5], seed }).map((o, i) => ({
    name: i < agencies ? `Styrelse ${i + 1}` : `Kommune ${i + 1}`,
    sector: i < agencies ? 'stat' : 'kommune',
    type: i < agencies ? 'styrelse' : 'kommune',
    sizeBand: i < agencies ? 'small' : 'large',
    respondents: o.respondents,
  }));
}

export const planItem = (over: Partial<PlanItem> = {}): PlanItem => ({
  id: 1,
  title: 'Ledelsesseminar',
  owner: 'Direktionen',
  dueDate: '2026-06-30',
  status: 'in_progress',
  adviceKey: 'competency:leadership',
  createdBy: 'lead@example.dk',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedBy: 'lead@example.dk',
  updatedAt: '2026-03-01T09:00:00.000Z',
  ...over,
});

export function input(over: Partial<ReportInput> & { lang?: Lang } = {}): ReportInput {
  const organisations = over.organisations ?? peers(24, 6);
  const organisation = over.organisation ?? organisations[0]!.name;
  const earlier = generateRound(instrument, {
    organisations: organisations.length,
    respondents: 3,
    seed: 99,
  });
  return {
    instrument,
    lang: 'da',
    generatedAt: '2026-11-23T12:00:00.000Z',
    round: ROUND,
    organisation,
    organisations,
    history: [
      {
        round: PREVIOUS,
        instrument,
        data: { ...earlier[0]!, name: organisation },
      },
    ],
    targets: [{ competency: 'leadership', target: 4.5 }],
    previousTargets: {
      round: PREVIOUS,
      targets: [
        { competency: 'leadership', target: 1.5 },
        { competency: 'data', target: 5 },
      ],
    },
    plan: [planItem()],
    ...over,
  };
}
