/** The frame of every page: skip link, header with the language switch, main, footer. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberLang } from '../i18n.ts';

export function Layout({ children, status }: { children: ReactNode; status?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
      </header>
      {status}
      <main id="main" tabIndex={-1} className="container main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">{t('layout.footer')}</div>
      </footer>
    </>
  );
}

/** A real button, labelled in the language it switches to. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'da' : 'en';
  return (
    <button
      type="button"
      className="button button-quiet lang-switch"
      lang={other}
      onClick={() => {
        rememberLang(other);
        void i18n.changeLanguage(other);
      }}
    >
      {t('layout.switchLanguage')}
    </button>
  );
}
