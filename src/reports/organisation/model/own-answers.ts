/**
 * What the organisation's own respondents chose, estimated and wrote: shares of every choice,
 * the median of every number (e.g. the budget share), and the free texts. For the organisation
 * only: never in a figure, the sector report or the open data. Nothing is shown from fewer than
 * the respondent minimum (docs/reports.md, "What your own leaders said"):
 * - choices and numbers: only items at least the minimum answered (1 answer of 1 is a person's);
 * - free texts: only when the organisation has the minimum, and only items at least the minimum
 *   were asked — a follow-up asked only of those who chose "other" is tied to those few, whom the
 *   shares above count. Texts are sorted, so their order says nothing about who wrote what.
 */
import { isVisible } from '../../../core/answers/conditions.ts';
import { isMissing } from '../../../core/answers/values.ts';
import { choiceShares } from '../../../core/figures/organisation-row.ts';
import type { OrganisationData } from '../../../core/exchange/types.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { refLabel } from '../../../i18n/explain.ts';
import { localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import type { AnswersSection } from './types.ts';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

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
  const shown = (answered: number) => answered >= respondentMin;
  const all = choiceShares(instrument, data.respondents).filter((c) => c.answered > 0);
  const choices = all
    .filter((c) => shown(c.answered))
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
  const numbers = [...instrument.slotById.values()]
    .filter((s) => s.kind === 'number')
    .map((s) => {
      const xs = data.respondents
        .map((r) => r.answers[s.id])
        .filter((a): a is number => typeof a === 'number' && Number.isFinite(a));
      return { id: s.id, label: refLabel(instrument, s.id, lang), answered: xs.length, xs };
    })
    .filter((n) => n.answered > 0);
  const enough = data.respondents.length >= respondentMin;
  const texts = enough
    ? [...instrument.slotById.values()]
        .filter((s) => s.kind === 'text')
        .filter((s) => {
          const item = instrument.itemById.get(s.id);
          return !item || shown(data.respondents.filter((r) => isVisible(item, r.answers)).length);
        })
        .map((s) => ({
          id: s.id,
          label: refLabel(instrument, s.id, lang),
          answers: data.respondents
            .map((r) => r.answers[s.id])
            .filter((a): a is string => typeof a === 'string' && !isMissing(a) && a.trim() !== '')
            .sort((a, b) => a.localeCompare(b, lang)),
        }))
        .filter((x) => x.answers.length > 0)
    : [];
  const held = all.some((c) => !shown(c.answered)) || numbers.some((n) => !shown(n.answered));
  return {
    choices,
    numbers: numbers
      .filter((n) => shown(n.answered))
      .map((n) => ({ id: n.id, label: n.label, answered: n.answered, median: median(n.xs) })),
    texts,
    textsHidden: enough ? null : t('answers.textsHidden', { min: respondentMin }),
    choicesHidden: held ? t('summary.board.answersHeld', { min: respondentMin }) : null,
  };
}
