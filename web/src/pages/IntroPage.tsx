/**
 * The first page: who runs the round and for which organisation, how long it takes, how the
 * answers are used and protected, then "Start" (or "Continue" when answers exist).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading.tsx';
import { sameAnswers } from '../lib/draft-sync.ts';
import { visibleAnswers, visibleSections } from '../lib/instrument.ts';
import { resumePoint } from '../lib/resume.ts';
import { sectionPath, useSurvey } from '../survey/context.ts';
import { formatDateTime, localText } from '../survey/format.ts';

export function IntroPage() {
  const { t } = useTranslation();
  const { info, instrument, answers, base, lang, submission } = useSurvey();
  const described = instrument.described;
  const first = visibleSections(instrument, answers)[0];
  const started = Object.keys(answers).length > 0;
  const resume = resumePoint(instrument, answers);
  // "Continue" lands on the first open question of the part where the respondent stopped.
  const continueTo =
    resume.kind === 'review'
      ? `${base}/review`
      : `${sectionPath(base, resume.sectionId)}#field-${resume.itemId}`;
  const changedSinceSubmit =
    submission !== null && !sameAnswers(submission.answers, visibleAnswers(instrument, answers));
  const roundTitle = localText(info.round.title, lang);
  const title = t('intro.title', { organisation: info.organisation.name });

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('intro.invited', { round: roundTitle, instrument: described.title })}</p>
      {info.round.intro && <p>{localText(info.round.intro, lang)}</p>}

      {submission && (
        <div className="notice">
          <p>
            {t('intro.submittedAt', { when: formatDateTime(submission.submittedAt, lang) })}{' '}
            {changedSinceSubmit ? t('intro.changedSinceSubmit') : t('intro.canEdit')}
          </p>
          <p>
            <Link to={`${base}/thanks`}>{t('intro.seeSummary')}</Link>
          </p>
        </div>
      )}

      <dl className="facts">
        {info.round.organiser && (
          <div>
            <dt>{t('intro.organiserLabel')}</dt>
            <dd>{info.round.organiser}</dd>
          </div>
        )}
        <div>
          <dt>{t('intro.roundLabel')}</dt>
          <dd>{roundTitle}</dd>
        </div>
        <div>
          <dt>{t('intro.timeLabel')}</dt>
          <dd>{t('intro.time', { minutes: described.minutes })}</dd>
        </div>
        {info.round.closesAt && (
          <div>
            <dt>{t('intro.deadlineLabel')}</dt>
            <dd>{formatDateTime(info.round.closesAt, lang)}</dd>
          </div>
        )}
      </dl>

      <h2>{t('intro.aboutTitle')}</h2>
      <p>{described.description}</p>

      <h2>{t('intro.useTitle')}</h2>
      <ul className="bullets">
        <li>{t('intro.use1')}</li>
        <li>{t('intro.use2')}</li>
        <li>{t('intro.use3', { k: info.round.kMin })}</li>
        <li>{t('intro.use4', { min: info.round.respondentMin })}</li>
        <li>{t('intro.use5', { min: info.round.respondentMin })}</li>
        <li>{t('intro.use6')}</li>
      </ul>

      <h2>{t('intro.protectTitle')}</h2>
      <ul className="bullets">
        <li>{t('intro.protect1')}</li>
        <li>{t('intro.protect2')}</li>
        <li>{t('intro.protect3')}</li>
      </ul>

      <h2>{t('intro.howTitle')}</h2>
      <ul className="bullets">
        <li>{t('intro.how1')}</li>
        <li>{t('intro.how2')}</li>
        <li>{t('intro.how3')}</li>
      </ul>

      <details className="source">
        <summary>{t('intro.sourceTitle')}</summary>
        <p>{described.source}</p>
      </details>

      {first && (
        <p className="page-nav page-nav-end">
          <Link
            className="button button-primary button-large"
            to={started ? continueTo : sectionPath(base, first.id)}
          >
            {started ? t('intro.continue') : t('intro.start')}
            <span aria-hidden="true"> →</span>
          </Link>
        </p>
      )}
    </>
  );
}
