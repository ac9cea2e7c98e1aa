/** The organisations page of a round: attributes per organisation, attribute and comparison-set files. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../api/auth/staff.ts';
import {
  importAttributesFile,
  importComparisonSets,
  roundOrganisations,
  setOrganisationAttributes,
} from '../../api/services/organisations.ts';
import type { FileProblem } from '../../core/exchange/file-problems.ts';
import { fileProblemReason, fileProblemText } from '../../i18n/file-problems.ts';
import { adminT } from '../../i18n/admin.ts';
import type { Round } from '../../storage/index.ts';
import { organisationsPage, otherText } from '../pages/organisations.ts';
import {
  form,
  hidden,
  langOf,
  RUNNERS,
  sendHtml,
  UPLOAD_LIMIT,
  viewerOf,
  type AdminContext,
} from '../respond.ts';
import { roundParam } from '../round-page.ts';
import type { Db } from '../../storage/index.ts';

interface Shown {
  editing?: string | null;
  values?: Record<string, string>;
  problems?: string[];
  /** Says what the problems mean, above them; not counted. */
  problemsIntro?: string;
  notice?: string | null;
  status?: number;
}

async function show(db: Db, request: FastifyRequest, reply: FastifyReply, round: Round, shown: Shown = {}) {
  const lang = langOf(request);
  const body = organisationsPage(lang, viewerOf(request), {
    view: await roundOrganisations(db, round.name),
    editing: shown.editing ?? null,
    ...(shown.values ? { values: shown.values } : {}),
    problems: shown.problems ?? [],
    ...(shown.problemsIntro ? { problemsIntro: shown.problemsIntro } : {}),
    notice: shown.notice ?? null,
  });
  return sendHtml(reply, body, shown.status ?? 200);
}

/** A closed round's peer groups are final (src/api/services/organisations.ts, closedProblem). */
const refuseClosed = (db: Db, request: FastifyRequest, reply: FastifyReply, round: Round) =>
  show(db, request, reply, round, {
    problems: [adminT(langOf(request))('organisations.closedNote')],
    status: 409,
  });

/** `key=value` lines; a line without `=` is a problem of the field. */
function parseOther(text: string): { cells: Record<string, string> } | { problem: string } {
  const cells: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const at = line.indexOf('=');
    if (at <= 0) return { problem: line.trim() };
    cells[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { cells };
}

export function organisationRoutes(app: FastifyInstance, { db }: AdminContext): void {
  app.get(
    '/admin/rounds/:name/organisations',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const { edit } = request.query as { edit?: string };
      return show(db, request, reply, round, { editing: typeof edit === 'string' ? edit : null });
    },
  );

  app.post(
    '/admin/rounds/:name/organisations',
    { config: { access: RUNNERS }, schema: hidden },
    async (request, reply) => {
      const round = await roundParam(db, request);
      const t = adminT(langOf(request));
      if (round.status === 'closed') return refuseClosed(db, request, reply, round);
      const body = form(request);
      const name = body.organisation ?? '';
      const values = {
        type: body.type ?? '',
        size: body.size ?? '',
        region: body.region ?? '',
        other: body.other ?? '',
      };
      const view = await roundOrganisations(db, round.name);
      const org = view.organisations.find((o) => o.name === name);
      if (!org)
        return show(db, request, reply, round, {
          problems: [t('organisations.notSaved'), `${name}: ${t('errors.notFound')}`],
          status: 422,
        });
      const other = parseOther(values.other);
      if ('problem' in other)
        return show(db, request, reply, round, {
          editing: name,
          values,
          problems: [
            t('organisations.notSaved'),
            `${t('organisations.other')}: "${other.problem}" — ${t('organisations.otherHint')}`,
          ],
          status: 422,
        });
      // The form holds the whole row: an attribute no longer listed is removed.
      const removed = Object.fromEntries(
        Object.keys(org.attributes.extra)
          .filter((k) => !(k in other.cells))
          .map((k) => [k, '']),
      );
      const result = await setOrganisationAttributes(db, {
        roundName: round.name,
        organisation: name,
        cells: {
          type: values.type,
          size: values.size,
          region: values.region,
          ...removed,
          ...other.cells,
        },
        actor: staffOf(request).email,
      });
      if (!result.ok)
        return show(db, request, reply, round, {
          editing: name,
          values,
          problemsIntro: t('organisations.notSaved'),
          problems: result.problems.map(
            (p) => `${t(`organisations.${fieldKey(p.column)}`)}: ${fileProblemReason(p, langOf(request))}`,
          ),
          status: 422,
        });
      return show(db, request, reply, round, {
        notice: t('organisations.saved', { name }),
        values: { ...values, other: otherText(result.organisation.attributes.extra) },
      });
    },
  );

  const upload = (kind: 'attributes' | 'comparisons') =>
    app.post(
      `/admin/rounds/:name/organisations/${kind}`,
      { config: { access: RUNNERS }, bodyLimit: UPLOAD_LIMIT, schema: hidden },
      async (request, reply) => {
        const round = await roundParam(db, request);
        const t = adminT(langOf(request));
        if (round.status === 'closed') return refuseClosed(db, request, reply, round);
        const file = form(request)._files?.file;
        if (!file || file.data.length === 0)
          return show(db, request, reply, round, { problems: [t('organisations.noFile')], status: 422 });
        const text = new TextDecoder('utf-8').decode(file.data);
        const input = { roundName: round.name, text, actor: staffOf(request).email };
        const problems = (list: readonly FileProblem[]) => ({
          problemsIntro: t('organisations.fileNotRead'),
          problems: list.map((p) => fileProblemText(p, langOf(request))),
          status: 422,
        });
        if (kind === 'attributes') {
          const result = await importAttributesFile(db, input);
          if (!result.ok) return show(db, request, reply, round, problems(result.problems));
          return show(db, request, reply, round, {
            notice: t('organisations.attributesImported', { count: result.value.organisations }),
          });
        }
        const result = await importComparisonSets(db, input);
        if (!result.ok) return show(db, request, reply, round, problems(result.problems));
        return show(db, request, reply, round, {
          notice: t('organisations.comparisonsImported', result.value),
        });
      },
    );
  upload('attributes');
  upload('comparisons');
}

/** The form field a problem's column names (`type`, `size`, `region`; anything else is "other"). */
const fieldKey = (column: string | undefined) =>
  column === 'type' || column === 'size' || column === 'region' ? column : 'other';
