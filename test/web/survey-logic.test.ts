/**
 * The survey's logic without a browser: the browser's view of the instrument agrees with the
 * core's, autosave (debounce, conflict merge, retries, offline replay), the token hash, the
 * profile chart, and what the server sends for pages and assets.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { openApiDatabase } from '../../src/api/database.ts';
import { competencyProfileOption, wrapLabel } from '../../src/charts/competency-profile.ts';
import { validateAnswers } from '../../src/core/answers/validate.ts';
import { MISSING_TOKENS } from '../../src/core/instrument/schema.ts';
import type { Answers, Instrument } from '../../src/core/instrument/types.ts';
import { describeInstrument } from '../../src/instruments/describe.ts';
import { loadBuiltinInstrument, loadBuiltinInstrumentSource } from '../../src/instruments/registry.ts';
import {
  createRound,
  ensureOrganisation,
  inviteRespondent,
  storeInstrumentVersion,
  submitResponse,
} from '../../src/storage/index.ts';
import { ensureWebBuild } from '../../src/web-server/build.ts';
import { webServer } from '../../src/web-server/index.ts';
import { respondentProfile } from '../../src/web-server/profile.ts';
import { MISSING_TOKENS as SHIM_TOKENS } from '../../web/src/core-shim/schema.ts';
import type { DraftResult } from '../../web/src/lib/api.ts';
import { GoneError, RetryableError } from '../../web/src/lib/api.ts';
import { backoffMs, DraftSync, type SyncApi } from '../../web/src/lib/draft-sync.ts';
import {
  checkAnswers,
  draftPayload,
  prepareInstrument,
  visibleAnswers,
  type DescribedInstrument,
  type SurveyInstrument,
} from '../../web/src/lib/instrument.ts';
import { localDraftKey, localDraftStore } from '../../web/src/lib/local-draft.ts';
import { sha256Hex } from '../../web/src/lib/sha256.ts';
import { KEYBOARD_ANSWERS } from './fixtures.ts';

let core: Instrument;
let survey: SurveyInstrument;

beforeAll(async () => {
  core = await loadBuiltinInstrument('dt-offentlig');
  // Through JSON, as the browser gets it from GET /api/instruments/:id.
  survey = prepareInstrument(
    JSON.parse(JSON.stringify(describeInstrument(core, 'da'))) as DescribedInstrument,
  );
});

describe("the browser's instrument", () => {
  it('the schema shim holds the same constants as the core', () => {
    expect(SHIM_TOKENS).toEqual(MISSING_TOKENS);
  });

  it('finds exactly the problems the server finds, for any answers', () => {
    const ids = [...core.answerIds, 'not.an.item'];
    const value = fc.oneof(
      fc.integer({ min: -1, max: 8 }),
      fc.constantFrom('dont_know', 'not_relevant', 'it', 'andet', 'other', 'x'),
      fc.constantFrom(['budget'], ['other', 'culture'], ['nope'], []),
      fc.double({ min: -10, max: 200, noNaN: true }),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...ids), value, { maxKeys: 12 }),
        fc.boolean(),
        (answers, complete) => {
          const strip = (ps: ReturnType<typeof validateAnswers>) =>
            ps.map((p) => `${p.answerId}:${p.code}`).sort();
          expect(strip(validateAnswers(survey.core, answers, { requireComplete: complete }))).toEqual(
            strip(validateAnswers(core, answers, { requireComplete: complete })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('autosave sends only what the server accepts in a draft', () => {
    const answers: Answers = {
      'why.importance': 4,
      'reflection.barrier': ['budget'],
      'reflection.barrier.other': 'hidden now',
      'reflection.digital.budget.share': 150,
      'how.leadership.rank': 1,
    };
    const payload = draftPayload(survey, answers);
    expect(payload).toEqual({ 'why.importance': 4, 'reflection.barrier': ['budget'] });
    expect(validateAnswers(core, payload)).toEqual([]);
    expect(visibleAnswers(survey, answers)).not.toHaveProperty('reflection.barrier.other');
    expect(checkAnswers(survey, KEYBOARD_ANSWERS, true)).toEqual([]);
  });
});

describe('the token hash', () => {
  it('is SHA-256', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(64), 'æøå token'.repeat(20)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('keys local storage without the token in it', () => {
    const token = 'Q'.repeat(43);
    expect(localDraftKey(token)).not.toContain(token);
    expect(localDraftKey(token)).toMatch(/^pejling\.unsaved\.[0-9a-f]{64}$/);
  });
});

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

/** A server in memory: revisions, conflicts and an on/off network switch. */
function fakeServer(initial: Answers = {}) {
  const server = { answers: initial, revision: 1, online: true, puts: 0, failNext: 0 };
  const api: SyncApi = {
    async putDraft(answers, revision): Promise<DraftResult> {
      server.puts += 1;
      if (!server.online) throw new RetryableError('offline', true);
      if (server.failNext > 0) {
        server.failNext -= 1;
        throw new RetryableError('HTTP 503', false);
      }
      if (revision !== server.revision) return { kind: 'conflict', currentRevision: server.revision };
      server.answers = answers;
      server.revision += 1;
      return { kind: 'saved', revision: server.revision };
    },
    async getServerDraft() {
      if (!server.online) throw new RetryableError('offline', true);
      return { answers: server.answers, revision: server.revision };
    },
  };
  return { server, api };
}

function makeSync(
  api: SyncApi,
  initial: { answers: Answers; revision: number },
  storage = new MemoryStorage(),
) {
  return new DraftSync({
    api,
    store: localDraftStore('k', storage),
    payload: (a) => draftPayload(survey, a),
    view: (a) => visibleAnswers(survey, a),
    initial,
    random: () => 0.5,
  });
}

describe('autosave', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once after a pause in typing', async () => {
    vi.useFakeTimers();
    const { server, api } = fakeServer({});
    const sync = makeSync(api, { answers: {}, revision: 1 });
    sync.update({ 'why.importance': 2 });
    await vi.advanceTimersByTimeAsync(300);
    sync.update({ 'why.importance': 3 });
    expect(sync.getSnapshot().state).toBe('pending');
    await vi.advanceTimersByTimeAsync(599);
    expect(server.puts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.puts).toBe(1);
    expect(server.answers).toEqual({ 'why.importance': 3 });
    expect(sync.getSnapshot()).toMatchObject({ state: 'saved', revision: 2 });
  });

  it('on a conflict, merges: local unsaved answers win, the rest comes from the server', async () => {
    vi.useFakeTimers();
    const { server, api } = fakeServer({ 'why.importance': 1 });
    const sync = makeSync(api, { answers: { 'why.importance': 1 }, revision: 1 });
    // Another device saves meanwhile.
    server.answers = { 'why.importance': 5, 'profile.role': 'it' };
    server.revision = 2;
    sync.update({ 'why.importance': 2 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.answers).toEqual({ 'why.importance': 2, 'profile.role': 'it' });
    expect(sync.getSnapshot()).toMatchObject({
      state: 'saved',
      revision: 3,
      mergedFromElsewhere: 1,
      answers: { 'why.importance': 2, 'profile.role': 'it' },
    });
  });

  it('retries with backoff while offline, keeps the changes locally, and saves when back', async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const { server, api } = fakeServer({});
    const sync = makeSync(api, { answers: {}, revision: 1 }, storage);
    server.online = false;
    sync.update({ 'why.importance': 4 });
    expect(JSON.parse(storage.getItem('k')!)).toMatchObject({ base: 1, changes: { 'why.importance': 4 } });
    await vi.advanceTimersByTimeAsync(600);
    expect(sync.getSnapshot().state).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    expect(server.puts).toBe(3);
    server.online = true;
    sync.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.getSnapshot().state).toBe('saved');
    expect(server.answers).toEqual({ 'why.importance': 4 });
    expect(storage.getItem('k')).toBeNull();
  });

  it('says "retrying" (not offline) on server errors, and recovers', async () => {
    vi.useFakeTimers();
    const { server, api } = fakeServer({});
    const sync = makeSync(api, { answers: {}, revision: 1 });
    server.failNext = 1;
    sync.update({ 'why.importance': 4 });
    await vi.advanceTimersByTimeAsync(600);
    expect(sync.getSnapshot().state).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sync.getSnapshot().state).toBe('saved');
  });

  it('replays changes left in local storage by a tab closed offline', async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    storage.setItem(
      'k',
      JSON.stringify({
        base: 1,
        changes: { 'why.importance': 2, 'profile.role': null },
        savedAt: Date.now(),
      }),
    );
    const { server, api } = fakeServer({ 'profile.role': 'it', 'why.impact.optimise': 3 });
    const sync = makeSync(api, { answers: server.answers, revision: 1 }, storage);
    expect(sync.getSnapshot().answers).toEqual({ 'why.importance': 2, 'why.impact.optimise': 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.answers).toEqual({ 'why.importance': 2, 'why.impact.optimise': 3 });
    expect(storage.getItem('k')).toBeNull();
  });

  it('stops when the round closes', async () => {
    vi.useFakeTimers();
    const api: SyncApi = {
      putDraft: () => Promise.reject(new GoneError('closed')),
      getServerDraft: () => Promise.reject(new GoneError('closed')),
    };
    const sync = makeSync(api, { answers: {}, revision: 0 });
    sync.update({ 'why.importance': 1 });
    await vi.advanceTimersByTimeAsync(600);
    expect(sync.getSnapshot().state).toBe('closed');
  });

  it('backs off exponentially up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });
});

describe('the competency profile', () => {
  it('builds a radar option with one indicator per competency', () => {
    const option = competencyProfileOption({
      competencies: [
        { id: 'a', label: 'Digitalt lederskab' },
        { id: 'b', label: 'Bb' },
        { id: 'c', label: 'C' },
      ],
      series: [{ name: 'Dig', values: [4, null, 2.5] }],
      scale: { min: 1, max: 5 },
      noValueNote: '(intet svar)',
    });
    const radar = option.radar as { indicator: { name: string; min: number; max: number }[] };
    expect(radar.indicator.map((i) => i.name)).toEqual(['Digitalt\nlederskab', 'Bb (intet\nsvar)', 'C']);
    expect(radar.indicator[0]).toMatchObject({ min: 1, max: 5 });
    expect(wrapLabel('Smidige beslutningsprocesser')).toBe('Smidige\nbeslutningsprocesser');
  });

  it("renders the respondent's scores as a CSP-safe SVG with a title and description", () => {
    const profile = respondentProfile(core, KEYBOARD_ANSWERS, 'da');
    expect(profile.scale).toEqual({ min: 1, max: 5 });
    expect(profile.rows.find((r) => r.id === 'leadership')).toEqual({
      id: 'leadership',
      label: 'Digitalt lederskab',
      score: 4,
      rank: 2,
    });
    expect(profile.svg).toMatch(/^<svg role="img" aria-labelledby="profile-chart-title profile-chart-desc"/);
    expect(profile.svg).toContain('<title id="profile-chart-title">Din kompetenceprofil</title>');
    expect(profile.svg).not.toMatch(/style=|<style|ecmeta_/);
  });
});

describe('serving the survey', () => {
  it('pages, assets, headers and the profile route', { timeout: 120_000 }, async () => {
    await ensureWebBuild();
    const dataDir = await mkdtemp(join(tmpdir(), 'pejling-web-serve-'));
    const db = await openApiDatabase({ backend: 'sqlite', dataDir });
    const app = buildApp({ db });
    await app.register(webServer, { db });
    try {
      const page = await app.inject({ url: '/s/some-token' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('unsafe');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      // The URL carries the invitation token: nothing of it is kept by a browser or a proxy.
      expect(page.headers['cache-control']).toBe('no-store');
      const script = /src="\/(assets\/[^"]+\.js)"/.exec(page.body)![1]!;

      const asset = await app.inject({ url: `/${script}`, headers: { 'accept-encoding': 'br, gzip' } });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-encoding']).toBe('br');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toMatch(/javascript/);

      expect((await app.inject({ url: '/favicon.svg' })).headers['content-type']).toMatch(/svg/);
      expect((await app.inject({ url: '/assets/nope.js' })).statusCode).toBe(404);
      const api404 = await app.inject({ url: '/api/nothing-here' });
      expect(api404.statusCode).toBe(404);
      expect(api404.headers['content-type']).toMatch(/problem\+json/);
      expect((await app.inject({ url: '/api/survey/unknown-token/profile' })).statusCode).toBe(404);
      // The staff pages keep their own 404s: no survey page there.
      const admin = await app.inject({ url: '/admin/no-such-page' });
      expect(admin.statusCode).toBe(404);
      expect(admin.body).not.toContain('<div id="root">');

      // The profile of a respondent with a submission.
      const { instrument, text } = await loadBuiltinInstrumentSource('dt-offentlig');
      await storeInstrumentVersion(db, {
        id: instrument.id,
        version: instrument.version,
        definitionText: text,
      });
      const round = await createRound(db, {
        name: 'r',
        instrument: { id: instrument.id, version: instrument.version },
        status: 'open',
      });
      const org = await ensureOrganisation(db, { name: 'Org', sector: 'kommune' });
      const { token, respondent } = await inviteRespondent(db, { roundId: round.id, organisationId: org.id });
      await submitResponse(db, respondent.id, KEYBOARD_ANSWERS);
      const profile = await app.inject({ url: `/api/survey/${token}/profile?lang=en` });
      expect(profile.statusCode).toBe(200);
      const body = profile.json() as { svg: string; rows: { label: string; score: number | null }[] };
      expect(body.svg).toContain('Your competency profile');
      expect(body.rows.map((r) => r.label)).toContain('Digital leadership');
      expect(body.rows.find((r) => r.label === 'Organisational clarity')?.score).toBe(2.5);
    } finally {
      await app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('without a build, the API still works and pages say what is missing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pejling-web-nobuild-'));
    const db = await openApiDatabase({ backend: 'sqlite', dataDir });
    const app = buildApp({ db });
    await app.register(webServer, { db, root: join(dataDir, 'no-build') });
    try {
      const page = await app.inject({ url: '/s/x' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('not built');
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
