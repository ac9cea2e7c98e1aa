/**
 * Loads a respondent's survey (invitation, instrument in the chosen language, saved answers),
 * starts autosave and routes between its pages. An unknown token, a closed round or one that
 * does not take answers right now all end on the same neutral page.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { Layout } from '../components/Layout.tsx';
import { SaveStatus } from '../components/SaveStatus.tsx';
import {
  GoneError,
  RetryableError,
  getInstrument,
  getSurvey,
  isOffline,
  putDraft,
  submitAnswers,
  type Lang,
  type SurveyInfo,
} from '../lib/api.ts';
import { DraftSync } from '../lib/draft-sync.ts';
import {
  checkAnswers,
  draftPayload,
  prepareInstrument,
  visibleAnswers,
  type AnswerProblem,
  type SurveyInstrument,
} from '../lib/instrument.ts';
import { localDraftKey, localDraftStore } from '../lib/local-draft.ts';
import { BadLinkPage } from '../pages/BadLinkPage.tsx';
import { IntroPage } from '../pages/IntroPage.tsx';
import { LoadingPage, OfflinePage } from '../pages/StatusPages.tsx';
import { ReviewPage } from '../pages/ReviewPage.tsx';
import { SectionPage } from '../pages/SectionPage.tsx';
import { ThanksPage } from '../pages/ThanksPage.tsx';
import { SurveyContext, type SubmitOutcome, type SurveyContextValue } from './context.ts';

type Load =
  | { kind: 'loading' }
  | { kind: 'bad' }
  | { kind: 'offline' }
  | { kind: 'ready'; info: SurveyInfo; sync: DraftSync };

/** A round takes answers while open and inside its window (the server checks the same). */
export function acceptsAnswers(round: SurveyInfo['round'], now = Date.now()): boolean {
  if (round.status !== 'open') return false;
  if (round.opensAt && now < Date.parse(round.opensAt)) return false;
  if (round.closesAt && now >= Date.parse(round.closesAt)) return false;
  return true;
}

export function SurveyRoot() {
  const { token = '' } = useParams();
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'da';
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [instruments, setInstruments] = useState<Partial<Record<Lang, SurveyInstrument>>>({});

  // The invitation and the first instrument text, then autosave on top of the saved draft.
  useEffect(() => {
    let cancelled = false;
    let created: DraftSync | null = null;
    (async () => {
      try {
        const info = await getSurvey(token);
        if (!acceptsAnswers(info.round)) {
          if (!cancelled) setLoad({ kind: 'bad' });
          return;
        }
        const described = await getInstrument(info.instrument.id, info.instrument.version, lang);
        if (cancelled) return;
        // Any language's text has the same structure: the first one serves autosave throughout.
        const instrument = prepareInstrument(described);
        created = new DraftSync({
          api: {
            putDraft: (answers, revision, keepalive) => putDraft(token, answers, revision, keepalive),
            getServerDraft: async () => {
              const fresh = await getSurvey(token);
              return { answers: fresh.draft?.answers ?? {}, revision: fresh.draft?.revision ?? 0 };
            },
          },
          store: localDraftStore(localDraftKey(token)),
          payload: (answers) => draftPayload(instrument, answers),
          view: (answers) => visibleAnswers(instrument, answers),
          initial: {
            // The role from the invitation file, until the respondent answers it themselves.
            answers: { ...info.prefill, ...(info.draft?.answers ?? info.submission?.answers ?? {}) },
            revision: info.draft?.revision ?? 0,
          },
          isOnline: () => !isOffline(),
        });
        setInstruments({ [lang]: instrument });
        setLoad({ kind: 'ready', info, sync: created });
      } catch (err) {
        if (cancelled) return;
        setLoad({ kind: err instanceof RetryableError ? 'offline' : 'bad' });
      }
    })();
    return () => {
      cancelled = true;
      created?.dispose();
    };
    // The language is only read for the first text; switching loads the other text below.
  }, [token, attempt]);

  // The instrument's texts in the other language, when the respondent switches.
  const ready = load.kind === 'ready' ? load : null;
  useEffect(() => {
    if (!ready || instruments[lang]) return;
    let cancelled = false;
    getInstrument(ready.info.instrument.id, ready.info.instrument.version, lang).then(
      (described) => {
        if (!cancelled) setInstruments((all) => ({ ...all, [lang]: prepareInstrument(described) }));
      },
      () => {
        // Offline: keep showing the texts we have; the switch will try again.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [ready, lang, instruments]);

  // Save when the page is hidden or closed; pick up other devices' answers when it is back.
  useEffect(() => {
    if (!ready) return;
    const { sync } = ready;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void sync.flush(true);
      else void sync.refresh();
    };
    const onPageHide = () => void sync.flush(true);
    const onOnline = () => sync.retryNow();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('online', onOnline);
    };
  }, [ready]);

  if (load.kind === 'loading') return <LoadingPage />;
  if (load.kind === 'bad') return <BadLinkLayout />;
  if (load.kind === 'offline') return <OfflinePage onRetry={() => setAttempt((n) => n + 1)} />;
  const instrument = instruments[lang] ?? Object.values(instruments)[0]!;
  return <ReadySurvey token={token} info={load.info} sync={load.sync} instrument={instrument} lang={lang} />;
}

function BadLinkLayout() {
  return (
    <Layout>
      <BadLinkPage />
    </Layout>
  );
}

function ReadySurvey(props: {
  token: string;
  info: SurveyInfo;
  sync: DraftSync;
  instrument: SurveyInstrument;
  lang: Lang;
}) {
  const { token, info, sync, instrument, lang } = props;
  const snapshot = useSyncExternalStore(sync.subscribe, sync.getSnapshot);
  const [problems, setProblems] = useState<readonly AnswerProblem[] | null>(null);
  const [submission, setSubmission] = useState(info.submission);
  const base = `/s/${encodeURIComponent(token)}`;

  const setAnswers = useCallback<SurveyContextValue['setAnswers']>((changes) => sync.update(changes), [sync]);

  const submit = useCallback(async (): Promise<SubmitOutcome> => {
    const answers = sync.getSnapshot().answers;
    const found = checkAnswers(instrument, answers, true);
    if (found.length > 0) {
      setProblems(found);
      return { kind: 'invalid' };
    }
    const sent = visibleAnswers(instrument, answers);
    try {
      await sync.flush();
      const result = await submitAnswers(token, sent);
      if (result.kind === 'invalid') {
        setProblems(
          result.errors.map((e) => ({
            answerId: e.answerId,
            code: e.code as AnswerProblem['code'],
            message: '',
          })),
        );
        return { kind: 'invalid' };
      }
      setProblems(null);
      setSubmission({ id: result.id, submittedAt: result.submittedAt, answers: sent });
      return { kind: 'submitted' };
    } catch (err) {
      if (err instanceof GoneError) return { kind: 'closed' };
      return { kind: 'offline' };
    }
  }, [instrument, sync, token]);

  const value = useMemo<SurveyContextValue>(
    () => ({
      token,
      base,
      info,
      instrument,
      lang,
      sync,
      snapshot,
      answers: snapshot.answers,
      problems,
      submission,
      setAnswers,
      submit,
    }),
    [token, base, info, instrument, lang, sync, snapshot, problems, submission, setAnswers, submit],
  );

  if (snapshot.state === 'closed') return <BadLinkLayout />;

  return (
    <SurveyContext.Provider value={value}>
      <Layout status={<SaveStatus />}>
        <Routes>
          <Route index element={<IntroPage />} />
          <Route path="section/:sectionId" element={<SectionPage />} />
          <Route path="review" element={<ReviewPage />} />
          <Route path="thanks" element={<ThanksPage />} />
          <Route path="*" element={<Navigate to={base} replace />} />
        </Routes>
      </Layout>
    </SurveyContext.Provider>
  );
}
