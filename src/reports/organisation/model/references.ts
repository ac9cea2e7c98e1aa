/**
 * The organisation beside the whole round and the published references the instrument
 * carries (for dt-offentlig the 2018 study): one row per reference value.
 */
import type { Json } from '../../../core/figures/assemble.ts';
import { figurePlans } from '../../../core/figures/plan.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import type { OrganisationScore } from '../../../core/scoring/organisation.ts';
import { refDecimals } from '../../../i18n/explain.ts';
import { formatNumber, joinList, localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import { categoryLabel, figureTitle, keyLabel } from '../../figures/labels.ts';
import type { ReferenceSection } from './types.ts';

type Obj = Record<string, Json>;
const at = (json: Json | undefined, path: readonly string[]): Json | undefined =>
  path.reduce<Json | undefined>(
    (o, k) => (o && typeof o === 'object' && !Array.isArray(o) ? (o as Obj)[k] : undefined),
    json,
  );

export function referenceSection(
  instrument: Instrument,
  score: OrganisationScore,
  roundFigures: Readonly<Record<string, Json>> | null,
  k: number,
  lang: Lang,
): ReferenceSection | null {
  const refs = instrument.def.references;
  if (refs.length === 0) return null;
  const t = reportT(lang);
  const dash = t('references.none');
  const plans = new Map(figurePlans(instrument).map((p) => [p.figure.id, p]));
  const rows: ReferenceSection['rows'] = [];
  for (const ref of refs)
    for (const v of ref.values) {
      const plan = plans.get(v.figure);
      if (!plan) continue;
      const figure = plan.figure;
      const round = roundFigures?.[v.figure];
      let label = figureTitle(instrument, figure, lang);
      let ours = dash;
      let roundText = dash;
      let reference = dash;
      if (v.value !== undefined) {
        const leaf = plan.leaves.find((l) => l.kind === 'mean' && l.path.join('.') === v.path.join('.'));
        const id = leaf && leaf.kind === 'mean' ? leaf.ref : null;
        const d = Math.max(1, id ? refDecimals(instrument, id) : 1);
        label = `${label}: ${v.path.map((p) => keyLabel(instrument, figure, p, lang)).join(', ')}`;
        const own = id ? (score.values[id] ?? null) : null;
        ours = own === null ? dash : formatNumber(own, d, lang);
        const r = at(round, v.path);
        roundText = typeof r === 'number' ? formatNumber(r, d, lang) : dash;
        reference = formatNumber(v.value, d, lang);
      } else if (v.categories && v.count !== undefined) {
        const leaf = plan.leaves[0]!;
        label = `${label}: ${joinList(
          v.categories.map((c) => categoryLabel(instrument, leaf, c, lang)),
          lang,
        )}`;
        const inside = (cat: string | null) => cat !== null && v.categories!.includes(cat);
        const ownCat =
          leaf.kind === 'stages'
            ? (score.stage?.stage ?? null)
            : leaf.kind === 'distribution'
              ? (() => {
                  const x = score.values[leaf.ref];
                  if (x === null || x === undefined) return null;
                  const i = leaf.categoryOf(x);
                  return i >= 0 ? leaf.categories[i]! : null;
                })()
              : null;
        ours = ownCat === null ? dash : t(inside(ownCat) ? 'references.yes' : 'references.no');
        const cells = v.categories.map((c) => at(round, [c]));
        const total = Object.values((round as Obj | undefined) ?? {}).reduce<number | null>(
          (n, x) => (n === null || typeof x !== 'number' ? null : n + x),
          0,
        );
        roundText =
          cells.every((c) => typeof c === 'number') && total !== null && round
            ? t('references.countOf', { count: (cells as number[]).reduce((a, b) => a + b, 0), of: total })
            : t('references.hidden', { k });
        reference = t('references.countOf', { count: v.count, of: ref.organisations });
      } else if (v.place !== undefined) {
        const option = v.path[0]!;
        const item = instrument.itemById.get(figure.ranking ?? '');
        const o = item?.def.type === 'ranking' ? item.def.options.find((x) => x.value === option) : undefined;
        label = `${label}: ${localize(o?.label, lang) || option}`;
        const competency = instrument.def.competencies.find((c) => c.id === option || c.rank === o?.answer);
        const place = competency ? score.ranking.indexOf(competency.id) : -1;
        ours = place >= 0 ? String(place + 1) : dash;
        const p = at(round, [option, 'place']);
        roundText = typeof p === 'number' ? String(p) : dash;
        reference = String(v.place);
      }
      const existing = rows.find((r) => r.label === label);
      if (existing) existing.reference[ref.id] = reference;
      else rows.push({ label, ours, round: roundText, reference: { [ref.id]: reference } });
    }
  return {
    references: refs.map((r) => ({
      id: r.id,
      label: localize(r.label, lang),
      source: localize(r.source, lang),
      organisations: r.organisations,
    })),
    rows,
  };
}
