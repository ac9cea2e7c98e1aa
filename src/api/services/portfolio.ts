/**
 * The portfolio's use cases, shared by the API, the staff pages and the CLI: read, report,
 * import and export, one initiative at a time, the monthly review and the settings. Every
 * rule is the core's (`src/core/portfolio/`); this module checks the whole portfolio before
 * anything is written, writes in one transaction and audits every change.
 */
import { DANISH_EXCEL_CSV, STANDARD_CSV } from '../../core/exchange/dialect.ts';
import {
  formatPortfolioCsv,
  initiativeRows,
  readPortfolioRows,
  realisationRows,
  type PortfolioFileResult,
} from '../../core/portfolio/exchange.ts';
import { cumulativeSeries, portfolioFigures } from '../../core/portfolio/figures.ts';
import { linkableIds, linkOfAdvice } from '../../core/portfolio/links.ts';
import type { PlanItem } from '../../core/plans/plan.ts';
import {
  checkSettings,
  DEFAULT_SETTINGS,
  SETTINGS_SOURCES,
  type PortfolioSettings,
} from '../../core/portfolio/settings.ts';
import {
  initiativeKey,
  type Initiative,
  type PortfolioProblem,
  type Realisation,
  type Track,
} from '../../core/portfolio/types.ts';
import { duplicateProblems, initiativeProblems, realisationProblems } from '../../core/portfolio/validate.ts';
import { portfolioWarnings } from '../../core/portfolio/warnings.ts';
import { loadBuiltinInstrument } from '../../instruments/registry.ts';
import {
  appendAudit,
  getOrganisationByName,
  readPortfolio,
  saveInitiative,
  savePortfolioSettings,
  upsertInitiatives,
  upsertRealisations,
  type Db,
  type StoredPortfolio,
} from '../../storage/index.ts';

/** Input the portfolio refuses, with every problem (row and column when from a file). */
export class PortfolioInputError extends Error {
  readonly code = 'INVALID_PORTFOLIO';
  constructor(readonly problems: readonly PortfolioProblem[]) {
    super(
      problems
        .map((p) => `${p.row ? `row ${p.row}` : ''}${p.column ? ` [${p.column}]` : ''}: ${p.message}`.trim())
        .join('\n'),
    );
  }
}

/** Who acts, and on which organisations they may act (null: any — administrators, the CLI). */
export interface PortfolioActor {
  readonly actor: string;
  readonly organisationId: number | null;
}

let linkable: Promise<Set<string>> | undefined;
/** The competency and domain ids of dt-offentlig, read once. */
export const portfolioLinkIds = (): Promise<Set<string>> =>
  (linkable ??= loadBuiltinInstrument('dt-offentlig').then(linkableIds));

/** The month the figures are to date of when none is given: the current one (UTC). */
export const currentMonth = (now = new Date()): string => now.toISOString().slice(0, 7);

export async function portfolioReport(db: Db, organisationId: number, asOf = currentMonth()) {
  const p = await readPortfolio(db, organisationId);
  const figures = portfolioFigures(p.initiatives, p.realisations, asOf, p.settings);
  return {
    organisation: p.organisation,
    asOf,
    settings: {
      ...p.settings,
      defaults: p.defaultSettings,
      sources: p.defaultSettings ? SETTINGS_SOURCES : undefined,
    },
    initiatives: figures.initiatives.map((f, n) => ({
      ...f,
      owner: p.initiatives[n]!.owner,
      competency: p.initiatives[n]!.competency,
      gainsBooked: p.initiatives[n]!.gainsBooked,
      start: p.initiatives[n]!.start,
    })),
    byTrack: figures.byTrack,
    total: figures.total,
    warnings: portfolioWarnings(p.initiatives, figures.initiatives),
    series: cumulativeSeries(p.initiatives, p.realisations, asOf, p.settings),
  };
}
export type PortfolioReport = Awaited<ReturnType<typeof portfolioReport>>;

export type ExportKind = 'initiatives' | 'realisations';

export async function exportPortfolioCsv(
  db: Db,
  organisationId: number,
  kind: ExportKind,
  danish = false,
): Promise<string> {
  const p = await readPortfolio(db, organisationId);
  const decimal = danish ? ',' : '.';
  const rows =
    kind === 'initiatives'
      ? initiativeRows(p.initiatives, decimal)
      : realisationRows(p.realisations, decimal);
  return formatPortfolioCsv(rows, danish ? DANISH_EXCEL_CSV : STANDARD_CSV);
}

/** The rows of an export (for XLSX), in the contract's standard form. */
export async function exportPortfolioRows(
  db: Db,
  organisationId: number,
  kind: ExportKind,
): Promise<string[][]> {
  const p = await readPortfolio(db, organisationId);
  return kind === 'initiatives' ? initiativeRows(p.initiatives) : realisationRows(p.realisations);
}

/**
 * Imports a file (as rows of text, header first; `decimal` ',' for the Danish CSV variant):
 * initiatives or realisations, told apart by the header. Every row must name an organisation
 * the actor may act on; the whole file is checked, then written in one transaction.
 */
export async function importPortfolioRows(
  db: Db,
  rows: readonly (readonly string[])[],
  who: PortfolioActor,
  decimal: '.' | ',' = '.',
): Promise<{ kind: ExportKind; rows: number; organisations: number }> {
  const competencies = await portfolioLinkIds();
  // Organisations named in the file, each resolved once; unknown or not the actor's → a problem.
  const named = [
    ...new Set(
      rows
        .slice(1)
        .map((r) => (r[0] ?? '').trim())
        .filter(Boolean),
    ),
  ];
  const portfolios = new Map<string, StoredPortfolio>();
  const problems: PortfolioProblem[] = [];
  for (const name of named) {
    const org = await getOrganisationByName(db, name);
    if (!org || (who.organisationId !== null && org.id !== who.organisationId)) continue;
    portfolios.set(name, await readPortfolio(db, org.id));
  }
  rows.slice(1).forEach((r, n) => {
    const name = (r[0] ?? '').trim();
    if (name && !portfolios.has(name))
      problems.push({
        row: n + 2,
        column: 'organisation',
        message: `no organisation ${JSON.stringify(name)} whose portfolio you may change`,
      });
  });
  const known = [...portfolios.values()].flatMap((p) => p.initiatives);
  const read: PortfolioFileResult = readPortfolioRows(rows, {
    competencies,
    knownInitiatives: known,
    decimal,
  });
  // A row whose organisation is refused says so once, not again as an unknown initiative.
  const refusedRows = new Set(problems.map((p) => p.row));
  if (!read.ok) problems.push(...read.problems.filter((p) => !refusedRows.has(p.row)));
  if (problems.length || !read.ok)
    throw new PortfolioInputError(problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  const records: readonly (Initiative | Realisation)[] =
    read.kind === 'initiatives' ? read.initiatives : read.realisations;
  await db.transaction(async (tx) => {
    for (const [name, p] of portfolios) {
      const mine = records
        .filter((r) => r.organisation.trim() === name)
        .map((r) => ({ ...r, organisation: p.organisation }));
      if (read.kind === 'initiatives')
        await upsertInitiatives(tx, p.organisationId, mine as Initiative[], who.actor);
      else await upsertRealisations(tx, p.organisationId, mine as Realisation[], who.actor);
      await appendAudit(tx, {
        actor: who.actor,
        action: 'portfolio.import',
        subject: `organisation:${p.organisationId}`,
        details: { kind: read.kind, rows: mine.length },
      });
    }
  });
  return { kind: read.kind, rows: records.length, organisations: portfolios.size };
}

/** Adds an initiative, or changes the one with `id`; the name stays unique in the organisation. */
export async function saveCheckedInitiative(
  db: Db,
  organisationId: number,
  initiative: Initiative,
  who: PortfolioActor,
  id?: number,
  /** More for the audit record (e.g. the plan step an initiative was made from). */
  auditDetails: Readonly<Record<string, unknown>> = {},
) {
  const p = await readPortfolio(db, organisationId);
  const mine = { ...initiative, organisation: p.organisation };
  const others = p.initiatives.filter((i) => i.id !== id).map((i) => ({ initiative: i as Initiative }));
  const problems = [
    ...initiativeProblems(mine, { competencies: await portfolioLinkIds() }),
    ...duplicateProblems([...others, { initiative: mine }]),
  ];
  if (id !== undefined && !p.initiatives.some((i) => i.id === id))
    problems.push({ message: 'no such initiative in this portfolio' });
  // Realisations already given must not fall before a later start.
  if (id !== undefined && problems.length === 0) {
    const before = p.realisations.filter(
      (r) =>
        initiativeKey(r.initiative) === initiativeKey(p.initiatives.find((i) => i.id === id)!.initiative),
    );
    problems.push(
      ...realisationProblems(
        before.map((r) => ({ realisation: { ...r, initiative: mine.initiative } })),
        [mine],
      ).map((q) => ({ ...q, column: 'start' })),
    );
  }
  if (problems.length) throw new PortfolioInputError(problems);
  return db.transaction(async (tx) => {
    const saved = await saveInitiative(tx, organisationId, mine, who.actor, id);
    const previous = p.initiatives.find((i) => i.id === id);
    // Spelled as `action: '…'` so the audit test finds every action the code writes.
    const kind =
      id === undefined
        ? { action: 'portfolio.initiative-create' }
        : mine.status === 'stoppet' && previous?.status !== 'stoppet'
          ? { action: 'portfolio.initiative-stop' }
          : { action: 'portfolio.initiative-update' };
    await appendAudit(tx, {
      actor: who.actor,
      ...kind,
      subject: `organisation:${organisationId}`,
      details: { initiative: saved.id, name: saved.initiative, ...auditDetails },
    });
    return saved;
  });
}

/** The monthly review: one month's realised figures for several initiatives in one go. */
/**
 * A step of the action plan becomes an initiative: its title, owner and the competency or
 * domain of the advice it answers; status `ide`, no amounts yet (the lead fills them in on the
 * portfolio). Checked and audited like any new initiative, noting the plan step it came from.
 */
export async function initiativeFromPlanStep(
  db: Db,
  organisationId: number,
  step: Pick<PlanItem, 'id' | 'title' | 'owner' | 'adviceKey'>,
  choice: { readonly track: Track; readonly start: string },
  who: PortfolioActor,
) {
  const initiative: Initiative = {
    organisation: '',
    initiative: step.title,
    track: choice.track,
    owner: step.owner,
    status: 'ide',
    competency: linkOfAdvice(step.adviceKey),
    start: choice.start,
    investmentDkk: 0,
    runningCostDkkPerYear: 0,
    expectedHoursPerYear: 0,
    expectedDkkPerYear: 0,
    gainsBooked: false,
    budgetYear: null,
  };
  return saveCheckedInitiative(db, organisationId, initiative, who, undefined, { planItem: step.id });
}

export async function saveMonthlyReview(
  db: Db,
  organisationId: number,
  month: string,
  entries: readonly { initiative: string; realisedHours: number; realisedDkk: number }[],
  who: PortfolioActor,
): Promise<number> {
  const p = await readPortfolio(db, organisationId);
  const realisations = entries.map((e) => ({ ...e, organisation: p.organisation, month }));
  const problems = realisationProblems(
    realisations.map((realisation) => ({ realisation })),
    p.initiatives,
  );
  if (problems.length) throw new PortfolioInputError(problems);
  return db.transaction(async (tx) => {
    const n = await upsertRealisations(tx, organisationId, realisations, who.actor);
    await appendAudit(tx, {
      actor: who.actor,
      action: 'portfolio.realisations',
      subject: `organisation:${organisationId}`,
      details: { month, rows: n },
    });
    return n;
  });
}

export async function setPortfolioSettings(
  db: Db,
  organisationId: number,
  input: Partial<Record<keyof PortfolioSettings, unknown>>,
  who: PortfolioActor,
): Promise<PortfolioSettings> {
  const checked = checkSettings(input);
  if (!checked.ok) throw new PortfolioInputError(checked.problems);
  await db.transaction(async (tx) => {
    await savePortfolioSettings(tx, organisationId, checked.value, who.actor);
    await appendAudit(tx, {
      actor: who.actor,
      action: 'portfolio.settings',
      subject: `organisation:${organisationId}`,
      details: { ...checked.value },
    });
  });
  return checked.value;
}

export { DEFAULT_SETTINGS };
