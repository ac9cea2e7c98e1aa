/**
 * The survey's calls to the API (src/api/routes/survey.ts, src/api/routes/instruments.ts and
 * src/web-server/profile.ts). Each call returns a tagged result instead of throwing for the
 * answers the survey handles (conflict, closed, invalid); network failures and 5xx throw
 * `RetryableError`, which the autosave retries with backoff.
 */
import type { Answers } from '../../../src/core/instrument/types.ts';
import type { DescribedInstrument } from './instrument.ts';

export type Lang = 'da' | 'en';

export interface LocalText {
  da: string;
  en?: string;
}

export interface SurveyInfo {
  round: {
    name: string;
    title: LocalText;
    status: 'draft' | 'open' | 'closed';
    opensAt: string | null;
    closesAt: string | null;
    languages: Lang[];
    intro: LocalText | null;
    /** Who runs the round. */
    organiser: string | null;
    /** Fewest organisations behind any figure other organisations see. */
    kMin: number;
    /** Fewest respondents behind a figure about a group inside the organisation. */
    respondentMin: number;
  };
  instrument: { id: string; version: string };
  organisation: { name: string };
  respondent: { id: string; role: string | null };
  /** Answers to start with where nothing is saved: the role from the invitation file. */
  prefill: Answers;
  draft: { answers: Answers; revision: number; updatedAt: string } | null;
  submission: { id: number; submittedAt: string; answers: Answers } | null;
}

export interface ProblemError {
  field: string;
  path: (string | number)[];
  message: string;
  code?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemError[];
  currentRevision?: number;
}

export interface ProfileRow {
  id: string;
  label: string;
  score: number | null;
  rank: number | null;
}

export interface Profile {
  svg: string;
  scale: { min: number; max: number };
  rows: ProfileRow[];
}

/** Network down, timeout or a 5xx: worth trying again later. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly offline: boolean,
  ) {
    super(message);
  }
}

/** Unknown token, closed round (404), or a round that stopped taking answers (409 round-not-open). */
export class GoneError extends Error {}

/** The browser says it has no network (false outside a browser). */
export function isOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

const problemSlug = (p: Problem | undefined) => p?.type.split(':').pop() ?? '';

const surveyUrl = (token: string, rest = '') => `/api/survey/${encodeURIComponent(token)}${rest}`;

const TIMEOUT_MS = 15_000;

async function request(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      signal: init.keepalive ? undefined : AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new RetryableError((err as Error).message, isOffline());
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    throw new RetryableError(`HTTP ${response.status}`, false);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // An empty or non-JSON body: the status says enough.
  }
  if (response.status === 404) throw new GoneError('not found');
  if (response.status === 409 && problemSlug(body as Problem) === 'round-not-open')
    throw new GoneError('closed');
  return { status: response.status, body };
}

export async function getSurvey(token: string): Promise<SurveyInfo> {
  const { status, body } = await request(surveyUrl(token));
  if (status !== 200) throw new GoneError(`HTTP ${status}`);
  return body as SurveyInfo;
}

export async function getInstrument(id: string, version: string, lang: Lang): Promise<DescribedInstrument> {
  const query = new URLSearchParams({ lang, version });
  const { status, body } = await request(`/api/instruments/${encodeURIComponent(id)}?${query}`);
  if (status !== 200) throw new GoneError(`HTTP ${status}`);
  return body as DescribedInstrument;
}

export type DraftResult =
  | { kind: 'saved'; revision: number }
  | { kind: 'conflict'; currentRevision: number }
  | { kind: 'invalid'; answerIds: string[] };

export async function putDraft(
  token: string,
  answers: Answers,
  revision: number,
  keepalive = false,
): Promise<DraftResult> {
  const { status, body } = await request(surveyUrl(token, '/draft'), {
    method: 'PUT',
    body: JSON.stringify({ answers, revision }),
    keepalive,
  });
  const problem = body as Problem | undefined;
  if (status === 200) return { kind: 'saved', revision: (body as { revision: number }).revision };
  if (status === 409) return { kind: 'conflict', currentRevision: problem?.currentRevision ?? 0 };
  if (status === 422) return { kind: 'invalid', answerIds: answerIdsOf(problem) };
  throw new RetryableError(`HTTP ${status}`, false);
}

export type SubmitResult =
  | { kind: 'submitted'; id: number; submittedAt: string }
  | { kind: 'invalid'; errors: { answerId: string; code: string }[] };

export async function submitAnswers(token: string, answers: Answers): Promise<SubmitResult> {
  const { status, body } = await request(surveyUrl(token, '/submit'), {
    method: 'POST',
    body: JSON.stringify({ answers }),
  });
  if (status === 200 || status === 201) {
    const result = body as { id: number; submittedAt: string };
    return { kind: 'submitted', id: result.id, submittedAt: result.submittedAt };
  }
  if (status === 422) {
    const errors = ((body as Problem).errors ?? []).map((e) => ({
      answerId: String(e.path[1] ?? e.field),
      code: e.code ?? 'invalid',
    }));
    return { kind: 'invalid', errors };
  }
  throw new RetryableError(`HTTP ${status}`, false);
}

export async function getProfile(token: string, lang: Lang): Promise<Profile> {
  const { status, body } = await request(surveyUrl(token, `/profile?lang=${lang}`));
  if (status !== 200) throw new GoneError(`HTTP ${status}`);
  return body as Profile;
}

function answerIdsOf(problem: Problem | undefined): string[] {
  return (problem?.errors ?? []).flatMap((e) =>
    e.path[0] === 'answers' && e.path[1] ? [String(e.path[1])] : [],
  );
}
