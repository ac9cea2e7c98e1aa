/** Routes: `/s/<token>/…` is a respondent's survey; every other path gets the neutral bad-link page. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { BadLinkPage } from './pages/BadLinkPage.tsx';
import { SurveyRoot } from './survey/SurveyRoot.tsx';

export function App() {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  return (
    <Routes>
      <Route path="/s/:token/*" element={<SurveyRoot />} />
      <Route
        path="*"
        element={
          <Layout>
            <BadLinkPage />
          </Layout>
        }
      />
    </Routes>
  );
}
