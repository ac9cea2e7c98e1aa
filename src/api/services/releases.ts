/**
 * Making a release of a round (the rules are in src/core/release; docs/disclosure.md explains
 * them) and reading the latest one. A release is made when the round is imported or closed,
 * when staff ask for one, and in the background while answers arrive; figures others see are
 * only ever read from releases.
 *
 * One release at a time per round: on PostgreSQL an advisory lock serialises builders across
 * app instances, and the builder re-reads the latest release under it, so two instances
 * never make the same release twice; SQLite has one writer anyway.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import {
  decideComparisons,
  decideVersion,
  decideVersionByIds,
  type RespondentAnswers,
  type VersionState,
} from '../../core/release/organisation-version.ts';
import { buildRelease } from '../../core/release/build.ts';
import { visibleState } from '../../core/release/read.ts';
import type { OrganisationVersion, ReleaseContent } from '../../core/release/types.ts';
import { disclosurePolicy } from '../../core/disclosure/policy.ts';
import { layoutKey } from '../../core/figures/layout.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import {
  countPendingRespondents,
  getRelease,
  insertOrganisationVersions,
  insertRelease,
  latestReleaseHead,
  listComparisonSets,
  listCurrentSubmissions,
  listOrganisationScores,
  listOrganisationVersions,
  listReleases,
  listVersionFigures,
  loadSubmissions,
  roundAttributesRevision,
  scoresRevision,
  type Db,
  type NewOrganisationVersion,
  type Round,
  type StoredOrganisationScore,
  type StoredOrganisationVersion,
  type StoredRelease,
  type VersionAttributes,
  type VersionFigures,
} from '../../storage/index.ts';
import type { ReleaseReason } from '../../storage/schema.ts';
import { isUniqueViolation } from '../../storage/sql-helpers.ts';
import { instrumentOf } from './instruments.ts';
import { ensureRoundScored } from './scores.ts';

export type Release = StoredRelease<ReleaseContent>;

/** The advisory lock key space of releases (the first int of pg_advisory_xact_lock(int, int)). */
const RELEASE_LOCK = 7_001;

export interface MakeReleaseOptions {
  /** Make none when nothing has changed since the latest release (the background's case). */
  readonly onlyIfChanged?: boolean;
  readonly now?: Date;
}

/**
 * Makes the next release of the round, or returns null when `onlyIfChanged` and nothing
 * changed (no organisation's answers, no round status).
 */
export async function makeRelease(
  db: Db,
  round: Round,
  reason: ReleaseReason,
  options: MakeReleaseOptions = {},
): Promise<Release | null> {
  try {
    return await tryRelease(db, round, reason, options);
  } catch (err) {
    // Another instance made this release number first (its snapshot and ours overlapped).
    if (!isUniqueViolation(err)) throw err;
    return tryRelease(db, round, reason, options);
  }
}

async function tryRelease(
  db: Db,
  round: Round,
  reason: ReleaseReason,
  options: MakeReleaseOptions,
): Promise<Release | null> {
  const instrument = await instrumentOf(db, round.instrument);
  await ensureRoundScored(db, instrument, round.id);
  const at = (options.now ?? new Date()).toISOString();
  const policy = disclosurePolicy({ k: round.kMin, respondentMin: round.respondentMin });
  const final = round.status === 'closed';
  return db.transaction(
    async (tx) => {
      if (tx.dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(${RELEASE_LOCK}::int, ${round.id}::int)`.execute(tx.kysely);
      // Answers or peers (attributes, comparison sets): either changes the figures.
      const peersRevision = await roundAttributesRevision(tx, round.id);
      const revision = `${await scoresRevision(tx, round.id)}|${peersRevision}`;
      const head = await latestReleaseHead(tx, round.id);
      // The background asks every minute; deciding that nothing changed reads one release, not all.
      const last = head ? await getRelease<ReleaseContent>(tx, round.id, head.number) : null;
      const lastFinal = last?.content.final ?? false;
      const samePolicy = head?.k === policy.k && head?.respondentMin === policy.respondentMin;
      if (
        options.onlyIfChanged &&
        head &&
        head.scoresRevision === revision &&
        lastFinal === final &&
        samePolicy
      )
        return null;

      const number = (head?.number ?? 0) + 1;
      const fresh = await nextVersions(tx, instrument, round, number, final, policy.respondentMin);
      // New comparison sets change groups without any new version.
      const samePeers = head?.scoresRevision.endsWith(`|${peersRevision}`) ?? false;
      if (
        options.onlyIfChanged &&
        head &&
        fresh.length === 0 &&
        lastFinal === final &&
        samePolicy &&
        samePeers
      )
        return null;
      await insertOrganisationVersions(tx, round.id, fresh);
      const versions = (await listVersionFigures(tx, round.id)).map(toCoreVersion);
      const previous = await listReleases<ReleaseContent>(tx, round.id);
      const content = buildRelease({
        instrument,
        policy,
        number,
        at,
        final,
        versions,
        previous: previous.map((r) => r.content),
        comparisonSets: await listComparisonSets(tx, round.id),
      });
      const release = {
        number,
        reason,
        k: policy.k,
        respondentMin: policy.respondentMin,
        scoresRevision: revision,
        layoutKey: layoutKey(instrument),
        content,
        createdAt: at,
      };
      await insertRelease(tx, round.id, release);
      return { id: 0, roundId: round.id, ...release };
    },
    { isolation: 'repeatable read' },
  );
}

/** A stored version as the core reads it. */
export const toCoreVersion = (v: VersionFigures): OrganisationVersion => ({
  id: v.id,
  organisation: v.organisationId,
  release: v.releaseNumber,
  respondents: v.respondents,
  stage: v.stage,
  values: v.values,
  attributes: v.attributes,
});

/**
 * The organisations' new versions for release `number` (src/core/release/organisation-version.ts).
 * The ids settle most organisations (nothing changed, or too little since a viewed version);
 * answers are loaded, in one batch, only for the rest, whose items are then audited.
 */
async function nextVersions(
  tx: Db,
  instrument: Instrument,
  round: Round,
  number: number,
  final: boolean,
  respondentMin: number,
): Promise<NewOrganisationVersion[]> {
  const [current, pending, scores, versions] = await Promise.all([
    listCurrentSubmissions(tx, round.id),
    countPendingRespondents(tx, round.id),
    listOrganisationScores(tx, round.id),
    listOrganisationVersions(tx, round.id),
  ]);
  const byOrg = new Map<number, Map<number, number>>();
  for (const s of current) {
    let m = byOrg.get(s.organisationId);
    if (!m) byOrg.set(s.organisationId, (m = new Map()));
    m.set(s.respondentId, s.submissionId);
  }
  const versionsOf = new Map<number, StoredOrganisationVersion[]>();
  for (const v of versions)
    versionsOf.set(v.organisationId, [...(versionsOf.get(v.organisationId) ?? []), v]);
  const scoreOf = new Map(scores.map((s) => [s.organisationId, s]));
  const key = layoutKey(instrument);

  const candidates: number[] = [];
  for (const org of new Set([...byOrg.keys(), ...versionsOf.keys()])) {
    const byIds = decideVersionByIds({
      current: byOrg.get(org) ?? new Map<number, number>(),
      pending: pending.get(org) ?? 0,
      versions: (versionsOf.get(org) ?? []).map((v) => ({
        submissions: new Map(v.submissions),
        viewed: v.viewedAt !== null,
      })),
      final,
      respondentMin,
    });
    if (byIds.action === 'new') candidates.push(org);
  }
  const moved = attributeVersions(versionsOf, scoreOf, new Set(candidates), number, key);
  if (candidates.length === 0) return moved;

  const submissionIds = candidates.flatMap((org) => [
    ...(byOrg.get(org)?.values() ?? []),
    ...(versionsOf.get(org) ?? []).flatMap((v) =>
      v.viewedAt === null ? [] : v.submissions.map(([, submission]) => submission),
    ),
  ]);
  const answers = new Map((await loadSubmissions(tx, submissionIds)).map((s) => [s.submissionId, s]));
  const of = (pairs: Iterable<readonly [number, number]>): RespondentAnswers[] =>
    [...pairs].flatMap(([respondent, submission]) => {
      const s = answers.get(submission);
      return s ? [{ respondent, submission, answers: s.answers }] : [];
    });

  const out: NewOrganisationVersion[] = [];
  for (const org of candidates) {
    const now = byOrg.get(org) ?? new Map<number, number>();
    const history = versionsOf.get(org) ?? [];
    const states: VersionState[] = history.map((v) =>
      v.viewedAt === null
        ? {
            viewed: false,
            respondents: v.submissions.map(([respondent, submission]) => ({ respondent, submission })),
          }
        : {
            viewed: true,
            respondents: of(v.submissions),
            shown: Object.entries(v.comparisons)
              .filter(([, d]) => d.status === 'shown')
              .map(([id, d]) => ({ id, rows: d.rows })),
          },
    );
    const respondents = of(now);
    const decision = decideVersion({
      instrument,
      current: respondents,
      pending: pending.get(org) ?? 0,
      versions: states,
      final,
      respondentMin,
    });
    if (decision.action !== 'new') continue;
    const score = scoreOf.get(org);
    const last = history.at(-1);
    const attributes = score
      ? attributesOf(score)
      : (last?.attributes ?? { sector: 'andet', type: null, sizeBand: null });
    out.push({
      organisationId: org,
      releaseNumber: number,
      respondents: score && now.size > 0 ? score.respondents : 0,
      stage: score && now.size > 0 ? score.stage : null,
      values: score && now.size > 0 ? Float64Array.from(score.values) : new Float64Array(0),
      layoutKey: key,
      attributes,
      submissions: [...now].sort((a, b) => a[0] - b[0]),
      comparisons: decideComparisons(
        instrument,
        respondents,
        states.filter((v) => v.viewed),
        respondentMin,
      ),
    });
  }
  // Organisations whose answers give no new version may still have moved to other peers.
  const decided = new Set(out.map((v) => v.organisationId));
  return [
    ...out,
    ...attributeVersions(versionsOf, scoreOf, new Set(candidates.filter((c) => decided.has(c))), number, key),
  ];
}

/** The attributes a new version carries: the organisation's in the round now. */
const attributesOf = (s: StoredOrganisationScore): VersionAttributes => ({
  sector: s.sector,
  type: s.type,
  sizeBand: s.sizeBand,
  ...(s.region !== null ? { region: s.region } : {}),
});

const sameAttributes = (a: VersionAttributes, b: VersionAttributes) =>
  a.sector === b.sector &&
  (a.type ?? null) === (b.type ?? null) &&
  (a.sizeBand ?? null) === (b.sizeBand ?? null) &&
  (a.region ?? null) === (b.region ?? null);

/**
 * A version whose organisation's attributes changed (another type, size band, region) is
 * repeated with the new attributes: the same submissions and values, so nothing about its
 * answers changes, only which peer groups it is in (whose own rules then decide what shows).
 * Versions are never changed, so the earlier releases keep their members.
 */
function attributeVersions(
  versionsOf: ReadonlyMap<number, readonly StoredOrganisationVersion[]>,
  scoreOf: ReadonlyMap<number, StoredOrganisationScore>,
  skip: ReadonlySet<number>,
  number: number,
  layoutKey_: string,
): NewOrganisationVersion[] {
  const out: NewOrganisationVersion[] = [];
  for (const [org, history] of versionsOf) {
    if (skip.has(org)) continue;
    const last = history.at(-1);
    const score = scoreOf.get(org);
    if (!last || !score || last.respondents === 0 || last.layoutKey !== layoutKey_) continue;
    const now = attributesOf(score);
    if (sameAttributes(last.attributes, now)) continue;
    out.push({
      organisationId: org,
      releaseNumber: number,
      respondents: last.respondents,
      stage: last.stage,
      values: last.values,
      layoutKey: last.layoutKey,
      attributes: now,
      submissions: last.submissions,
      comparisons: last.comparisons,
    });
  }
  return out;
}

/** The latest release of the round; the first is made when there is none yet. */
export async function latestRelease(db: Db, round: Round): Promise<Release | null> {
  const head = await latestReleaseHead(db, round.id);
  if (!head) return makeRelease(db, round, 'auto');
  return cachedRelease(db, round.id, head.number);
}

// Per database object (tests open several in one process, with overlapping round ids). A
// release never changes, so an entry needs no checking.
const caches = new WeakMap<Db, Map<string, Release>>();

async function cachedRelease(db: Db, roundId: number, number: number): Promise<Release | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${roundId}:${number}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const release = await getRelease<ReleaseContent>(db, roundId, number);
  if (release) {
    cache.set(key, release);
    if (cache.size > 32) cache.delete(cache.keys().next().value!);
  }
  return release;
}

export const releaseSummarySchema = z
  .object({
    number: z.number().int(),
    at: z.string(),
    reason: z.enum(['auto', 'close', 'manual', 'import']),
    final: z.boolean(),
    k: z.number().int(),
    respondentMin: z.number().int(),
    groups: z.array(
      z.object({
        group: z.string(),
        status: z
          .enum(['current', 'earlier', 'not-shown'])
          .describe("current: made in this release; earlier: an earlier release's figures"),
        reason: z.enum(['too-few', 'overlap', 'complementary', 'withheld']).nullable(),
        organisations: z
          .number()
          .int()
          .nullable()
          .describe('organisations behind the figures shown (null: none shown)'),
        figuresOf: z.number().int().nullable().describe('the release the figures shown were made in'),
      }),
    ),
  })
  .meta({
    id: 'ReleaseSummary',
    description: 'a release of a round: which groups it shows, from which release',
  });

export type ReleaseSummary = z.infer<typeof releaseSummarySchema>;

export function releaseSummary(release: Release): ReleaseSummary {
  return {
    number: release.number,
    at: release.content.at,
    reason: release.reason,
    final: release.content.final,
    k: release.k,
    respondentMin: release.respondentMin,
    groups: release.content.groups.map((g) => ({
      group: g.group,
      ...visibleState(release.content, g),
      organisations: g.publication?.size ?? null,
    })),
  };
}

/** Every release of the round, oldest first. */
export async function listReleaseSummaries(db: Db, round: Round): Promise<ReleaseSummary[]> {
  return (await listReleases<ReleaseContent>(db, round.id)).map((r) => releaseSummary(r));
}
