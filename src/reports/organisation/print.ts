/** The report as a PDF: the same HTML as the page, stylesheet inlined, printed with the page frame. */
import { reportT } from '../../i18n/report.ts';
import { reportStylesheet } from './assets.ts';
import type { ReportCharts } from './html/charts.ts';
import { renderReportHtml } from './html/page.ts';
import type { OrganisationReport } from './model/types.ts';
import type { PdfPrinter } from './pdf.ts';

/** `charts`: the report's charts when the caller has them drawn already (a cache). */
export async function reportPdf(
  printer: PdfPrinter,
  report: OrganisationReport,
  charts?: ReportCharts,
): Promise<Buffer> {
  const t = reportT(report.lang);
  const html = renderReportHtml(
    report,
    { stylesheet: { inline: (await reportStylesheet()).text }, links: null, canEdit: false },
    charts,
  );
  return printer.print(html, {
    headerLeft: report.organisation.name,
    headerRight: report.round.title,
    footerLeft: t('pdf.footer', { instrument: report.instrument.title }),
    pageOf: t('pdf.pageOf'),
  });
}
