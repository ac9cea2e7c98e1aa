/**
 * Names of the things figures are about, in the reader's language, for any instrument: a
 * figure's title, the rows and columns of a means table, the categories of a distribution,
 * the options of a choice, the groups of a release.
 */
import type { FigureDef } from '../../core/instrument/schema.ts';
import type { Instrument, Lang } from '../../core/instrument/types.ts';
import type { LeafPlan } from '../../core/figures/plan.ts';
import { refLabel } from '../../i18n/explain.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { bandLimits, organisationRules } from '../../core/organisations/attributes.ts';
import { adminT } from '../../i18n/admin.ts';

export function figureTitle(instrument: Instrument, figure: FigureDef, lang: Lang): string {
  if (figure.title) return localize(figure.title, lang);
  const single =
    figure.distribution ?? (typeof figure.means === 'string' ? figure.means : undefined) ?? figure.ranking;
  if (single) return refLabel(instrument, single, lang);
  return adminT(lang)(`figures.kinds.${kindOf(figure)}`, { id: figure.id });
}

export function kindOf(figure: FigureDef): string {
  if (figure.distribution !== undefined) return 'distribution';
  if (figure.stages) return 'stages';
  if (figure.means !== undefined) return 'means';
  if (figure.shares) return 'shares';
  if (figure.quantiles) return 'quantiles';
  if (figure.sums) return 'sums';
  if (figure.ratio) return 'ratio';
  if (figure.ranking !== undefined) return 'ranking';
  return 'compare';
}

/** A key of a means table (a row or a column): the figure's own label, else what the key names. */
export function keyLabel(instrument: Instrument, figure: FigureDef, key: string, lang: Lang): string {
  const own = figure.labels?.[key];
  if (own) return localize(own, lang);
  const def = instrument.def;
  const named =
    def.competencies.find((c) => c.id === key) ??
    def.domains.find((d) => d.id === key) ??
    def.stages.find((s) => s.id === key);
  if (named) return localize(named.label, lang);
  const group = instrument.respondentGroups.find((g) => g.id === key);
  if (group) return localize(group.label, lang);
  if (instrument.slotById.has(key) || instrument.measureById.has(key)) return refLabel(instrument, key, lang);
  return key;
}

/** A category of a distribution or the stages: "4 Meget vigtig", "Mobiliseret", "40–50". */
export function categoryLabel(instrument: Instrument, leaf: LeafPlan, category: string, lang: Lang): string {
  if (leaf.kind === 'stages')
    return localize(instrument.def.stages.find((s) => s.id === category)?.label, lang) || category;
  if (leaf.kind === 'distribution') {
    const slot = instrument.slotById.get(leaf.ref);
    if (slot?.kind === 'scale') {
      const label = localize(slot.scale.labels[category], lang);
      return label ? `${category} ${label}` : category;
    }
  }
  return category.replace('-', '–');
}

export function optionLabel(instrument: Instrument, item: string, option: string, lang: Lang): string {
  const def = instrument.itemById.get(item)?.def;
  if (def?.type === 'choice' || def?.type === 'ranking') {
    const o = def.options.find((x) => x.value === option);
    if (o) return localize(o.label, lang);
  }
  return option;
}

/** What a label of a group may use beyond its id: the size limits, organisations' names. */
export interface GroupLabelContext {
  readonly instrument?: Instrument;
  readonly nameOf?: (organisation: number) => string | undefined;
}

/**
 * A size band in plain words: "Kommuner med 20.000–50.000 indbyggere" (from the instrument's
 * limits), or "Kommuner, størrelse: små" without them.
 */
export function sizeGroupLabel(sector: string, band: string, lang: Lang, instrument?: Instrument): string {
  const t = adminT(lang);
  const sectorWords = t(`figures.sectorsPlural.${sector}`, { defaultValue: sector });
  const limits = instrument ? bandLimits(organisationRules(instrument), sector, band) : null;
  const n = (v: number) => formatNumber(v, 2, lang);
  if (!limits)
    return t('figures.sizeGroup.band', {
      sector: sectorWords,
      size: t(`figures.sizeBands.${band}`, { defaultValue: band }),
    });
  const unit = t(`figures.units.${limits.unit}`);
  if (limits.from !== null && limits.below !== null)
    return t('figures.sizeGroup.between', {
      sector: sectorWords,
      from: n(limits.from),
      below: n(limits.below),
      unit,
    });
  if (limits.below !== null)
    return t('figures.sizeGroup.below', { sector: sectorWords, below: n(limits.below), unit });
  return t('figures.sizeGroup.from', { sector: sectorWords, from: n(limits.from ?? 0), unit });
}

/**
 * A group of a release in plain words: "Hele runden", "Kommuner", "Kommuner med 20.000–50.000
 * indbyggere", "Mest lignende organisationer", "Sammenligningsgruppe for Aabenraa Kommune", …
 * — never its id.
 */
export function groupLabel(id: string, lang: Lang, context: GroupLabelContext = {}): string {
  const t = adminT(lang);
  if (id === 'all' || id === 'best' || id === 'rest') return t(`figures.groups.${id}`);
  const at = id.indexOf(':');
  const kind = id.slice(0, at);
  const key = id.slice(at + 1);
  if (kind === 'sector') return t(`sector.sectors.${key}`, { defaultValue: key });
  if (kind === 'size') {
    // `kommune/small`; releases made before bands were per sector name the band alone.
    const [sector, band] = key.includes('/') ? (key.split('/') as [string, string]) : [null, key];
    return sector === null
      ? t('figures.groups.size', { size: t(`figures.sizeBands.${band}`, { defaultValue: band }) })
      : sizeGroupLabel(sector, band, lang, context.instrument);
  }
  if (kind === 'comparison') {
    const name = context.nameOf?.(Number(key));
    return name ? t('figures.groups.comparison', { name }) : t('figures.groups.comparisonUnnamed');
  }
  return t('figures.groups.similar');
}
