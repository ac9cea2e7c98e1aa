/**
 * The portfolio across organisations, for the analyst (issue 16): realisation and the shares
 * booked up front by sector and by track, under the round's k. Every organisation with a
 * portfolio takes part (a portfolio belongs to the organisation, not to a round); the round
 * names the disclosure policy. The rules are the core's (src/core/portfolio/across.ts); this
 * use case reads every portfolio and the log of cells shown before, and appends what it
 * shows now, in one transaction that holds other writers of the log. Shared by the API and
 * the CLI. Amounts are never part of the answer.
 */
import { organisationSums, portfolioAcross, type Cell } from '../../core/portfolio/across.ts';
import {
  appendAudit,
  appendPortfolioPublications,
  listPortfolioPublications,
  lockPortfolioPublications,
  readAllPortfolios,
  type Db,
  type Round,
} from '../../storage/index.ts';
import { currentMonth } from './portfolio.ts';

export interface AcrossCell {
  readonly scope: 'all' | 'sector';
  readonly sector: string | null;
  readonly track: Cell['track'];
  readonly status: Cell['status'];
  readonly reason: Cell['reason'];
  readonly asOf: string | null;
  readonly realisation: number | null;
  readonly bookedInitiatives: number | null;
  readonly bookedDkk: number | null;
}

export interface PortfolioAcrossReport {
  readonly round: string;
  readonly k: number;
  readonly asOf: string;
  readonly cells: AcrossCell[];
}

export async function portfolioFiguresAcross(
  db: Db,
  round: Round,
  actor: string,
  asOf = currentMonth(),
): Promise<PortfolioAcrossReport> {
  const k = round.kMin;
  return db.transaction(async (tx) => {
    await lockPortfolioPublications(tx);
    const portfolios = await readAllPortfolios(tx);
    const result = portfolioAcross({
      organisations: portfolios.map((p) =>
        organisationSums(p.organisationId, p.sector, p.initiatives, p.realisations, asOf, p.settings),
      ),
      previous: await listPortfolioPublications(tx),
      k,
      asOf,
    });
    if (result.publications.length > 0) {
      await appendPortfolioPublications(tx, result.publications, k, actor);
      await appendAudit(tx, {
        actor,
        action: 'portfolio.figures',
        subject: `round:${round.name}`,
        details: { asOf, k, cells: result.publications.map((p) => p.cell) },
      });
    }
    return {
      round: round.name,
      k,
      asOf,
      cells: result.cells.map((c) => ({
        scope: c.scope === 'all' ? ('all' as const) : ('sector' as const),
        sector: c.scope === 'all' ? null : c.scope.slice('sector:'.length),
        track: c.track,
        status: c.status,
        reason: c.reason,
        asOf: c.asOf,
        realisation: c.values?.realisation ?? null,
        bookedInitiatives: c.values?.bookedInitiatives ?? null,
        bookedDkk: c.values?.bookedDkk ?? null,
      })),
    };
  });
}
