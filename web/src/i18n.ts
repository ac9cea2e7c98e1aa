/**
 * The survey's UI texts: the `survey` namespace (src/i18n/locales/survey.{da,en}.json) in
 * i18next, Danish by default. Instrument texts come from the API in the chosen language.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import da from '../../src/i18n/locales/survey.da.json';
import en from '../../src/i18n/locales/survey.en.json';
import type { Lang } from './lib/api.ts';

const LANG_KEY = 'pejling.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode: the switch still works for this visit.
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { da: { survey: da }, en: { survey: en } },
  lng: storedLang(),
  fallbackLng: 'da',
  ns: ['survey'],
  defaultNS: 'survey',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
