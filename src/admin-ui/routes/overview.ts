/**
 * One organisation's pages beside its reports: the overview of all its instruments, and an
 * instrument's checklists (the security triangle's follow-up list for top management) as a
 * page and as a one-page PDF. Who sees which round is the organisation report's rule
 * (src/api/services/organisation-scope.ts); the checklists carry the leaders' own evidence, so
 * they are for the organisation's own lead (and administrators), never for another
 * organisation's lead, and not for analysts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { organisationChecklists, organisationOverview } from '../../api/services/organisation-overview.ts';
import { auditReportRead } from '../../api/services/report-audit.ts';
import { attachment } from '../../api/services/report-page.ts';
import { HttpProblem } from '../../api/problem.ts';
import { adminT } from '../../i18n/admin.ts';
import { localize } from '../../i18n/i18n.ts';
import { reportT } from '../../i18n/report.ts';
import {
  checklistBody,
  checklistHtml,
  inThreeMonths,
  type ChecklistPage,
} from '../../reports/checklist/html.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import { PdfPrinter } from '../../reports/organisation/pdf.ts';
import { page } from '../layout.ts';
import { CHECKLIST_READERS, checklistPath, overviewPage, overviewPath } from '../pages/overview.ts';
import { reportPath } from '../pages/rounds.ts';
import { ANY_STAFF, HEADERS, hidden, langOf, sendHtml, viewerOf, type AdminContext } from '../respond.ts';

const orgParams = z.object({ org: z.string().min(1).max(200) });
const checklistParams = orgParams.extend({ instrument: z.string().min(1).max(100) });
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The review date asked for (`?review=2027-03-01`), or three months on. */
function reviewOf(request: FastifyRequest): string {
  const v = (request.query as { review?: unknown } | undefined)?.review;
  if (v === undefined || v === '') return inThreeMonths();
  if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new HttpProblem(
      400,
      'bad-request',
      'Bad review date',
      `review: "${String(v)}" is not a date such as 2027-03-01`,
    );
  return v;
}

export function overviewRoutes(app: FastifyInstance, { db }: AdminContext): void {
  let printer: PdfPrinter | null = null;
  app.addHook('onClose', async () => printer?.close());

  app.get(
    '/admin/organisations/:org/overview',
    { config: { access: ANY_STAFF }, schema: hidden },
    async (request, reply) => {
      const { org } = orgParams.parse(request.params);
      const overview = await organisationOverview(db, request, org);
      return sendHtml(reply, overviewPage(langOf(request), viewerOf(request), overview));
    },
  );

  const load = async (request: FastifyRequest) => {
    const { org, instrument } = checklistParams.parse(request.params);
    const lang = langOf(request);
    const found = await organisationChecklists(db, request, org, instrument);
    const content: ChecklistPage | null = found.checklists
      ? {
          organisation: found.organisation.name,
          instrumentTitle: localize(found.instrument.def.title, lang),
          checklists: found.checklists,
          nextReview: reviewOf(request),
          lang,
        }
      : null;
    return { found, content, lang };
  };

  app.get(
    '/admin/organisations/:org/checklists/:instrument',
    { config: { access: CHECKLIST_READERS }, schema: hidden },
    async (request, reply) => {
      const { found, content, lang } = await load(request);
      const t = adminT(lang);
      const org = found.organisation.name;
      const round = localize(found.round.title, lang) || found.round.name;
      const review = (request.query as { review?: string }).review;
      const links = html`<ul class="links">
        ${
          content
            ? html`<li>
                <a
                  href="${checklistPath(org, found.instrument.id, lang, true)}${review ? `${lang === 'da' ? '?' : '&'}review=${review}` : ''}"
                  >${t('checklistPage.pdf')}</a
                >
              </li>`
            : ''
        }
        <li>
          <a href="${reportPath(found.round.name, org, lang)}">${t('checklistPage.report', { round })}</a>
        </li>
        <li>
          <a href="${overviewPath(org, lang)}">${t('checklistPage.overview', { organisation: org })}</a>
        </li>
      </ul>`;
      // The review date is the meeting's own: a plain GET form sets it for the page and the PDF.
      const reviewForm = content
        ? html`<form
            method="get"
            action="${checklistPath(org, found.instrument.id, 'da')}"
            class="inline-form"
          >
            ${lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
            <label for="review">${t('checklistPage.review')}</label>
            <input type="date" id="review" name="review" value="${content.nextReview}" required />
            <button type="submit">${t('checklistPage.setReview')}</button>
          </form>`
        : '';
      const body = content
        ? html`${reviewForm}
            <div class="checklist">${checklistBody(content)}</div>
            ${links}`
        : html`<p>${t('overview.notReady')}</p>
            ${links}`;
      await auditReportRead(db, request, { round: found.round, organisation: found.organisation }, 'html');
      return sendHtml(
        reply,
        page({
          lang,
          title: t('checklistPage.title', { organisation: org }),
          viewer: viewerOf(request),
          path: checklistPath(org, found.instrument.id, lang),
          body,
        }),
      );
    },
  );

  app.get(
    '/admin/organisations/:org/checklists/:instrument/pdf',
    { config: { access: CHECKLIST_READERS }, schema: hidden },
    async (request, reply) => {
      const { found, content, lang } = await load(request);
      if (!content) throw new HttpProblem(409, 'report-not-ready', 'The result is not ready yet');
      printer ??= new PdfPrinter();
      const pdf = await printer.print(checklistHtml(content), {
        headerLeft: found.organisation.name,
        headerRight: content.instrumentTitle,
        footerLeft: 'Pejling',
        pageOf: reportT(lang)('pdf.pageOf'),
      });
      await auditReportRead(db, request, { round: found.round, organisation: found.organisation }, 'pdf');
      return reply
        .headers(HEADERS)
        .header(
          'content-disposition',
          attachment(`${found.organisation.name} ${found.instrument.id} ${found.round.name}.pdf`),
        )
        .type('application/pdf')
        .send(pdf);
    },
  );
}
