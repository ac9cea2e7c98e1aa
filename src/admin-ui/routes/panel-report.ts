/**
 * The citizen panel's report for the people who run the round (GET /admin/rounds/:name/panel):
 * the panel's figures with their intervals and the combined view beside an `it-i-praksis`
 * organisation round (`?organisations=`; by default the latest one of the same year that the
 * viewer may read). Viewing it is audited like the sector report.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canRunRound, staffOf } from '../../api/auth/staff.ts';
import { combinedView, organisationRoundFor, roundPanelFigures } from '../../api/services/panel.ts';
import { localize } from '../../i18n/i18n.ts';
import { renderPanelReport } from '../../reports/panel/html.ts';
import { staffBar } from '../../reports/staff-bar.ts';
import { appendAudit } from '../../storage/index.ts';
import { CSS_PATH, withLang } from '../layout.ts';
import { hidden, langOf, RUNNERS, sendHtml, viewerOf, type AdminContext } from '../respond.ts';
import { roundParam } from '../round-page.ts';

export function panelReportRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.get(
    '/admin/rounds/:name/panel',
    { config: { access: RUNNERS }, schema: hidden },
    async (request: FastifyRequest, reply) => {
      const round = await roundParam(db, request);
      const lang = langOf(request);
      const asked = (request.query as { organisations?: unknown }).organisations;
      const { instrument, figures } = await roundPanelFigures(db, round);
      const { chosen, candidates } = await organisationRoundFor(
        db,
        round,
        typeof asked === 'string' ? asked : undefined,
        (r) => canRunRound(db, request, r),
      );
      const combined = await combinedView(db, round, figures, chosen);
      const base = `/admin/rounds/${encodeURIComponent(round.name)}/panel`;
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'report.panel-view',
        subject: `round:${round.name}`,
        ...(chosen ? { details: { organisations: chosen.name } } : {}),
      });
      const other = withLang(base, lang === 'da' ? 'en' : 'da');
      return sendHtml(
        reply,
        renderPanelReport({
          instrument,
          figures,
          title: localize(round.title, lang),
          lang,
          stylesheet: { href: CSS_PATH },
          staffBar: staffBar({ lang, viewer: viewerOf(request), path: base, otherLanguage: other }),
          links: { json: `/api/rounds/${encodeURIComponent(round.name)}/panel`, other },
          combined: {
            action: base,
            candidates: candidates.map((r) => r.name),
            chosen: combined.organisations?.round ?? null,
            shown: combined.organisations?.shown ?? false,
            rows: combined.rows,
          },
        }),
      );
    },
  );
}
