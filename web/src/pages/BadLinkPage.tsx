/**
 * Unknown, closed or expired links, and any other path: one neutral page that says nothing
 * about any round or organisation (the same words whatever the reason).
 */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/PageHeading.tsx';

export function BadLinkPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('badLink.title')}>{t('badLink.title')}</PageHeading>
      <p className="lead">{t('badLink.lead')}</p>
      <ul className="bullets">
        <li>{t('badLink.reason1')}</li>
        <li>{t('badLink.reason2')}</li>
        <li>{t('badLink.reason3')}</li>
      </ul>
      <p>{t('badLink.help')}</p>
    </>
  );
}
