/**
 * Turns the text of an instrument file into a validated, compiled `Instrument`, or into
 * the complete list of problems found (never just the first). Pure: the caller reads the file.
 */
import { SECTORS } from '../exchange/types.ts';
import { checkPanel } from '../panel/check.ts';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type {
  ComparisonDef,
  Condition,
  FigureDef,
  InstrumentDef,
  ItemDef,
  MeansShape,
  RespondentGroupDef,
  SectorNode,
} from './schema.ts';
import { FIGURE_KINDS, instrumentSchema } from './schema.ts';
import { checkChecklists } from '../checklists/compile-checklists.ts';
import { checkFlags } from '../flags/compile-flags.ts';
import { isNumericSlot, isScoredChoice, optionScoreProblem } from './scored-choice.ts';
import type { AnswerSlot, CompiledItem, Instrument, InstrumentProblem, ResolvedScale } from './types.ts';

export type CompileResult =
  | { ok: true; instrument: Instrument; warnings: InstrumentProblem[] }
  | { ok: false; problems: InstrumentProblem[] };

type PathPart = string | number;

export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Parses YAML or JSON text (JSON is YAML) and compiles it. */
export function compileInstrumentText(text: string, file: string): CompileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        path: '(syntax)',
        line: e.linePos?.[0]?.line,
        message: e.message.split('\n')[0] ?? e.message,
      })),
    };
  }
  const lineOf = (path: readonly PathPart[]): number | undefined => {
    // Walk up until a node with a position is found (a missing key points at its parent).
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && (isMap(node) || isSeq(node) || 'range' in node) && node.range) {
        return lineCounter.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
  return compileInstrument(doc.toJS(), file, lineOf);
}

/** Validates and compiles an already parsed instrument object. */
export function compileInstrument(
  raw: unknown,
  file: string,
  lineOf: (path: readonly PathPart[]) => number | undefined = () => undefined,
): CompileResult {
  const problem = (path: readonly PathPart[], message: string): InstrumentProblem => {
    const line = lineOf(path);
    return line === undefined
      ? { file, path: formatPath(path), message }
      : { file, path: formatPath(path), line, message };
  };
  const parsed = instrumentSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => problem(i.path as PathPart[], describeIssue(i))),
    };
  }
  const def = parsed.data;
  const problems: InstrumentProblem[] = [];
  const warnings: InstrumentProblem[] = [];
  const add = (path: PathPart[], message: string) => problems.push(problem(path, message));

  findMissingEnglish(def, [], (path) =>
    warnings.push(problem(path, 'English text missing; Danish is shown')),
  );

  // Items, their answer slots and the order in which respondents meet them.
  const items: CompiledItem[] = [];
  const itemById = new Map<string, CompiledItem>();
  const slotById = new Map<string, AnswerSlot>();
  const seenSections = new Set<string>();
  const answerIds: string[] = [];
  const addSlot = (slot: AnswerSlot, path: PathPart[]) => {
    if (slotById.has(slot.id) || (itemById.has(slot.id) && itemById.get(slot.id)?.def.id !== slot.id)) {
      add(path, `answer id "${slot.id}" is used twice`);
      return;
    }
    slotById.set(slot.id, slot);
    answerIds.push(slot.id);
  };

  for (const [name, scale] of Object.entries(def.scales))
    checkScaleLabels(scale, ['scales', name, 'labels'], add);

  def.sections.forEach((section, s) => {
    if (seenSections.has(section.id)) add(['sections', s, 'id'], `section id "${section.id}" is used twice`);
    seenSections.add(section.id);
    if (section.showIf) checkCondition(section.showIf, ['sections', s, 'showIf'], itemById, add);
    section.items.forEach((item, i) => {
      const path: PathPart[] = ['sections', s, 'items', i];
      if (itemById.has(item.id) || slotById.has(item.id)) {
        add([...path, 'id'], `item id "${item.id}" is used twice`);
        return;
      }
      if (item.showIf) checkCondition(item.showIf, [...path, 'showIf'], itemById, add);
      const compiled = compileItem(def, item, section.id, path, add);
      const showIf = combine(section.showIf, item.showIf);
      const full: CompiledItem = showIf ? { ...compiled, showIf } : compiled;
      itemById.set(item.id, full);
      items.push(full);
      for (const slot of full.slots) addSlot(slot, path);
    });
  });

  // Measures: each refers to numeric answers or to earlier measures.
  const measureById = new Map<string, (typeof def.measures)[number]>();
  const isNumericRef = (ref: string) => {
    const slot = slotById.get(ref);
    return (slot !== undefined && isNumericSlot(slot)) || measureById.has(ref);
  };
  const checkRef = (ref: string, path: PathPart[], what = 'a numeric answer id or an earlier measure') => {
    if (!isNumericRef(ref)) add(path, `"${ref}" is not ${what}`);
  };
  def.measures.forEach((m, n) => {
    const path: PathPart[] = ['measures', n];
    if (slotById.has(m.id) || itemById.has(m.id) || measureById.has(m.id)) {
      add([...path, 'id'], `measure id "${m.id}" is already used`);
    }
    const refs = m.mean ?? m.min ?? m.max ?? m.difference ?? m.weightedMean?.map((w) => w.ref) ?? [];
    const key = m.mean
      ? 'mean'
      : m.min
        ? 'min'
        : m.max
          ? 'max'
          : m.difference
            ? 'difference'
            : 'weightedMean';
    refs.forEach((ref, r) =>
      checkRef(ref, key === 'weightedMean' ? [...path, key, r, 'ref'] : [...path, key, r]),
    );
    measureById.set(m.id, m);
  });

  if (def.index !== undefined && !measureById.has(def.index))
    add(['index'], `"${def.index}" is not a measure`);

  const stageIds = new Set<string>();
  def.stages.forEach((stage, s) => {
    if (stageIds.has(stage.id)) add(['stages', s, 'id'], `stage id "${stage.id}" is used twice`);
    stageIds.add(stage.id);
    stage.requires.forEach((r, q) => checkRef(r.ref, ['stages', s, 'requires', q, 'ref']));
  });

  const adviceTargets = new Set<string>();
  def.competencies.forEach((c, n) => {
    if (adviceTargets.has(c.id)) add(['competencies', n, 'id'], `"${c.id}" is used twice`);
    adviceTargets.add(c.id);
    checkRef(c.score, ['competencies', n, 'score']);
    if (slotById.get(c.rank)?.kind !== 'rank') {
      add(['competencies', n, 'rank'], `"${c.rank}" is not the answer id of a ranking option`);
    }
  });
  def.domains.forEach((d, n) => {
    if (adviceTargets.has(d.id)) add(['domains', n, 'id'], `"${d.id}" is used twice`);
    adviceTargets.add(d.id);
    for (const key of ['priority', 'effort', 'gap'] as const) checkRef(d[key], ['domains', n, key]);
  });
  def.recommendations.forEach((rec, n) =>
    rec.appliesTo.forEach((target, t) => {
      if (!adviceTargets.has(target)) {
        add(['recommendations', n, 'appliesTo', t], `"${target}" is not a competency or domain id`);
      }
    }),
  );
  if (def.advice && def.competencies.length + def.domains.length === 0) {
    add(['advice'], 'advice needs competencies or domains to advise on');
  }

  const { respondentGroups, comparisons } = compileGroups(def, itemById, slotById, add);
  if (def.benchmark) {
    def.benchmark.refs.forEach((ref, n) => checkRef(ref, ['benchmark', 'refs', n]));
    checkRef(def.benchmark.bestPractice.ref, ['benchmark', 'bestPractice', 'ref']);
  }

  checkFlags(def, slotById, (id) => slotById.has(id) || itemById.has(id) || measureById.has(id), add);
  const adviceIds = new Set<string>();
  def.profileAdvice.forEach((a, n) => {
    if (adviceIds.has(a.id)) add(['profileAdvice', n, 'id'], `advice id "${a.id}" is used twice`);
    adviceIds.add(a.id);
    const [item, option] = a.when.ref.split('=');
    const slot = option === undefined ? undefined : slotById.get(item!);
    const share = slot?.kind === 'choice' && slot.values.includes(option!);
    if (!share && !isNumericRef(a.when.ref))
      add(
        ['profileAdvice', n, 'when', 'ref'],
        `"${a.when.ref}" is not a numeric answer id, a measure or item=option of a choice item`,
      );
    const limit = a.when.atLeast ?? a.when.atMost!;
    if (share && (limit < 0 || limit > 1))
      add(['profileAdvice', n, 'when'], `a share's limit must lie between 0 and 1 (got ${limit})`);
  });
  checkChecklists(def, slotById, (id) => measureById.has(id) || isNumericRef(id), add);
  const valueIds = new Map<string, unknown>([...measureById, ...def.flags.map((f) => [f.id, f] as const)]);
  const figures = compileFigures(def, slotById, valueIds, respondentGroups, comparisons, add);
  checkReferences(def, figures, slotById, add);
  checkPanel(def, slotById, add);
  if (problems.length > 0) return { ok: false, problems };
  const instrument: Instrument = {
    def,
    id: def.id,
    version: def.version,
    items,
    itemById,
    answerIds,
    slotById,
    measures: def.measures,
    measureById,
    respondentGroups,
    comparisons,
    figures,
    sectors: def.sectors ?? SECTORS,
  };
  return { ok: true, instrument, warnings };
}

function describeIssue(issue: { code: string; message: string; keys?: readonly string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  }
  return issue.message;
}

function compileItem(
  def: InstrumentDef,
  item: ItemDef,
  sectionId: string,
  path: PathPart[],
  add: (path: PathPart[], message: string) => void,
): CompiledItem {
  switch (item.type) {
    case 'scale': {
      const scale = resolveScale(def, item.scale, [...path, 'scale'], add);
      if (scale && item.levels) {
        for (const point of Object.keys(item.levels)) {
          const p = Number(point);
          if (p < scale.min || p > scale.max)
            add([...path, 'levels', point], `level ${point} is outside the scale`);
        }
      }
      const resolved = scale ?? { min: 1, max: 1, labels: {} };
      return {
        def: item,
        sectionId,
        scale: resolved,
        slots: [{ kind: 'scale', id: item.id, item, scale: resolved }],
      };
    }
    case 'ranking': {
      checkUnique(
        item.options.map((o) => o.value),
        [...path, 'options'],
        'option value',
        add,
      );
      return {
        def: item,
        sectionId,
        slots: item.options.map((o) => ({
          kind: 'rank' as const,
          id: o.answer,
          item,
          option: o.value,
          // The highest rank a respondent may give: every option's, or up to maxRanked.
          size: Math.min(item.maxRanked ?? item.options.length, item.options.length),
        })),
      };
    }
    case 'choice': {
      const values = item.options.map((o) => o.value);
      checkUnique(values, [...path, 'options'], 'option value', add);
      const scoreProblem = optionScoreProblem(item);
      if (scoreProblem) add([...path, 'options'], scoreProblem);
      return {
        def: item,
        sectionId,
        slots: [{ kind: 'choice', id: item.id, item, multiple: item.multiple, values }],
      };
    }
    case 'number':
      if (item.min !== undefined && item.max !== undefined && item.max < item.min) {
        add([...path, 'max'], 'max must not be below min');
      }
      return { def: item, sectionId, slots: [{ kind: 'number', id: item.id, item }] };
    case 'text':
      return { def: item, sectionId, slots: [{ kind: 'text', id: item.id, item }] };
  }
}

function resolveScale(
  def: InstrumentDef,
  ref: string | ResolvedScale,
  path: PathPart[],
  add: (path: PathPart[], message: string) => void,
): ResolvedScale | undefined {
  if (typeof ref !== 'string') {
    checkScaleLabels(ref, [...path, 'labels'], add);
    return ref;
  }
  const scale = def.scales[ref];
  if (!scale) add(path, `unknown scale "${ref}" (defined: ${Object.keys(def.scales).join(', ') || 'none'})`);
  return scale;
}

function checkScaleLabels(scale: ResolvedScale, path: PathPart[], add: (p: PathPart[], m: string) => void) {
  for (let p = scale.min; p <= scale.max; p++) {
    if (!scale.labels[String(p)]) add(path, `scale point ${p} has no label`);
  }
  for (const point of Object.keys(scale.labels)) {
    const p = Number(point);
    if (p < scale.min || p > scale.max)
      add([...path, point], `label for ${point} is outside ${scale.min}–${scale.max}`);
  }
}

function checkUnique(
  values: string[],
  path: PathPart[],
  what: string,
  add: (p: PathPart[], m: string) => void,
) {
  const seen = new Set<string>();
  values.forEach((v, n) => {
    if (seen.has(v)) add([...path, n], `${what} "${v}" is used twice`);
    seen.add(v);
  });
}

/**
 * A condition's items must exist: for `showIf`, earlier ones (conditions look back only); for
 * a respondent group (`of`), any item of the instrument.
 */
function checkCondition(
  cond: Condition,
  path: PathPart[],
  items: ReadonlyMap<string, CompiledItem>,
  add: (p: PathPart[], m: string) => void,
  of?: string,
): void {
  const again = (c: Condition, p: PathPart[]) => checkCondition(c, p, items, add, of);
  if ('all' in cond) cond.all.forEach((c, n) => again(c, [...path, 'all', n]));
  else if ('any' in cond) cond.any.forEach((c, n) => again(c, [...path, 'any', n]));
  else if ('not' in cond) again(cond.not, [...path, 'not']);
  else {
    const tests = (['equals', 'in', 'includes', 'atLeast', 'atMost', 'answered'] as const).filter(
      (k) => cond[k] !== undefined,
    );
    if (tests.length !== 1)
      add(path, 'a condition needs exactly one of equals, in, includes, atLeast, atMost, answered');
    const target = items.get(cond.item);
    if (!target)
      add(
        [...path, 'item'],
        of
          ? `"${cond.item}" is not an item of the instrument (${of} is defined by answers)`
          : `"${cond.item}" is not an earlier item (conditions look back only)`,
      );
    else if (target.def.type === 'ranking') add([...path, 'item'], 'conditions cannot look at a ranking');
    else if (of && target.def.type === 'text') add([...path, 'item'], `${of} cannot be defined by free text`);
  }
}

function combine(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  if (a && b) return { all: [a, b] };
  return a ?? b;
}

/** Calls `report` with the path of every text that has Danish but no English. */
function findMissingEnglish(value: unknown, path: PathPart[], report: (path: PathPart[]) => void): void {
  if (Array.isArray(value)) {
    value.forEach((v, n) => findMissingEnglish(v, [...path, n], report));
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (typeof obj.da === 'string' && keys.every((k) => k === 'da' || k === 'en')) {
      if (obj.en === undefined) report(path);
      return;
    }
    for (const key of keys) findMissingEnglish(obj[key], [...path, key], report);
  }
}

type Add = (path: PathPart[], message: string) => void;

/** Groups and comparisons, with the older `divergence` read as one comparison of two groups. */
function compileGroups(
  def: InstrumentDef,
  itemById: ReadonlyMap<string, CompiledItem>,
  slotById: ReadonlyMap<string, AnswerSlot>,
  add: Add,
): { respondentGroups: RespondentGroupDef[]; comparisons: ComparisonDef[] } {
  const respondentGroups: RespondentGroupDef[] = [...def.respondentGroups];
  const comparisons: ComparisonDef[] = [...def.comparisons];
  const ids = new Set<string>();
  def.respondentGroups.forEach((g, n) => {
    if (ids.has(g.id)) add(['respondentGroups', n, 'id'], `group id "${g.id}" is used twice`);
    ids.add(g.id);
    checkCondition(g.where, ['respondentGroups', n, 'where'], itemById, add, 'a group');
  });
  if (def.divergence) {
    const d = def.divergence;
    const slot = slotById.get(d.groupItem);
    if (slot?.kind !== 'choice' || slot.multiple) {
      add(['divergence', 'groupItem'], `"${d.groupItem}" is not a single-choice item`);
    } else {
      for (const group of ['business', 'it'] as const) {
        d.groups[group].forEach((v, n) => {
          if (!slot.values.includes(v))
            add(['divergence', 'groups', group, n], `"${v}" is not an option of the item`);
        });
      }
    }
    if (ids.has('business') || ids.has('it') || comparisons.length > 0) {
      add(['divergence'], 'use either divergence (the older form) or respondentGroups and comparisons');
    }
    respondentGroups.push(
      { id: 'business', label: LEGACY_LABELS.business, where: { item: d.groupItem, in: d.groups.business } },
      { id: 'it', label: LEGACY_LABELS.it, where: { item: d.groupItem, in: d.groups.it } },
    );
    comparisons.push({
      id: 'business-it',
      groups: ['business', 'it'],
      pointThreshold: d.pointThreshold,
      rankThreshold: d.rankThreshold,
    });
  }
  const comparisonIds = new Set<string>();
  def.comparisons.forEach((c, n) => {
    if (comparisonIds.has(c.id)) add(['comparisons', n, 'id'], `comparison id "${c.id}" is used twice`);
    comparisonIds.add(c.id);
    c.groups.forEach((g, i) => {
      if (!ids.has(g)) add(['comparisons', n, 'groups', i], `"${g}" is not a respondent group`);
    });
  });
  return { respondentGroups, comparisons };
}

/** What the older divergence block called its two groups. */
const LEGACY_LABELS = {
  business: { da: 'Forretningsledere', en: 'Business leaders' },
  it: { da: 'It-ledere', en: 'IT leaders' },
} as const;

const RESERVED_FIGURE_IDS = ['round', 'organisations', 'respondents', 'instrument', 'release', 'disclosure'];

/** Figures from `figures`, or the older `sectorFigures` tree read as figures. */
function compileFigures(
  def: InstrumentDef,
  slotById: ReadonlyMap<string, AnswerSlot>,
  measureById: ReadonlyMap<string, unknown>,
  groups: readonly RespondentGroupDef[],
  comparisons: readonly ComparisonDef[],
  add: Add,
): FigureDef[] {
  const fromTree = def.sectorFigures ? legacyFigures(def.sectorFigures, add) : [];
  if (def.figures && def.sectorFigures)
    add(['sectorFigures'], 'use either figures or sectorFigures (the older form)');
  const figures: FigureDef[] = def.figures ?? fromTree;
  const base: PathPart[] = def.figures ? ['figures'] : ['sectorFigures'];
  const seen = new Set<string>();
  /** Why a reference cannot carry a number, or null when it can. */
  const notNumeric = (ref: string): string | null => {
    const slot = slotById.get(ref);
    if (slot?.kind === 'text')
      return `"${ref}" is a free-text item: no figure is ever computed over free text`;
    if (slot?.kind === 'choice' && !isScoredChoice(slot))
      return `"${ref}" is a choice item: its figures are shares (use shares)`;
    if (slot || measureById.has(ref)) return null;
    return `"${ref}" is not a numeric answer id or a measure`;
  };
  const numeric = (ref: string, path: PathPart[]) => {
    const problem = notNumeric(ref);
    if (problem) add(path, problem);
  };
  const item = (id: string, kind: AnswerSlot['kind'], path: PathPart[], noun: string) => {
    const slot = slotById.get(id);
    if (slot?.kind === 'text')
      add(path, `"${id}" is a free-text item: no figure is ever computed over free text`);
    else if (slot?.kind !== kind) add(path, `"${id}" is not ${noun}`);
  };
  figures.forEach((f, n) => {
    const path: PathPart[] = def.figures ? [...base, n] : [...base, f.id];
    if (seen.has(f.id)) add([...path, 'id'], `figure id "${f.id}" is used twice`);
    seen.add(f.id);
    if (RESERVED_FIGURE_IDS.includes(f.id))
      add([...path, 'id'], `"${f.id}" is reserved for the round's own figures`);
    const kind = FIGURE_KINDS.find((k) => f[k] !== undefined);
    if (f.distribution !== undefined) {
      const slot = slotById.get(f.distribution);
      const problem = notNumeric(f.distribution);
      if (problem) add([...path, 'distribution'], problem);
      else if (slot && slot.kind !== 'scale')
        add([...path, 'distribution'], `"${f.distribution}" is not a scale item or a measure`);
    }
    if (f.stages && def.stages.length === 0) add([...path, 'stages'], 'stages needs stages');
    if (f.means !== undefined) walkMeans(f.means, [...path, 'means'], numeric);
    f.shares?.forEach((id, i) => item(id, 'choice', [...path, 'shares', i], 'a choice item'));
    f.quantiles?.forEach((ref, i) => numeric(ref, [...path, 'quantiles', i]));
    f.sums?.forEach((id, i) => item(id, 'number', [...path, 'sums', i], 'a number item'));
    if (f.ratio) {
      item(f.ratio.numerator, 'number', [...path, 'ratio', 'numerator'], 'a number item');
      item(f.ratio.denominator, 'number', [...path, 'ratio', 'denominator'], 'a number item');
    }
    if (f.ranking !== undefined) {
      const target = def.sections.flatMap((s) => s.items).find((i) => i.id === f.ranking);
      if (target?.type !== 'ranking') add([...path, 'ranking'], `"${f.ranking}" is not a ranking item`);
    }
    if (f.compare !== undefined && !comparisons.some((c) => c.id === f.compare))
      add([...path, 'compare'], `"${f.compare}" is not a comparison`);
    f.groups?.forEach((g, i) => {
      if (!groups.some((x) => x.id === g)) add([...path, 'groups', i], `"${g}" is not a respondent group`);
    });
    if ((f.per === 'respondent' || f.groups) && kind !== 'ranking' && kind !== 'shares')
      add(
        [...path, f.groups ? 'groups' : 'per'],
        'only shares and rankings are counted per respondent or by group',
      );
    if (f.groups && f.per !== 'respondent')
      add([...path, 'groups'], 'groups side by side need per: respondent (the groups are of respondents)');
  });
  return figures;
}

function walkMeans(
  shape: MeansShape,
  path: PathPart[],
  check: (ref: string, path: PathPart[]) => void,
): void {
  if (typeof shape === 'string') check(shape, path);
  else for (const [key, child] of Object.entries(shape)) walkMeans(child, [...path, key], check);
}

/** The older tree: each top-level key is one figure; nested objects are means tables. */
function legacyFigures(tree: Record<string, SectorNode>, add: Add): FigureDef[] {
  const toMeans = (node: SectorNode, path: PathPart[]): MeansShape => {
    if (typeof node === 'string') return node;
    if ('distribution' in node || 'stageCounts' in node) {
      add(path, 'a distribution or stageCounts must be a top-level figure');
      return {};
    }
    return Object.fromEntries(
      Object.entries(node as Record<string, SectorNode>).map(([k, v]) => [k, toMeans(v, [...path, k])]),
    );
  };
  return Object.entries(tree).map(([id, node]) => {
    const base = { id, per: 'organisation' as const };
    if (typeof node === 'object' && 'distribution' in node && typeof node.distribution === 'string')
      return { ...base, distribution: node.distribution };
    if (typeof node === 'object' && 'stageCounts' in node && node.stageCounts === true)
      return { ...base, stages: true as const };
    return { ...base, means: toMeans(node, ['sectorFigures', id]) };
  });
}

/** Reference values must point at a figure and a place in it that exist. */
function checkReferences(
  def: InstrumentDef,
  figures: readonly FigureDef[],
  slotById: ReadonlyMap<string, AnswerSlot>,
  add: Add,
): void {
  const ids = new Set<string>();
  def.references.forEach((ref, r) => {
    if (ids.has(ref.id)) add(['references', r, 'id'], `reference id "${ref.id}" is used twice`);
    ids.add(ref.id);
    ref.values.forEach((v, n) => {
      const path: PathPart[] = ['references', r, 'values', n];
      const figure = figures.find((f) => f.id === v.figure);
      if (!figure) return add([...path, 'figure'], `"${v.figure}" is not a figure`);
      if (v.value !== undefined) {
        let node: MeansShape | undefined = figure.means;
        for (const key of v.path) node = typeof node === 'object' ? node[key] : undefined;
        if (figure.means === undefined || typeof node !== 'string')
          add(
            [...path, 'path'],
            `${v.path.join('.') || '(none)'} is not a value of the means figure "${v.figure}"`,
          );
      }
      if (v.categories !== undefined) {
        const allowed = figure.stages
          ? def.stages.map((s) => s.id)
          : figure.distribution !== undefined
            ? categoriesOfScale(slotById.get(figure.distribution))
            : null;
        if (allowed === null)
          add([...path, 'figure'], `"${v.figure}" is not a distribution or stages figure`);
        else
          v.categories.forEach((c, i) => {
            if (!allowed.includes(c))
              add([...path, 'categories', i], `"${c}" is not a category of "${v.figure}"`);
          });
      }
      if (v.place !== undefined) {
        const ranking = def.sections.flatMap((s) => s.items).find((i) => i.id === figure.ranking);
        if (ranking?.type !== 'ranking') add([...path, 'figure'], `"${v.figure}" is not a ranking figure`);
        else if (!ranking.options.some((o) => o.value === v.path[0]))
          add([...path, 'path'], `${v.path[0] ?? '(none)'} is not an option of the ranking`);
      }
    });
  });
}

function categoriesOfScale(slot: AnswerSlot | undefined): string[] | null {
  if (slot?.kind !== 'scale') return null;
  const out: string[] = [];
  for (let p = slot.scale.min; p <= slot.scale.max; p++) out.push(String(p));
  return out;
}
