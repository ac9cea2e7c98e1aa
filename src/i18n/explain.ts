/** Plain-language sentences for the core's structured results (stage reasons, divergence). */
import type { Instrument, Lang } from '../core/instrument/types.ts';
import type { RequirementResult, StagePlacement } from '../core/stages/place.ts';
import { decimalsOf } from '../core/figures/precision.ts';
import { formatNumber, joinList, localize, translator } from './i18n.ts';

const decimalPlaces = (x: number) => (Number.isInteger(x) ? 0 : (String(x).split('.')[1]?.length ?? 0));

/** The label of any value reference: a measure, or the item behind an answer id. */
export function refLabel(instrument: Instrument, ref: string, lang: Lang): string {
  const measure = instrument.measureById.get(ref);
  if (measure) return localize(measure.label, lang);
  const slot = instrument.slotById.get(ref);
  if (slot?.kind === 'rank') {
    const option = slot.item.options.find((o) => o.answer === ref);
    return localize(option?.label, lang);
  }
  return slot ? localize(slot.item.label ?? slot.item.text, lang) : ref;
}

export { decimalsOf as refDecimals } from '../core/figures/precision.ts';

export function stageLabel(instrument: Instrument, id: string, lang: Lang): string {
  return localize(instrument.def.stages.find((s) => s.id === id)?.label, lang) || id;
}

function requirement(instrument: Instrument, r: RequirementResult, lang: Lang, met: boolean): string {
  const t = translator(lang);
  if (r.present)
    return t(met ? 'stage.reqPresent' : 'stage.reqNeedPresent', { label: refLabel(instrument, r.ref, lang) });
  const decimals = decimalsOf(instrument, r.ref);
  const value = r.value === null ? t('stage.noValue') : formatNumber(r.value, decimals, lang);
  const atLeast = r.atLeast !== undefined;
  // A threshold is shown as written (62.5, not 63), since the value it is compared with is the one shown.
  const limit = (atLeast ? r.atLeast : r.atMost)!;
  const threshold = formatNumber(limit, Math.max(decimals, decimalPlaces(limit)), lang);
  const key = met
    ? atLeast
      ? 'stage.reqMetAtLeast'
      : 'stage.reqMetAtMost'
    : atLeast
      ? 'stage.reqNeedAtLeast'
      : 'stage.reqNeedAtMost';
  return t(key, { label: refLabel(instrument, r.ref, lang), value, threshold });
}

/** One sentence: "Placed at X because …; Y needs …." */
export function explainStage(instrument: Instrument, placement: StagePlacement, lang: Lang): string {
  const t = translator(lang);
  const list = (rs: RequirementResult[], met: boolean) =>
    joinList(
      rs.map((r) => requirement(instrument, r, lang, met)),
      lang,
    );
  if (placement.stage === null) {
    return `${t('stage.unplaced', { unmet: list(placement.next?.unmet ?? [], false) })}.`;
  }
  const stage = stageLabel(instrument, placement.stage, lang);
  // "The index can be computed" is no reason worth a sentence: the first stage just says so.
  const reasons = placement.met.filter((r) => !r.present);
  const first =
    reasons.length > 0
      ? t('stage.placed', { stage, met: list(reasons, true) })
      : t('stage.placedFirst', { stage });
  const second = placement.next
    ? t('stage.next', {
        stage: stageLabel(instrument, placement.next.stage, lang),
        unmet: list(placement.next.unmet, false),
      })
    : t('stage.top');
  return `${first}; ${second}.`;
}
