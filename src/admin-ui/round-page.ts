/**
 * The round page with its current state (dashboard, staff, releases), shown after each form on
 * it, and the URLs that lead back to it with a notice.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { roundForStaff } from '../api/auth/staff.ts';
import { roundDashboard } from '../api/services/dashboard.ts';
import { groupLabelContext } from '../api/services/organisations.ts';
import { releaseSummary } from '../api/services/releases.ts';
import type { Lang } from '../core/instrument/types.ts';
import type { ReleaseContent } from '../core/release/types.ts';
import { adminT } from '../i18n/admin.ts';
import {
  getRelease,
  inviteeCounts,
  latestReleaseHead,
  listRoundJobs,
  staffOfRound,
  type Db,
  type Round,
} from '../storage/index.ts';
import { jobStatus } from '../api/services/jobs.ts';
import { withLang } from './layout.ts';
import type { RoundReleases } from './pages/releases.ts';
import { roundPage, roundValues, type RoundFormValues } from './pages/rounds.ts';
import { langOf, sendHtml, viewerOf } from './respond.ts';

/** Notices come back through the URL as a key of the catalogue, never as free text. */
const NOTICES = [
  'round.created',
  'round.saved',
  'round.opened',
  'round.reopened',
  'round.closed',
  'round.assigned',
  'releases.nothing',
  'login.loggedOut',
] as const;
/** These say which release, by its number in the URL's `release`. */
const RELEASE_NOTICES = ['releases.made', 'releases.unchanged'] as const;
/** The latest release and the ones before it that the round page lists. */
const RECENT_RELEASES = 11;
/** The background jobs the round page lists. */
const RECENT_JOBS = 5;

/**
 * The newest releases, newest first. Numbers run 1, 2, … without gaps, so the latest number
 * is how many there are; only the few listed are read (a round may have thousands).
 */
async function recentReleases(db: Db, round: Round): Promise<RoundReleases> {
  const head = await latestReleaseHead(db, round.id);
  if (!head) return { recent: [], total: 0 };
  const numbers = Array.from({ length: Math.min(RECENT_RELEASES, head.number) }, (_, i) => head.number - i);
  const releases = await Promise.all(numbers.map((n) => getRelease<ReleaseContent>(db, round.id, n)));
  return {
    recent: releases.flatMap((r) => (r ? [releaseSummary(r)] : [])),
    total: head.number,
    labels: await groupLabelContext(db, round),
  };
}

function noticeOf(request: FastifyRequest, lang: Lang): string | null {
  const { notice, release } = request.query as { notice?: string; release?: string };
  const t = adminT(lang);
  if (NOTICES.includes(notice as (typeof NOTICES)[number])) return t(notice!);
  const number = Number(release);
  const known = RELEASE_NOTICES.includes(notice as (typeof RELEASE_NOTICES)[number]);
  if (known && Number.isSafeInteger(number) && number > 0) return t(notice!, { number });
  return null;
}

export interface RoundPageExtra {
  values?: RoundFormValues;
  problems?: string[];
  /** Says what the problems mean, above them (e.g. "the file was not loaded"); not counted. */
  problemsIntro?: string;
  notice?: string | null;
  status?: number;
}

export async function showRound(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  round: Round,
  extra: RoundPageExtra = {},
) {
  const lang = langOf(request);
  const body = roundPage(lang, viewerOf(request), {
    round,
    dashboard: await roundDashboard(db, round),
    staff: await staffOfRound(db, round.id),
    invitees: await inviteeCounts(db, round.id),
    smtp: Boolean(process.env.SMTP_URL),
    releases: await recentReleases(db, round),
    jobs: await Promise.all((await listRoundJobs(db, round.id, RECENT_JOBS)).map((j) => jobStatus(db, j))),
    values: extra.values ?? roundValues(round),
    problems: extra.problems ?? [],
    ...(extra.problemsIntro ? { problemsIntro: extra.problemsIntro } : {}),
    notice: extra.notice ?? noticeOf(request, lang),
  });
  return sendHtml(reply, body, extra.status ?? 200);
}

/** The round named in the URL, if this member of staff may run it. */
export const roundParam = (db: Db, request: FastifyRequest) =>
  roundForStaff(db, request, (request.params as { name: string }).name);

export function roundPath(round: Round, lang: Lang, notice?: string, release?: number): string {
  const query = [notice && `notice=${notice}`, release !== undefined && `release=${release}`]
    .filter(Boolean)
    .join('&');
  return withLang(`/admin/rounds/${encodeURIComponent(round.name)}${query ? `?${query}` : ''}`, lang);
}
