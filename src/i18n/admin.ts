/**
 * Texts of the staff pages, the sector report and the invitation mails (`locales/admin.*.json`),
 * in their own catalogue like the survey's and the organisation report's.
 */
import i18next, { type TFunction } from 'i18next';
import type { Lang } from '../core/instrument/types.ts';
import da from './locales/admin.da.json' with { type: 'json' };
import en from './locales/admin.en.json' with { type: 'json' };
// The portfolio pages' texts (issue 16) in files of their own, under `portfolio.*`.
import portfolioDa from './locales/portfolio.da.json' with { type: 'json' };
import portfolioEn from './locales/portfolio.en.json' with { type: 'json' };

const missing = new Set<string>();

const instance = i18next.createInstance();
void instance.init({
  resources: {
    da: { admin: { ...da, portfolio: portfolioDa } },
    en: { admin: { ...en, portfolio: portfolioEn } },
  },
  lng: 'da',
  fallbackLng: 'da',
  defaultNS: 'admin',
  ns: ['admin'],
  initAsync: false,
  // The HTML layer escapes every interpolated value itself.
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => missing.add(key),
});

export function adminT(lang: Lang): TFunction {
  return instance.getFixedT(lang);
}

export function missingAdminKeys(): string[] {
  return [...missing].sort();
}
