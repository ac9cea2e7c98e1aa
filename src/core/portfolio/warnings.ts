/**
 * Warnings in plain words about an organisation's portfolio: the seed's lesson (004) that a
 * gain not written into a budget before the solution is bought is never realised, that what
 * does not deliver should be stopped, and that every initiative needs someone answerable.
 * Codes are stable (tests, the API); the words come from the translation layer.
 */
import type { InitiativeFigures } from './figures.ts';
import type { Initiative } from './types.ts';

export const WARNING_CODES = [
  'gains-not-booked',
  'under-half-after-six-months',
  'no-owner',
  'stopped-counts-gains',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface PortfolioWarning {
  readonly code: WarningCode;
  readonly initiative: string;
  /** The realisation (fraction) for `under-half-after-six-months`. */
  readonly realisation?: number;
}

/** Months after the start from which a realisation under half of expected is a warning. */
export const REALISATION_WARNING_MONTHS = 6;
export const REALISATION_WARNING_SHARE = 0.5;

export function portfolioWarnings(
  initiatives: readonly Initiative[],
  figures: readonly InitiativeFigures[],
): PortfolioWarning[] {
  const out: PortfolioWarning[] = [];
  initiatives.forEach((i, n) => {
    const f = figures[n]!;
    const expectsGains = f.expectedTotalDkkPerYear > 0;
    if (i.status === 'stoppet') {
      if (expectsGains) out.push({ code: 'stopped-counts-gains', initiative: i.initiative });
      return;
    }
    if (expectsGains && !i.gainsBooked) out.push({ code: 'gains-not-booked', initiative: i.initiative });
    if (!i.owner) out.push({ code: 'no-owner', initiative: i.initiative });
    if (
      (i.status === 'i-gang' || i.status === 'i-drift') &&
      f.monthsElapsed >= REALISATION_WARNING_MONTHS &&
      f.realisation !== null &&
      f.realisation < REALISATION_WARNING_SHARE
    )
      out.push({ code: 'under-half-after-six-months', initiative: i.initiative, realisation: f.realisation });
  });
  return out;
}
