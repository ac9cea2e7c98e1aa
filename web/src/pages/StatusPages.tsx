/** While the survey loads, and when it cannot be loaded because the connection is down. */
import { useTranslation } from 'react-i18next';
import { Layout } from '../components/Layout.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

export function LoadingPage() {
  const { t } = useTranslation();
  return (
    <Layout>
      <p className="loading" role="status">
        {t('loading')}
      </p>
    </Layout>
  );
}

export function OfflinePage({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Layout>
      <PageHeading title={t('offline.title')}>{t('offline.title')}</PageHeading>
      <p className="lead">{t('offline.lead')}</p>
      <p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t('offline.retry')}
        </button>
      </p>
    </Layout>
  );
}
