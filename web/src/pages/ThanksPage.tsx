/**
 * After submitting: thanks, the respondent's competency profile (an SVG chart rendered by the
 * server, with an HTML table of the same numbers as its accessible alternative) and their
 * answers as submitted. Editing stays possible while the round is open.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { AnswerSummary } from '../components/AnswerSummary.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { getProfile, type Profile } from '../lib/api.ts';
import { sameAnswers } from '../lib/draft-sync.ts';
import { visibleAnswers, visibleSections } from '../lib/instrument.ts';
import { sectionPath, useSurvey } from '../survey/context.ts';
import { formatDateTime, formatNumber } from '../survey/format.ts';

export function ThanksPage() {
  const { t } = useTranslation();
  const { info, instrument, answers, base, lang, submission } = useSurvey();
  if (!submission) return <Navigate to={`${base}/review`} replace />;
  const first = visibleSections(instrument, answers)[0];
  const changed = !sameAnswers(submission.answers, visibleAnswers(instrument, answers));

  return (
    <>
      <PageHeading title={t('thanks.title')}>{t('thanks.title')}</PageHeading>
      <p className="lead">{t('thanks.lead', { when: formatDateTime(submission.submittedAt, lang) })}</p>
      <p>
        {info.round.closesAt
          ? t('thanks.editUntil', { when: formatDateTime(info.round.closesAt, lang) })
          : t('thanks.editWhileOpen')}
      </p>
      {changed && (
        <p className="notice">
          {t('thanks.changed')} <Link to={`${base}/review`}>{t('thanks.toReview')}</Link>
        </p>
      )}
      {first && (
        <p>
          <Link className="button button-secondary" to={sectionPath(base, first.id)}>
            {t('thanks.edit')}
          </Link>
        </p>
      )}

      <h2>{t('profile.title')}</h2>
      <p>{t('profile.lead')}</p>
      <ProfileView submissionId={submission.id} />

      <h2>{t('thanks.answersTitle')}</h2>
      <AnswerSummary answers={submission.answers} editLinks={false} />
    </>
  );
}

function ProfileView({ submissionId }: { submissionId: number }) {
  const { t } = useTranslation();
  const { token, lang } = useSurvey();
  const [profile, setProfile] = useState<Profile | 'loading' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    setProfile('loading');
    getProfile(token, lang).then(
      (p) => !cancelled && setProfile(p),
      () => !cancelled && setProfile('failed'),
    );
    return () => {
      cancelled = true;
    };
  }, [token, lang, submissionId]);

  if (profile === 'loading') return <p className="hint">{t('profile.loading')}</p>;
  if (profile === 'failed') return <p className="notice notice-warning">{t('profile.failed')}</p>;
  const { min, max } = profile.scale;
  return (
    <div className="profile">
      {/* The server's SVG (role="img" with its own title and description); no scripts or styles inside. */}
      <figure className="profile-chart" dangerouslySetInnerHTML={{ __html: profile.svg }} />
      <table className="data-table">
        <caption>{t('profile.tableCaption', { min, max })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('profile.competency')}</th>
            <th scope="col">{t('profile.score', { min, max })}</th>
            <th scope="col">{t('profile.rank')}</th>
          </tr>
        </thead>
        <tbody>
          {profile.rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              <td>{row.score === null ? t('profile.noScore') : formatNumber(row.score, lang, 1)}</td>
              <td>{row.rank === null ? t('profile.noRank') : row.rank}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
