/**
 * The organisation report's texts (`locales/report.*.json`), in their own catalogue like the
 * survey's, so the report can grow without touching the shared one. Keys that are missing are
 * recorded, so a test can insist there are none.
 */
import i18next, { type TFunction } from 'i18next';
import type { Lang } from '../core/instrument/types.ts';
import da from './locales/report.da.json' with { type: 'json' };
import en from './locales/report.en.json' with { type: 'json' };

const missing = new Set<string>();

const instance = i18next.createInstance();
void instance.init({
  resources: { da: { report: da }, en: { report: en } },
  lng: 'da',
  fallbackLng: 'da',
  defaultNS: 'report',
  ns: ['report'],
  initAsync: false,
  // The HTML layer escapes every interpolated value itself; escaping here would do it twice.
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => missing.add(key),
});

export function reportT(lang: Lang): TFunction {
  return instance.getFixedT(lang);
}

/** Keys asked for that neither catalogue has (for tests). */
export function missingReportKeys(): string[] {
  return [...missing].sort();
}
