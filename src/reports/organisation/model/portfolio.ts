/**
 * The portfolio beside the assessment: which of the organisation's largest gaps (priority −
 * effort, as on the board summary) and advised competencies and domains a running initiative
 * names, which only a planned one, which none (src/core/portfolio/links.ts). Says it in plain
 * words and a table; the numbers of the portfolio itself stay on its own page.
 */
import type { Lang } from '../../../core/instrument/types.ts';
import { gapCoverage } from '../../../core/portfolio/links.ts';
import { initiativeKey } from '../../../core/portfolio/types.ts';
import { formatNumber, joinList } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import type { BoardSummary } from './board.ts';
import type { AdviceEntry, PlanEntry, PortfolioLink, PortfolioSection } from './types.ts';

export function portfolioSection(
  gaps: BoardSummary['gaps'],
  advice: readonly AdviceEntry[],
  portfolio: readonly PortfolioLink[],
  lang: Lang,
): PortfolioSection {
  const t = reportT(lang);
  const num = (v: number) => formatNumber(v, 1, lang);
  const targets = [
    ...gaps.map((g) => ({
      kind: 'domain' as const,
      id: g.id,
      label: g.label,
      reason: t('portfolio.gapReason', { priority: num(g.priority), effort: num(g.effort), gap: num(g.gap) }),
    })),
    ...advice
      .filter((a) => !(a.kind === 'domain' && gaps.some((g) => g.id === a.id)))
      .map((a) => ({ kind: a.kind, id: a.id, label: a.label, reason: a.reason })),
  ];
  const coverage = gapCoverage(
    targets.map((x) => x.id),
    portfolio,
  );
  const rows = targets.map((x, n) => {
    const c = coverage[n]!;
    return {
      ...x,
      running: [...c.running],
      planned: [...c.planned],
      coverage: c.coverage,
      coverageLabel: t(`portfolio.coverage.${c.coverage}`),
    };
  });
  const labels = (kind: PortfolioSection['rows'][number]['coverage']) =>
    rows.filter((r) => r.coverage === kind).map((r) => r.label);
  const covered = labels('covered').length;
  const sentences = [
    rows.length === 0
      ? t('portfolio.noGaps')
      : portfolio.length === 0
        ? t('portfolio.emptyPortfolio', { count: rows.length })
        : t('portfolio.covered', { covered, count: rows.length }),
  ];
  if (rows.length > 0 && portfolio.length > 0) {
    const planned = labels('planned');
    const uncovered = labels('uncovered');
    if (planned.length) sentences.push(t('portfolio.onlyPlanned', { list: joinList(planned, lang) }));
    if (uncovered.length) sentences.push(t('portfolio.notCovered', { list: joinList(uncovered, lang) }));
  }
  return { rows, initiatives: portfolio.length, summary: sentences.join(' ') };
}

/** Marks the plan's steps that already have an initiative of the same name in the portfolio. */
export function markPlanInPortfolio(
  plan: readonly PlanEntry[],
  portfolio: readonly PortfolioLink[] | null,
): PlanEntry[] {
  const names = portfolio ? new Set(portfolio.map((i) => initiativeKey(i.initiative))) : null;
  return plan.map((p) => ({ ...p, inPortfolio: names ? names.has(initiativeKey(p.title)) : null }));
}
