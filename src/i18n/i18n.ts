/**
 * The translation layer: every user-facing string comes from the catalogues in `locales/`
 * (Danish first, English second) or from the instrument's own texts. i18next does lookup,
 * interpolation and fallback; this module fixes its configuration in one place.
 */
import i18next, { type TFunction } from 'i18next';
import type { Text } from '../core/instrument/schema.ts';
import { roundShown } from '../core/figures/precision.ts';
import type { Lang } from '../core/instrument/types.ts';
import da from './locales/da.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export const DEFAULT_LANG: Lang = 'da';

const instance = i18next.createInstance();
void instance.init({
  resources: { da: { translation: da }, en: { translation: en } },
  lng: DEFAULT_LANG,
  fallbackLng: DEFAULT_LANG,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function translator(lang: Lang): TFunction {
  return instance.getFixedT(lang);
}

export function isLang(value: unknown): value is Lang {
  return value === 'da' || value === 'en';
}

/** An instrument text in the wanted language; a missing English text falls back to Danish. */
export function localize(text: Text | undefined, lang: Lang): string {
  if (!text) return '';
  return (lang === 'en' ? text.en : undefined) ?? text.da;
}

const LOCALES: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

/** The number as people see it: rounded the way the core's rules compare it (roundShown). */
export function formatNumber(value: number, decimals: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    minimumFractionDigits: 0,
    maximumFractionDigits: decimals,
  }).format(roundShown(value, decimals));
}

/** "a, b and c" in the language's own way. */
export function joinList(parts: readonly string[], lang: Lang): string {
  return new Intl.ListFormat(LOCALES[lang], { style: 'long', type: 'conjunction' }).format(parts);
}

/** "a, b or c" in the language's own way (the valid codes of a field). */
export function joinAlternatives(parts: readonly string[], lang: Lang): string {
  return new Intl.ListFormat(LOCALES[lang], { style: 'long', type: 'disjunction' }).format(parts);
}
