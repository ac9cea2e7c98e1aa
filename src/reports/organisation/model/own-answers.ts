/**
 * What the organisation's own respondents chose and wrote: shares of every choice and, from
 * at least the respondent minimum, the free texts. Free text never leaves the organisation:
 * it is in this report only, never in a figure, the sector report or the open data.
 */
import { choiceShares } from '../../../core/figures/organisation-row.ts';
import type { OrganisationData } from '../../../core/exchange/types.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { refLabel } from '../../../i18n/explain.ts';
import { localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import type { AnswersSection } from './types.ts';

export function answersSection(
  instrument: Instrument,
  data: OrganisationData,
  respondentMin: number,
  lang: Lang,
): AnswersSection {
  const t = reportT(lang);
  const optionLabel = (item: string, value: string) => {
    const def = instrument.itemById.get(item)?.def;
    return (
      localize(
        def?.type === 'choice' ? def.options.find((o) => o.value === value)?.label : undefined,
        lang,
      ) || value
    );
  };
  const choices = choiceShares(instrument, data.respondents)
    .filter((c) => c.answered > 0)
    .map((c) => ({
      id: c.item,
      label: refLabel(instrument, c.item, lang),
      answered: c.answered,
      options: c.shares.map((s) => ({
        value: s.option,
        label: optionLabel(c.item, s.option),
        share: s.share,
      })),
    }));
  const enough = data.respondents.length >= respondentMin;
  const texts = enough
    ? [...instrument.slotById.values()]
        .filter((s) => s.kind === 'text')
        .map((s) => ({
          id: s.id,
          label: refLabel(instrument, s.id, lang),
          // Sorted, so the order says nothing about who wrote what.
          answers: data.respondents
            .map((r) => r.answers[s.id])
            .filter((a): a is string => typeof a === 'string' && a.trim() !== '')
            .sort((a, b) => a.localeCompare(b, lang)),
        }))
        .filter((x) => x.answers.length > 0)
    : [];
  return {
    choices,
    texts,
    textsHidden: enough ? null : t('answers.textsHidden', { min: respondentMin }),
  };
}
