/**
 * Pure inputs for the organisation report: generated rounds with controllable peer groups,
 * released as the app would (src/core/release), so the report sees exactly what a release
 * lets it see.
 */
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import type { Instrument, Lang } from '../../src/core/instrument/types.ts';
import type { PlanItem } from '../../src/core/plans/plan.ts';
import { buildRelease, versionsOfOrganisations } from '../../src/core/release/build.ts';
import { decideComparisons } from '../../src/core/release/organisation-version.ts';
import { organisationPeers, prepareRelease } from '../../src/core/release/peers.ts';
import { publicationFigures } from '../../src/core/release/read.ts';
import { generateRound } from '../../src/demo/generate.ts';
import type { ReportInput } from '../../src/reports/organisation/model/types.ts';
import { dtOffentlig } from '../helpers.ts';

export const instrument: Instrument = dtOffentlig();

const ROUND = {
  name: 'r-2026',
  title: { da: 'Runde 2026', en: 'Round 2026' },
  status: 'open',
  kMin: 5,
  respondentMin: 3,
};
const PREVIOUS = {
  ...ROUND,
  name: 'r-2025',
  title: { da: 'Runde 2025', en: 'Round 2025' },
  status: 'closed',
};

export interface PeerOrganisation extends OrganisationData {
  readonly type: string | null;
  readonly sizeBand: string | null;
}

/**
 * `total` organisations: the first `agencies` are small state agencies, the rest large
 * municipalities, so the agencies' sector and size groups hold exactly `agencies` members. The
 * first organisation has three business and three IT leaders, so its comparison can be shown.
 */
export function peers(total: number, agencies: number, seed = 7): PeerOrganisation[] {
  return generateRound(instrument, { organisations: total, respondents: [3, 5], seed }).map((o, i) => ({
    name: i < agencies ? `Styrelse ${i + 1}` : `Kommune ${i + 1}`,
    sector: i < agencies ? 'stat' : 'kommune',
    type: i < agencies ? 'styrelse' : 'kommune',
    sizeBand: i < agencies ? 'small' : 'large',
    respondents:
      i === 0
        ? [...o.respondents, ...o.respondents, ...o.respondents].slice(0, 6).map((r, j) => ({
            id: `r${j}`,
            answers: { ...r.answers, 'profile.role': j < 3 ? 'topleder' : 'it' },
          }))
        : o.respondents,
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

type InputOptions = Partial<Omit<ReportInput, 'organisation'>> & {
  lang?: Lang;
  /** The round's organisations (released together); the report is on `organisation`. */
  organisations?: PeerOrganisation[];
  organisation?: string;
};

export function input(over: InputOptions = {}): ReportInput {
  const { organisations: given, organisation: name, ...rest } = over;
  const organisations = given ?? peers(24, 6);
  const at = organisations.findIndex((o) => o.name === (name ?? organisations[0]!.name));
  if (at < 0) throw new Error(`no organisation ${name}`);
  const own = organisations[at]!;
  const versions = versionsOfOrganisations(instrument, organisations);
  const content = buildRelease({
    instrument,
    policy: disclosurePolicy({ k: ROUND.kMin, respondentMin: ROUND.respondentMin }),
    number: 1,
    at: '2026-11-20T08:00:00.000Z',
    final: false,
    versions,
    previous: [],
  });
  const all = content.groups.find((g) => g.group === 'all')?.publication;
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
    organisation: { name: own.name, sector: own.sector, type: own.type, sizeBand: own.sizeBand },
    release: { number: 1, at: content.at, final: false },
    version: {
      release: 1,
      at: content.at,
      data: own,
      comparisons: decideComparisons(
        instrument,
        own.respondents.map((r, i) => ({ respondent: i, submission: i, answers: r.answers })),
        [],
        ROUND.respondentMin,
      ),
      waiting: 0,
    },
    peers: organisationPeers(prepareRelease(instrument, content, versions), at + 1),
    roundFigures: all?.sector ? publicationFigures(instrument, all) : null,
    history: [
      {
        round: PREVIOUS,
        instrument,
        data: { ...earlier[0]!, name: own.name },
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
    ...rest,
  };
}
