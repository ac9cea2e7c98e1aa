/**
 * Every page's h1. After a page change, focus moves to it (or to the field named in the URL's
 * `#field-…` fragment, when an error link led here), so keyboard and screen-reader users start
 * at the new content; the document title follows too.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    const hash = decodeURIComponent(window.location.hash.slice(1));
    const target = hash.startsWith('field-') ? document.getElementById(hash) : null;
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
    } else if (!firstPage) {
      ref.current?.focus();
      window.scrollTo({ top: 0 });
    }
    firstPage = false;
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
