/**
 * Where the respondent is: "Part 2 of 6" with a progress bar, and the list of all parts
 * (collapsible, so it costs no room on a phone) to jump between them.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { sameAnswers } from '../lib/draft-sync.ts';
import { surveyProgress, visibleAnswers, visibleSections } from '../lib/instrument.ts';
import { sectionPath, useSurvey } from '../survey/context.ts';

export function Steps({ current }: { current: string | 'review' }) {
  const { t } = useTranslation();
  const { instrument, answers, base, submission } = useSurvey();
  // Answers edited after a submission count only once submitted again: say so on every page.
  const mustResubmit =
    submission !== null && !sameAnswers(submission.answers, visibleAnswers(instrument, answers));
  const sections = visibleSections(instrument, answers);
  const index = sections.findIndex((s) => s.id === current);
  const position = current === 'review' ? sections.length + 1 : index + 1;
  const total = sections.length + 1;
  const { answered, count } = surveyProgress(instrument, answers);

  return (
    <nav className="steps" aria-label={t('steps.label')}>
      <p className="steps-position" id="steps-position">
        {t('steps.position', { position, total })}
        <span className="steps-answered"> · {t('steps.answered', { answered, count })}</span>
      </p>
      <progress className="progress" max={count} value={answered} aria-labelledby="steps-position" />
      {mustResubmit && (
        <p className="notice notice-warning steps-resubmit">
          {t('steps.resubmit')}{' '}
          {current !== 'review' && <Link to={`${base}/review`}>{t('steps.resubmitLink')}</Link>}
        </p>
      )}
      <details className="steps-details">
        <summary>{t('steps.all')}</summary>
        <ol className="steps-list">
          {sections.map((section) => (
            <li key={section.id}>
              <Link
                to={sectionPath(base, section.id)}
                aria-current={section.id === current ? 'step' : undefined}
              >
                {section.title}
              </Link>
            </li>
          ))}
          <li>
            <Link to={`${base}/review`} aria-current={current === 'review' ? 'step' : undefined}>
              {t('review.title')}
            </Link>
          </li>
        </ol>
      </details>
    </nav>
  );
}
