/**
 * `GET /api/survey/:token/profile?lang=`: the respondent's own competency profile for the
 * thank-you page, as a server-rendered SVG chart (ECharts SSR, so the browser bundle carries
 * no chart library) plus the numbers for the HTML table that is the chart's accessible
 * alternative. Scores come from the core (`scoreRespondent`) on the current submission, or on
 * the draft before any submission.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import i18next from 'i18next';
import { z } from 'zod';
import { competencyProfileOption } from '../charts/competency-profile.ts';
import { renderChartSvg } from '../charts/render-svg.ts';
import type { Answers, Instrument, Lang } from '../core/instrument/types.ts';
import { scoreRespondent } from '../core/scoring/respondent.ts';
import { localize } from '../i18n/i18n.ts';
import da from '../i18n/locales/survey.da.json' with { type: 'json' };
import en from '../i18n/locales/survey.en.json' with { type: 'json' };
import { problemResponses } from '../api/problem.ts';
import { langSchema } from '../api/schemas.ts';
import { instrumentOf } from '../api/services/instruments.ts';
import { getCurrentSubmission, getDraft, type Db } from '../storage/index.ts';

const texts = i18next.createInstance();
void texts.init({
  resources: { da: { survey: da }, en: { survey: en } },
  lng: 'da',
  fallbackLng: 'da',
  defaultNS: 'survey',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 380;

export interface ProfileRow {
  id: string;
  label: string;
  /** The competency score on the instrument's scale; null when nothing was answered. */
  score: number | null;
  /** Where the respondent ranked it (1 = most important); null when not ranked. */
  rank: number | null;
}

export interface RespondentProfile {
  svg: string;
  scale: { min: number; max: number };
  rows: ProfileRow[];
}

export function respondentProfile(instrument: Instrument, answers: Answers, lang: Lang): RespondentProfile {
  const t = texts.getFixedT(lang);
  const values = scoreRespondent(instrument, answers);
  const rows: ProfileRow[] = instrument.def.competencies.map((c) => {
    const score = values[c.score];
    const rank = answers[c.rank];
    return {
      id: c.id,
      label: localize(c.label, lang),
      score: typeof score === 'number' ? score : null,
      rank: typeof rank === 'number' ? rank : null,
    };
  });
  const scale = competencyScale(instrument);
  const option = competencyProfileOption({
    competencies: rows.map((r) => ({ id: r.id, label: r.label })),
    series: [{ name: t('profile.seriesName'), values: rows.map((r) => r.score) }],
    scale,
    noValueNote: t('profile.noValueNote'),
  });
  const svg = renderChartSvg(
    option,
    {
      id: 'profile-chart',
      title: t('profile.chartTitle'),
      description: t('profile.chartDescription', scale),
    },
    { width: CHART_WIDTH, height: CHART_HEIGHT },
  );
  return { svg, scale, rows };
}

/** The scale of the competency scores: that of the items their measures average. */
function competencyScale(instrument: Instrument): { min: number; max: number } {
  for (const c of instrument.def.competencies) {
    const measure = instrument.measureById.get(c.score);
    const first = measure?.mean?.[0];
    const slot = first ? instrument.slotById.get(first) : undefined;
    if (slot?.kind === 'scale') return { min: slot.scale.min, max: slot.scale.max };
  }
  return { min: 1, max: 5 };
}

const profileSchema = z
  .object({
    svg: z.string().describe('the chart: an SVG document with role="img", <title> and <desc>'),
    scale: z.object({ min: z.number(), max: z.number() }),
    rows: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        score: z.number().nullable(),
        rank: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'RespondentProfile' });

export const profileRoute: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/survey/:token/profile',
    {
      config: { access: 'respondent' },
      schema: {
        tags: ['survey'],
        summary: "The respondent's own competency profile: an SVG chart and its numbers",
        description:
          'Scores from the current submission (or the draft before any submission), on the scale of the ' +
          'competency items; the rows are the accessible alternative to the chart.',
        params: z.object({ token: z.string().max(200) }),
        querystring: z.object({ lang: langSchema.default('da') }),
        response: { 200: profileSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const context = request.respondent!;
      const [submission, draft] = await Promise.all([
        getCurrentSubmission(db, context.respondent.id),
        getDraft(db, context.respondent.id),
      ]);
      const answers = submission?.answers ?? draft?.answers ?? {};
      const instrument = await instrumentOf(db, context.round.instrument);
      return respondentProfile(instrument, answers, request.query.lang);
    },
  );
};
