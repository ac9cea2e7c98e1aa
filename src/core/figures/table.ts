/**
 * The organisations a release is computed over, one row each (an organisation's released
 * version), read as columns: at a hundred thousand organisations no object per organisation
 * and value is built. A group is a list of row numbers.
 */
import type { Sector } from '../exchange/types.ts';
import type { Instrument } from '../instrument/types.ts';
import { evaluateMeasures } from '../scoring/measures.ts';
import { groupMeanRef, groupSizeRef, valueLayout, valuePosition } from './layout.ts';

export interface UnitAttributes {
  readonly sector: Sector | string;
  readonly type: string | null;
  readonly sizeBand: string | null;
  /** Geographic region (kept with the version; no group is formed from it yet). */
  readonly region?: string | null;
}

export interface UnitRow {
  /** The organisation. */
  readonly unit: number;
  /** Its released version (a version is immutable: same id, same values). */
  readonly version: number;
  readonly respondents: number;
  readonly stage: string | null;
  readonly values: ArrayLike<number>;
  readonly attributes: UnitAttributes;
}

export class UnitTable {
  private readonly columns = new Map<string, Float64Array>();

  constructor(
    readonly instrument: Instrument,
    readonly rows: readonly UnitRow[],
  ) {}

  get size(): number {
    return this.rows.length;
  }

  /** Every row's value of `ref`; NaN where there is none (or the layout has no such value). */
  column(ref: string): Float64Array {
    let c = this.columns.get(ref);
    if (!c) {
      const at = valuePosition(this.instrument, ref);
      c = new Float64Array(this.rows.length).fill(Number.NaN);
      if (at !== undefined)
        this.rows.forEach((r, i) => {
          if (at < r.values.length) c![i] = r.values[at]!;
        });
      else if (isGroupMeasure(this.instrument, ref)) this.fillGroupMeasure(ref, c);
      this.columns.set(ref, c);
    }
    return c;
  }

  /**
   * A respondent group's measure per organisation, from the group's stored answer means. Every
   * measure of the group is filled in the same pass: evaluating one means evaluating them all.
   */
  private fillGroupMeasure(ref: string, out: Float64Array): void {
    const [group] = splitGroupRef(ref)!;
    const compared = valueLayout(this.instrument).compared;
    const means = compared.map((a) => this.column(groupMeanRef(group, a)));
    const size = this.column(groupSizeRef(group));
    const at = new Map(compared.map((a, k) => [a, k]));
    const columns = new Map<string, Float64Array>();
    for (const m of this.instrument.measures) {
      const key = groupMeanRef(group, m.id);
      columns.set(m.id, key === ref ? out : new Float64Array(this.rows.length).fill(Number.NaN));
    }
    for (let i = 0; i < this.rows.length; i++) {
      if (!(size[i]! > 0)) continue;
      const values = evaluateMeasures(this.instrument, (answer) => {
        const k = at.get(answer);
        const v = k === undefined ? Number.NaN : means[k]![i]!;
        return Number.isNaN(v) ? null : v;
      });
      for (const [id, column] of columns) {
        const v = values[id];
        if (v !== null && v !== undefined) column[i] = v;
      }
    }
    for (const [id, column] of columns) {
      const key = groupMeanRef(group, id);
      if (key !== ref && !this.columns.has(key)) this.columns.set(key, column);
    }
  }

  stage(row: number): string | null {
    return this.rows[row]!.stage;
  }
}

/** `@business:competency.data` → ['business', 'competency.data']. */
export function splitGroupRef(ref: string): [string, string] | null {
  const m = /^@([^:#]+):(.+)$/.exec(ref);
  return m ? [m[1]!, m[2]!] : null;
}

function isGroupMeasure(instrument: Instrument, ref: string): boolean {
  const parts = splitGroupRef(ref);
  return parts !== null && instrument.measureById.has(parts[1]);
}

/** The rows of `rows` that have a value of `ref`. */
export function withValue(table: UnitTable, rows: ArrayLike<number>, ref: string): Int32Array {
  const c = table.column(ref);
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (!Number.isNaN(c[rows[i]!]!)) out.push(rows[i]!);
  return Int32Array.from(out);
}
