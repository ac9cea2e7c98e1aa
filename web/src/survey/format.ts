/** Formatting for the respondent: dates, numbers, texts and answers, in the chosen language. */
import type { TFunction } from 'i18next';
import type { Lang, LocalText } from '../lib/api.ts';
import type { Answers, DescribedItem } from '../lib/instrument.ts';
import { rankedOrder } from '../items/RankingItem.tsx';

const LOCALES: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

export function localText(text: LocalText, lang: Lang): string {
  return (lang === 'en' ? text.en : undefined) ?? text.da;
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function formatNumber(value: number, lang: Lang, decimals = 2): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: decimals }).format(value);
}

/** An answer as words: "4 – Very important", "Don't know", a list of options, a number with its unit. */
export function answerText(
  t: TFunction,
  item: DescribedItem,
  answers: Answers,
  lang: Lang,
): string | string[] | null {
  const value = answers[item.id];
  switch (item.type) {
    case 'ranking': {
      const order = rankedOrder(item.options ?? [], answers);
      return order ? order.map((o) => o.label) : null;
    }
    case 'scale': {
      if (value === undefined) return null;
      if (typeof value === 'string') return t(`answer.${value}`);
      const point = item.points?.find((p) => p.value === value);
      return point ? t('item.levelPoint', { value: point.value, label: point.label }) : String(value);
    }
    case 'choice': {
      if (value === undefined) return null;
      const values = Array.isArray(value) ? value : [value];
      const labels = values.map((v) => item.options?.find((o) => o.value === v)?.label ?? String(v));
      return item.multiple ? labels : (labels[0] ?? null);
    }
    case 'number':
      return typeof value === 'number'
        ? `${formatNumber(value, lang, 6)}${item.unit ? ` ${item.unit}` : ''}`
        : null;
    case 'text':
      return typeof value === 'string' ? value : null;
  }
}
