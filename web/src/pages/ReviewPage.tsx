/** Review before submitting: every answer with a link back to its part, then "Submit". */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AnswerSummary } from '../components/AnswerSummary.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Steps } from '../components/Steps.tsx';
import { sameAnswers } from '../lib/draft-sync.ts';
import { checkAnswers, visibleAnswers, visibleSections } from '../lib/instrument.ts';
import { sectionPath, useSurvey } from '../survey/context.ts';
import { problemsByItem } from '../survey/problems.ts';

type Failure = 'offline' | 'rejected' | 'closed' | null;

export function ReviewPage() {
  const { t } = useTranslation();
  const { instrument, answers, base, problems, submit, submission } = useSurvey();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<Failure>(null);
  const sections = visibleSections(instrument, answers);
  const last = sections[sections.length - 1];
  const unchanged =
    submission !== null && sameAnswers(submission.answers, visibleAnswers(instrument, answers));
  // The last attempt's problems, as long as they still apply.
  const failing = problemsByItem(checkAnswers(instrument, answers, true), instrument.itemOfAnswer);
  const shown = (problems ?? []).filter((p) => {
    const item = instrument.itemOfAnswer.get(p.answerId);
    return item !== undefined && failing.has(item.id);
  });

  const onSubmit = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const outcome = await submit();
    setBusy(false);
    setAttempt((n) => n + 1);
    if (outcome.kind === 'submitted') navigate(`${base}/thanks`);
    else if (outcome.kind === 'offline') setFailure('offline');
    else if (outcome.kind === 'closed') setFailure('closed');
    else setFailure('rejected');
  };

  return (
    <>
      <Steps current="review" />
      {shown.length > 0 && <ErrorSummary problems={shown} attempt={attempt} />}
      <PageHeading title={t('review.title')}>{t('review.title')}</PageHeading>
      <p className="lead">{unchanged ? t('review.leadSubmitted') : t('review.lead')}</p>
      <AnswerSummary answers={answers} editLinks />
      {failure === 'offline' || failure === 'closed' || (failure === 'rejected' && shown.length === 0) ? (
        <p className="notice notice-warning" role="alert">
          {t(`review.failure.${failure}`)}
        </p>
      ) : null}
      <form
        className="page-nav"
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        {last && (
          <Link className="button button-secondary" to={sectionPath(base, last.id)}>
            <span aria-hidden="true">← </span>
            {t('nav.previous')}
          </Link>
        )}
        <button
          type="submit"
          className="button button-primary button-large"
          aria-disabled={busy || undefined}
        >
          {busy
            ? t('review.submitting')
            : submission
              ? t(unchanged ? 'review.submitAgain' : 'review.resubmit')
              : t('review.submit')}
        </button>
      </form>
    </>
  );
}
