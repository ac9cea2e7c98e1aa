/** What every section renderer gets: the model, its texts and numbers, links and form state. */
import type { TFunction } from 'i18next';
import type { SafeHtml } from './escape.ts';
import type { Lang } from '../../../core/instrument/types.ts';
import { reportT } from '../../../i18n/report.ts';
import type { OrganisationReport } from '../model/types.ts';
import type { ReportCharts } from './charts.ts';
import { formatter, type Formatter } from './format.ts';

/** Where the page lives and where its forms post; absent for a standalone file. */
export interface ReportLinks {
  page(lang: Lang): string;
  pdf: string;
  xlsx: string;
  json: string;
  planCreate: string;
  planUpdate(id: number): string;
  planDelete(id: number): string;
  /** Turns a plan step into a portfolio initiative. */
  planToPortfolio(id: number): string;
  targets: string;
  /** The same organisation's report in another round (a related instrument's result). */
  otherReport(round: string): string;
  /** The organisation's overview of all its instruments (src/admin-ui/routes/overview.ts). */
  overview: string;
  /** The organisation's checklist page of an instrument (the security follow-up checklist). */
  checklist(instrument: string): string;
}

/** A rejected form comes back with what was typed and what was wrong, per field. */
export interface FormState {
  readonly form: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
}

export interface RenderOptions {
  /** Link the stylesheet (the web page, under its CSP) or inline it (PDF and files). */
  readonly stylesheet: { readonly href: string } | { readonly inline: string };
  readonly links: ReportLinks | null;
  /** Whether the viewer may change the plan and the targets (forms are shown only then). */
  readonly canEdit: boolean;
  readonly form?: FormState;
  /** A one-line confirmation after a successful change ("saved"). */
  readonly notice?: string;
  /** Why a change was refused as a whole (a closed round), at the top of the page. */
  readonly problem?: string;
  /** The plan item a delete button asked about: the page asks to confirm before it goes. */
  readonly confirmDelete?: number;
  /** The session's CSRF token, sent back by every form (absent for bearer-token callers). */
  readonly csrfToken?: string;
  /** The staff bar (src/reports/staff-bar.ts): on the served page only, never in a PDF or a file. */
  readonly staffBar?: SafeHtml;
  /**
   * When the page says it was made, as text; by default the report's generation time. A page
   * kept in a cache is rendered with a placeholder here and gets the time of each request.
   */
  readonly generatedAtText?: string;
}

export interface Ctx {
  readonly report: OrganisationReport;
  readonly t: TFunction;
  readonly f: Formatter;
  readonly charts: ReportCharts;
  readonly options: RenderOptions;
  /** Links, when forms may be shown. */
  readonly edit: ReportLinks | null;
}

export function context(report: OrganisationReport, charts: ReportCharts, options: RenderOptions): Ctx {
  return {
    report,
    t: reportT(report.lang),
    f: formatter(report.lang),
    charts,
    options,
    // A closed round's plan and targets are read-only for everyone (src/core/plans/plan.ts).
    edit: options.canEdit && report.planEditable ? options.links : null,
  };
}

/** Builds the links of the report of `organisation` in `round` under the web routes. */
export function reportLinks(round: string, organisation: string, lang: Lang): ReportLinks {
  const base = `/reports/${encodeURIComponent(round)}/organisations/${encodeURIComponent(organisation)}`;
  const q = `?lang=${lang}`;
  return {
    page: (l) => `${base}?lang=${l}`,
    pdf: `${base}/report.pdf${q}`,
    xlsx: `${base}/figures.xlsx${q}`,
    json: `/api/rounds/${encodeURIComponent(round)}/organisations/${encodeURIComponent(organisation)}/report${q}`,
    planCreate: `${base}/plan${q}`,
    planUpdate: (id) => `${base}/plan/${id}${q}`,
    planDelete: (id) => `${base}/plan/${id}/delete${q}`,
    planToPortfolio: (id) => `${base}/plan/${id}/portfolio${q}`,
    targets: `${base}/targets${q}`,
    otherReport: (r) =>
      `/reports/${encodeURIComponent(r)}/organisations/${encodeURIComponent(organisation)}${q}`,
    overview: `${organisationPath(organisation)}/overview${q}`,
    checklist: (i) => `${organisationPath(organisation)}/checklists/${encodeURIComponent(i)}${q}`,
  };
}

/** Where the staff pages of one organisation live (its overview, its security checklist). */
export const organisationPath = (organisation: string) =>
  `/admin/organisations/${encodeURIComponent(organisation)}`;
