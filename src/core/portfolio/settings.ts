/**
 * What an organisation's portfolio figures are computed with. Each organisation may set its
 * own; the defaults and why they are what they are are in `docs/portfolio.md`:
 *
 * - discount rate 3.5 % a year: Finansministeriet's recommended real social discount rate for
 *   years 0–35 (lowered from 4 % in its documentation note of 7 January 2021);
 * - hours per FTE 1,924: a full-time year in the Danish public sector, 37 hours × 52 weeks
 *   (the state's definition of an årsværk, holidays included);
 * - hourly cost 217 DKK: the seed's Vejle example (004), about 1 million DKK a year ≈ 2.4 FTE,
 *   i.e. 1,000,000 ÷ 2.4 ÷ 1,924 hours;
 * - horizon 5 years: our choice, a common life for a digital solution before it is replaced.
 */
import type { Checked, PortfolioProblem } from './types.ts';

export interface PortfolioSettings {
  /** DKK per hour, used to value hours saved. */
  readonly hourlyCostDkk: number;
  /** Hours in one full-time equivalent (årsværk). */
  readonly hoursPerFte: number;
  /** Real discount rate a year, as a fraction (0.035 = 3.5 %). */
  readonly discountRate: number;
  /** Years counted in the net present value. */
  readonly horizonYears: number;
}

export const DEFAULT_SETTINGS: PortfolioSettings = Object.freeze({
  hourlyCostDkk: 217,
  hoursPerFte: 1924,
  discountRate: 0.035,
  horizonYears: 5,
});

/** Where each default comes from, for the report's JSON and the settings page. */
export const SETTINGS_SOURCES: Readonly<Record<keyof PortfolioSettings, string>> = {
  hourlyCostDkk: 'Derived from seed 004 (Vejle: about 1 million DKK a year ≈ 2.4 FTE) ÷ 1,924 hours',
  hoursPerFte: '37 hours a week × 52 weeks (a full-time year, holidays included)',
  discountRate: 'Finansministeriet, recommended social discount rate for years 0–35 (note of 7 January 2021)',
  horizonYears: 'Pejling default: a common life of a digital solution',
};

const LIMITS: Readonly<Record<keyof PortfolioSettings, { min: number; max: number; integer?: boolean }>> = {
  hourlyCostDkk: { min: 0, max: 100_000 },
  hoursPerFte: { min: 1, max: 8_784 },
  discountRate: { min: 0, max: 1 },
  horizonYears: { min: 1, max: 50, integer: true },
};

export const SETTING_KEYS = Object.keys(LIMITS) as (keyof PortfolioSettings)[];

/** Settings given in part (the rest default), each checked against its range. */
export function checkSettings(
  input: Partial<Record<keyof PortfolioSettings, unknown>>,
): Checked<PortfolioSettings> {
  const problems: PortfolioProblem[] = [];
  const out: Record<string, number> = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    const raw = input[key];
    if (raw === undefined || raw === null || raw === '') continue;
    const value = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
    const { min, max, integer } = LIMITS[key];
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems.push({
        column: key,
        message: `${key} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not ${JSON.stringify(raw)}`,
      });
    } else out[key] = value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out as unknown as PortfolioSettings };
}
