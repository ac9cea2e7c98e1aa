/**
 * The yardstick for the sector figures: the same aggregation, compiled from the same
 * instrument file into one DuckDB query over the respondents' answers (the exchange CSV the
 * import read). Item means per organisation, the measures and stages in SQL, then the
 * figures over organisations. Loading the CSV is timed apart from the query.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FigureDef, MeansShape } from '../src/core/instrument/schema.ts';
import { distributionCategories } from '../src/core/figures/plan.ts';
import { decimalsOf } from '../src/core/figures/precision.ts';
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
        // As the core does: the value as shown (rounded half away from zero at its decimals,
        // after the binary noise is gone) meets the threshold.
        const shown = `round(round(${q(r.ref)}, 12), ${decimalsOf(instrument, r.ref)})`;
        const parts = [`${q(r.ref)} is not null`];
        if (r.atLeast !== undefined) parts.push(`${shown} >= ${r.atLeast}`);
        if (r.atMost !== undefined) parts.push(`${shown} <= ${r.atMost}`);
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
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  const alias = () => `f${n++}`;
  const meanOf = (ref: string): Shape => {
    const a = alias();
    selects.push(`avg(${q(ref)}) as ${a}`);
    return (row) => num(row[a]);
  };
  // The figures the instrument declares, over every organisation ("all"); the kinds the core
  // computes in other ways too (shares of several answers, respondent groups) are left out.
  const compileFigure = (f: FigureDef): Shape | null => {
    if (f.distribution !== undefined) {
      const { categories, categoryOf } = distributionCategories(instrument, f.distribution);
      const a = alias();
      selects.push(`histogram(${q(f.distribution)}) as ${a}`);
      return (row) => {
        const counts: Record<string, number> = Object.fromEntries(categories.map((c) => [c, 0]));
        for (const [k, v] of mapEntries(row[a])) {
          const c = categoryOf(Number(k));
          if (c >= 0) counts[categories[c]!]! += Number(v);
        }
        return counts;
      };
    }
    if (f.stages) {
      const a = alias();
      selects.push(`histogram(stage) as ${a}`);
      return (row) => {
        const counts: Record<string, number> = Object.fromEntries(stages.map((s) => [s.id, 0]));
        for (const [k, v] of mapEntries(row[a])) counts[String(k)] = Number(v);
        return counts;
      };
    }
    if (f.means !== undefined) {
      const walk = (shape: MeansShape): Shape => {
        if (typeof shape === 'string') return meanOf(shape);
        const children = Object.entries(shape).map(([k, v]) => [k, walk(v)] as const);
        return (row) => Object.fromEntries(children.map(([k, c]) => [k, c(row)]));
      };
      return walk(f.means);
    }
    if (f.quantiles) {
      const parts = f.quantiles.map((ref) => {
        const a = alias();
        selects.push(`count(${q(ref)}) as ${a}_n, quantile_cont(${q(ref)}, [0.25, 0.5, 0.75]) as ${a}`);
        return [ref, a] as const;
      });
      return (row) =>
        Object.fromEntries(
          parts.map(([ref, a]) => {
            const qs = (row[a] as number[] | null) ?? null;
            return [
              ref,
              qs ? { n: num(row[`${a}_n`]), q1: qs[0], median: qs[1], q3: qs[2], band: null } : null,
            ];
          }),
        );
    }
    if (f.ranking !== undefined && f.per !== 'respondent') {
      const item = instrument.itemById.get(f.ranking);
      if (item?.def.type !== 'ranking' || item.def.maxRanked !== undefined) return null;
      const options = item.def.options.map((o) => ({ value: o.value, mean: meanOf(o.answer) }));
      return (row) => {
        const ranks = options.map((o, i) => ({ value: o.value, i, meanRank: o.mean(row) as number | null }));
        const placed = ranks
          .filter((r) => r.meanRank !== null)
          .sort((x, y) => x.meanRank! - y.meanRank! || x.i - y.i);
        return Object.fromEntries(
          ranks.map((r) => [
            r.value,
            { meanRank: r.meanRank, place: r.meanRank === null ? null : placed.indexOf(r) + 1 },
          ]),
        );
      };
    }
    return null;
  };
  const top = instrument.figures.flatMap((f) => {
    const shape = compileFigure(f);
    return shape ? [[f.id, shape] as const] : [];
  });
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

/**
 * Largest absolute difference between the released figures and DuckDB's, over every number
 * DuckDB computed that the release shows (a number the release holds back is null there);
 * Infinity when a key is missing. Also returns how many numbers were compared.
 */
export function maxDifference(shown: unknown, duck: unknown): { max: number; compared: number } {
  if (shown === null) return { max: 0, compared: 0 };
  if (typeof shown === 'number' && typeof duck === 'number')
    return { max: Math.abs(shown - duck), compared: 1 };
  if (duck === null || typeof shown !== 'object' || typeof duck !== 'object')
    return { max: shown === duck ? 0 : Infinity, compared: 0 };
  let max = 0;
  let compared = 0;
  for (const [k, v] of Object.entries(duck as Record<string, unknown>)) {
    if (!(k in (shown as object))) return { max: Infinity, compared };
    const d = maxDifference((shown as Record<string, unknown>)[k], v);
    max = Math.max(max, d.max);
    compared += d.compared;
  }
  return { max, compared };
}
