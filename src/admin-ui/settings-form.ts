/** The round settings form (create and edit): checked field by field, problems in the page's language. */
import {
  DEFAULT_K,
  DEFAULT_RESPONDENT_MIN,
  disclosurePolicy,
  PolicyError,
} from '../core/disclosure/policy.ts';
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from '../i18n/admin.ts';
import { fromLocalInputs } from '../i18n/dates.ts';
import type { FormBody } from './forms.ts';

export type Settings = {
  title: { da: string; en?: string };
  opensAt: string | null;
  closesAt: string | null;
  kMin: number;
  respondentMin: number;
  languages: Lang[];
  intro: { da: string; en?: string } | null;
  organiser: string | null;
};

export function parseSettings(
  values: FormBody,
  lang: Lang,
): { ok: true; value: Settings } | { ok: false; problems: string[] } {
  const t = adminT(lang);
  const problems: string[] = [];
  const text = (name: string) => (values[name] ?? '').trim();
  // A date input and a time input, read as Copenhagen wall time; without a time, the round
  // opens at the start of the day and closes at its end.
  const date = (name: string, label: string, defaultTime: string) => {
    const day = text(`${name}_date`);
    const time = text(`${name}_time`);
    if (day === '' && time === '') return null;
    const iso = day === '' ? null : fromLocalInputs(day, time || defaultTime);
    if (iso === null)
      problems.push(t('round.badDate', { field: label, value: [day, time].join(' ').trim() }));
    return iso;
  };
  const titleDa = text('title_da');
  const titleEn = text('title_en');
  if (titleDa === '' || titleDa.length > 500) problems.push(t('round.titleDa'));
  if (titleEn.length > 500) problems.push(t('round.titleEn'));
  const opensAt = date('opens_at', t('round.opensAt'), '00:00');
  const closesAt = date('closes_at', t('round.closesAt'), '23:59');
  if (opensAt && closesAt && closesAt <= opensAt) problems.push(t('round.closesBeforeOpens'));
  const kMin = Number(text('k') || String(DEFAULT_K));
  const respondentMin = Number(text('respondent_min') || String(DEFAULT_RESPONDENT_MIN));
  try {
    disclosurePolicy({ k: kMin, respondentMin });
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    problems.push(t(err.field === 'k' ? 'round.kFloor' : 'round.respondentMinFloor'));
  }
  const languages = (['da', 'en'] as const).filter((l) => values[`lang_${l}`]);
  if (languages.length === 0) problems.push(t('round.languages'));
  const introDa = text('intro_da');
  const introEn = text('intro_en');
  if (introDa.length > 2000 || introEn.length > 2000) problems.push(t('round.introDa'));
  const organiser = text('organiser');
  if (organiser.length > 200) problems.push(t('round.organiserTooLong'));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title: titleEn ? { da: titleDa, en: titleEn } : { da: titleDa },
      opensAt,
      closesAt,
      kMin,
      respondentMin,
      languages,
      intro: introDa ? (introEn ? { da: introDa, en: introEn } : { da: introDa }) : null,
      organiser: organiser || null,
    },
  };
}
