/**
 * The yardstick for the sector figures: the same aggregation, compiled from the same
 * instrument file into one DuckDB query over the respondents' answers (the exchange CSV the
 * import read). Item means per organisation, the measures and stages in SQL, then the
 * figures over organisations. Loading the CSV is timed apart from the query.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { SectorNode } from '../src/core/instrument/schema.ts';
import type { Instrument } from '../src/core/instrument/types.ts';
import { exchangeHeader } from '../src/core/exchange/rows.ts';
import { numericAnswerIds } from '../src/core/scoring/measures.ts';

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface DuckDbSector {
  readonly connection: DuckDBConnection;
  readonly loadMs: number;
  /** Runs the aggregation; returns the figures in the shape `pejling report sector` prints. */
  figures(round: string): Promise<Record<string, unknown>>;
  close(): void;
}

export async function openDuckDbSector(instrument: Instrument, csvFile: string): Promise<DuckDbSector> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // All text, as the exchange format is: a scale's "don't know" code is not a number, and
  // counts as no answer (try_cast gives NULL), exactly as the core reads it.
  const columns = exchangeHeader(instrument)
    .map((c) => `${lit(c)}: 'VARCHAR'`)
    .join(', ');
  const started = performance.now();
  await connection.run(
    `create table answers as select * from read_csv(${lit(csvFile)}, header = true, auto_detect = false, ` +
      `columns = {${columns}})`,
  );
  const loadMs = performance.now() - started;
  const { sql, shape } = compileSectorQuery(instrument);
  return {
    connection,
    loadMs,
    async figures(round) {
      const reader = await connection.runAndReadAll(sql);
      const row = reader.getRowObjectsJS()[0]!;
      return shape(round, row);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** One query: organisation means → measures (one CTE each, as they build on each other) → figures. */
export function compileSectorQuery(instrument: Instrument): {
  sql: string;
  shape: (round: string, row: Record<string, unknown>) => Record<string, unknown>;
} {
  const ctes: string[] = [];
  const items = numericAnswerIds(instrument);
  ctes.push(
    `m0 as (select organisation, count(*) as respondents, ${items.map((id) => `avg(try_cast(${q(id)} as double)) as ${q(id)}`).join(', ')} from answers group by organisation)`,
  );
  instrument.measures.forEach((m, i) => {
    let e: string;
    const refs = (ids: readonly string[]) => `[${ids.map(q).join(', ')}]`;
    if (m.mean) e = `list_avg(${refs(m.mean)})`;
    else if (m.min) e = `list_min(${refs(m.min)})`;
    else if (m.max) e = `list_max(${refs(m.max)})`;
    else if (m.difference) e = `(${q(m.difference[0]!)} - ${q(m.difference[1]!)})`;
    else if (m.weightedMean) {
      const total = m.weightedMean.reduce((s, p) => s + p.weight, 0);
      const covered = m.weightedMean
        .map((p) => `(case when ${q(p.ref)} is null then 0 else ${p.weight} end)`)
        .join(' + ');
      const sum = m.weightedMean.map((p) => `coalesce(${q(p.ref)} * ${p.weight}, 0)`).join(' + ');
      e = `(case when (${covered}) = 0 or (${covered}) / ${total} < ${m.minCoverage} then null else (${sum}) / (${covered}) end)`;
    } else e = 'null';
    if (m.rescale) {
      const [a, b] = m.rescale.from;
      const [c, d] = m.rescale.to;
      e = `(${c} + ((${e}) - ${a}) * ${d - c} / ${b - a})`;
    }
    ctes.push(`m${i + 1} as (select *, cast(${e} as double) as ${q(m.id)} from m${i})`);
  });
  const last = `m${instrument.measures.length}`;
  const stages = instrument.def.stages;
  const holds = (s: (typeof stages)[number]) =>
    `coalesce(${s.requires
      .map((r) => {
        const parts = [`${q(r.ref)} is not null`];
        if (r.atLeast !== undefined) parts.push(`${q(r.ref)} >= ${r.atLeast}`);
        if (r.atMost !== undefined) parts.push(`${q(r.ref)} <= ${r.atMost}`);
        return `(${parts.join(' and ')})`;
      })
      .join(' and ')}, false)`;
  const stageCase =
    stages.length === 0
      ? 'null'
      : `case ${stages.map((s, i) => `when not ${holds(s)} then ${i === 0 ? 'null' : lit(stages[i - 1]!.id)}`).join(' ')} else ${lit(stages[stages.length - 1]!.id)} end`;
  ctes.push(`scored as (select *, ${stageCase} as stage from ${last})`);

  const selects = ['count(*) as organisations', 'sum(respondents) as respondents'];
  let n = 0;
  type Shape = (row: Record<string, unknown>) => unknown;
  const compile = (node: SectorNode): Shape => {
    const alias = `f${n++}`;
    if (typeof node === 'string') {
      selects.push(`avg(${q(node)}) as ${alias}`);
      return (row) => (row[alias] === null ? null : Number(row[alias]));
    }
    if ('distribution' in node && typeof node.distribution === 'string') {
      const slot = instrument.slotById.get(node.distribution);
      selects.push(`histogram(floor(${q(node.distribution)} + 0.5 + 1e-9)) as ${alias}`);
      return (row) => {
        const counts: Record<string, number> = {};
        if (slot?.kind === 'scale')
          for (let p = slot.scale.min; p <= slot.scale.max; p++) counts[String(p)] = 0;
        for (const [k, v] of mapEntries(row[alias])) counts[String(Number(k))] = Number(v);
        return counts;
      };
    }
    if ('stageCounts' in node && node.stageCounts === true) {
      selects.push(`histogram(stage) as ${alias}`);
      return (row) => {
        const counts: Record<string, number> = Object.fromEntries(stages.map((s) => [s.id, 0]));
        for (const [k, v] of mapEntries(row[alias])) counts[String(k)] = Number(v);
        return counts;
      };
    }
    const children = Object.entries(node as Record<string, SectorNode>).map(
      ([k, v]) => [k, compile(v)] as const,
    );
    return (row) => Object.fromEntries(children.map(([k, f]) => [k, f(row)]));
  };
  const top = Object.entries(instrument.def.sectorFigures ?? {}).map(([k, v]) => [k, compile(v)] as const);
  const sql = `with ${ctes.join(',\n')}\nselect ${selects.join(', ')} from scored`;
  return {
    sql,
    shape: (round, row) => ({
      round,
      organisations: Number(row.organisations),
      respondents: Number(row.respondents),
      ...Object.fromEntries(top.map(([k, f]) => [k, f(row)])),
    }),
  };
}

/** DuckDB MAP values arrive as arrays of {key, value} (or plain objects, by version). */
function mapEntries(value: unknown): [unknown, unknown][] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map((e: { key: unknown; value: unknown }) => [e.key, e.value]);
  if (value instanceof Map) return [...value.entries()];
  return Object.entries(value as Record<string, unknown>);
}

/** Largest absolute difference between two figure documents; Infinity when shapes differ. */
export function maxDifference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return a === b ? 0 : Infinity;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  let max = 0;
  for (const k of keys)
    max = Math.max(max, maxDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  return max;
}
