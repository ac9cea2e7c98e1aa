/** The round's sector report for the people who run it, as a page and as a PDF. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffOf } from '../../api/auth/staff.ts';
import { instrumentOf } from '../../api/services/instruments.ts';
import { roundSectorReport } from '../../api/services/round-reports.ts';
import { localize } from '../../i18n/i18n.ts';
import { renderSectorReport } from '../../reports/sector/html.ts';
import { appendAudit, type Round } from '../../storage/index.ts';
import { CSS_PATH, withLang } from '../layout.ts';
import { staffBar } from '../../reports/staff-bar.ts';
import {
  ADMIN_CSS,
  HEADERS,
  hidden,
  langOf,
  RUNNERS,
  sendHtml,
  viewerOf,
  type AdminContext,
} from '../respond.ts';
import { roundParam } from '../round-page.ts';

export function sectorReportRoutes(app: FastifyInstance, { db, printer }: AdminContext): void {
  const reportHtml = async (request: FastifyRequest, round: Round, pdf: boolean) => {
    const lang = langOf(request);
    const [report, instrument] = await Promise.all([
      roundSectorReport(db, round),
      instrumentOf(db, round.instrument),
    ]);
    const base = `/admin/rounds/${encodeURIComponent(round.name)}`;
    await appendAudit(db, {
      actor: staffOf(request).email,
      action: pdf ? 'export.sector-report-pdf' : 'report.sector-view',
      subject: `round:${round.name}`,
    });
    return renderSectorReport({
      report,
      instrument,
      title: localize(round.title, lang),
      lang,
      stylesheet: pdf ? { inline: ADMIN_CSS } : { href: CSS_PATH },
      staffBar: pdf
        ? undefined
        : staffBar({
            lang,
            viewer: viewerOf(request),
            path: `${base}/report`,
            otherLanguage: withLang(`${base}/report`, lang === 'da' ? 'en' : 'da'),
          }),
      links: pdf
        ? undefined
        : {
            pdf: withLang(`${base}/report.pdf`, lang),
            json: `/api/rounds/${encodeURIComponent(round.name)}/sector-report`,
            other: withLang(`${base}/report`, lang === 'da' ? 'en' : 'da'),
          },
    });
  };

  app.get(
    '/admin/rounds/:name/report',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) =>
      sendHtml(reply, await reportHtml(request, await roundParam(db, request), false)),
  );

  app.get(
    '/admin/rounds/:name/report.pdf',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      // The app's warm printer: no Chromium started per request.
      const pdf = await printer.print(await reportHtml(request, round, true));
      return reply
        .headers(HEADERS)
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="pejling-${round.name}-sector-${langOf(request)}.pdf"`,
        )
        .send(pdf);
    },
  );
}
