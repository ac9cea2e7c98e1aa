/**
 * Turns the text of an instrument file into a validated, compiled `Instrument`, or into
 * the complete list of problems found (never just the first). Pure: the caller reads the file.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Condition, InstrumentDef, ItemDef, SectorNode } from './schema.ts';
import { instrumentSchema } from './schema.ts';
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
    return (
      (slot && (slot.kind === 'scale' || slot.kind === 'rank' || slot.kind === 'number')) ||
      measureById.has(ref)
    );
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

  if (def.divergence) {
    const slot = slotById.get(def.divergence.groupItem);
    if (slot?.kind !== 'choice' || slot.multiple) {
      add(['divergence', 'groupItem'], `"${def.divergence.groupItem}" is not a single-choice item`);
    } else {
      for (const group of ['business', 'it'] as const) {
        def.divergence.groups[group].forEach((v, n) => {
          if (!slot.values.includes(v))
            add(['divergence', 'groups', group, n], `"${v}" is not an option of the item`);
        });
      }
    }
  }

  if (def.benchmark) {
    def.benchmark.refs.forEach((ref, n) => checkRef(ref, ['benchmark', 'refs', n]));
    checkRef(def.benchmark.bestPractice.ref, ['benchmark', 'bestPractice', 'ref']);
  }

  if (def.sectorFigures) {
    const walk = (node: SectorNode, path: PathPart[]) => {
      if (typeof node === 'string') checkRef(node, path);
      else if ('distribution' in node && typeof node.distribution === 'string') {
        const slot = slotById.get(node.distribution);
        if (slot?.kind !== 'scale')
          add([...path, 'distribution'], `"${node.distribution}" is not a scale answer id`);
      } else if ('stageCounts' in node && node.stageCounts === true) {
        if (def.stages.length === 0) add(path, 'stageCounts needs stages');
      } else {
        for (const [key, child] of Object.entries(node as Record<string, SectorNode>))
          walk(child, [...path, key]);
      }
    };
    for (const [key, node] of Object.entries(def.sectorFigures)) {
      if (['round', 'organisations', 'respondents'].includes(key)) {
        add(['sectorFigures', key], `"${key}" is reserved for the round's own figures`);
      }
      walk(node, ['sectorFigures', key]);
    }
  }

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
          size: item.options.length,
        })),
      };
    }
    case 'choice': {
      const values = item.options.map((o) => o.value);
      checkUnique(values, [...path, 'options'], 'option value', add);
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

function checkCondition(
  cond: Condition,
  path: PathPart[],
  earlier: ReadonlyMap<string, CompiledItem>,
  add: (p: PathPart[], m: string) => void,
): void {
  if ('all' in cond) cond.all.forEach((c, n) => checkCondition(c, [...path, 'all', n], earlier, add));
  else if ('any' in cond) cond.any.forEach((c, n) => checkCondition(c, [...path, 'any', n], earlier, add));
  else if ('not' in cond) checkCondition(cond.not, [...path, 'not'], earlier, add);
  else {
    const tests = (['equals', 'in', 'includes', 'atLeast', 'atMost', 'answered'] as const).filter(
      (k) => cond[k] !== undefined,
    );
    if (tests.length !== 1)
      add(path, 'a condition needs exactly one of equals, in, includes, atLeast, atMost, answered');
    const target = earlier.get(cond.item);
    if (!target) add([...path, 'item'], `"${cond.item}" is not an earlier item (conditions look back only)`);
    else if (target.def.type === 'ranking') add([...path, 'item'], 'conditions cannot look at a ranking');
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
