/**
 * Every organisation's PDF report of a round in one ZIP, as a background job: one item per
 * organisation, printed by the one PDF pipeline (src/reports/organisation, src/browser). Each
 * printed PDF is kept with its item, so a job taken over after a crash goes on with the
 * organisations not printed yet; printing one twice is harmless, so a half-printed one is
 * simply printed again. The ZIP is stored in the database for whichever instance serves it.
 */
import type { Lang } from '../../core/instrument/types.ts';
import { zipFiles } from '../../files/zip-stream.ts';
import { PdfPrinter } from '../../reports/organisation/pdf.ts';
import { reportPdf } from '../../reports/organisation/print.ts';
import type { JobHandler } from '../../rounds/jobs/worker.ts';
import {
  appendAudit,
  enqueueJob,
  getOrganisationById,
  getRoundById,
  jobItemResults,
  listRoundOrganisations,
  storeJobResult,
  type Db,
  type Job,
  type Organisation,
  type Round,
} from '../../storage/index.ts';
import { organisationReport, ReportNotReadyError } from './organisation-report.ts';

export const REPORT_PDFS_JOB = 'report-pdfs';

interface PdfParams {
  readonly lang: Lang;
}

export async function enqueueReportPdfs(db: Db, round: Round, lang: Lang, actor: string) {
  const organisations = await listRoundOrganisations(db, round.id);
  const result = await enqueueJob(db, {
    kind: REPORT_PDFS_JOB,
    roundId: round.id,
    params: { lang } satisfies PdfParams,
    actor,
    dedupeKey: `${REPORT_PDFS_JOB}:${round.id}:${lang}`,
    subjects: organisations.map((o) => String(o.id)),
  });
  if (result.created)
    await appendAudit(db, {
      actor,
      action: 'job.report-pdfs',
      subject: `round:${round.name}`,
      details: { job: result.job.id, organisations: organisations.length, lang },
    });
  return result;
}

/** File names inside the ZIP: the organisation's name, without characters a file system refuses. */
const UNSAFE_IN_NAMES = new Set([...'\\/:*?"<>|']);
export const pdfFileName = (name: string, id: string) =>
  `${[...name]
    .map((c) => (c < ' ' || UNSAFE_IN_NAMES.has(c) ? '_' : c))
    .join('')
    .slice(0, 120)}-${id}.pdf`;

/** One organisation's PDF report, or null when it is not ready (too few answers to show). */
export async function organisationPdf(
  db: Db,
  round: Round,
  organisation: Organisation,
  lang: Lang,
  printer: PdfPrinter,
): Promise<Buffer | null> {
  try {
    return await reportPdf(printer, await organisationReport(db, round, organisation, lang));
  } catch (err) {
    if (err instanceof ReportNotReadyError) return null;
    throw err;
  }
}

export function reportPdfsJobHandler(options: { printer?: () => PdfPrinter } = {}): JobHandler {
  return {
    kind: REPORT_PDFS_JOB,
    abandoned: 'redo',
    async open(db: Db, job: Job) {
      const round = job.roundId === null ? undefined : await getRoundById(db, job.roundId);
      if (!round) throw new Error(`job ${job.id}: its round is gone`);
      const { lang } = job.params as PdfParams;
      const printer = options.printer?.() ?? new PdfPrinter({ concurrency: 1 });
      return {
        async item(item) {
          const organisation = await getOrganisationById(db, Number(item.subject));
          if (!organisation) return { state: 'skipped', error: 'organisation-removed' };
          const pdf = await organisationPdf(db, round, organisation, lang, printer);
          return pdf ? { state: 'done', result: pdf } : { state: 'skipped', error: 'report-not-ready' };
        },
        async finish() {
          async function* files() {
            for await (const { subject, data } of jobItemResults(db, job.id)) {
              const organisation = await getOrganisationById(db, Number(subject));
              yield { name: pdfFileName(organisation?.name ?? 'organisation', subject), data };
            }
          }
          const zip = await zipFiles(files());
          await storeJobResult(db, job.id, {
            fileName: `pejling-${round.name}-reports-${lang}.zip`,
            contentType: 'application/zip',
            data: zip,
          });
        },
        close: () => (options.printer ? Promise.resolve() : printer.close()),
      };
    },
  };
}
