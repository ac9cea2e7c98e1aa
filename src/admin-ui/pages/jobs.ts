/**
 * A background job's page: what it does, how far it is (done / failed / remaining), what went
 * wrong for whom, and its file once done. It does not refresh by itself unless asked to (a
 * timed refresh must be under the reader's control, WCAG 2.2.1): a link reloads it, another
 * turns on a refresh every few seconds (the HTTP Refresh header; no JavaScript) with a link
 * to turn it off again.
 */
import type { TFunction } from 'i18next';
import type { JobStatus } from '../../api/services/jobs.ts';
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { localize } from '../../i18n/i18n.ts';
import { html } from '../../reports/organisation/html/escape.ts';
import type { Round } from '../../storage/index.ts';
import { page, withLang, type Viewer } from '../layout.ts';
import { formatDateTime } from '../../i18n/dates.ts';

export const jobPath = (id: number, lang: Lang, auto = false) =>
  withLang(`/admin/jobs/${id}${auto ? '?auto=1' : ''}`, lang);

/** What the job does, in a few words ("Reminders", "PDF reports of every organisation (ZIP)"). */
export function jobTitle(t: TFunction, job: Pick<JobStatus, 'kind' | 'params'>): string {
  if (job.kind === 'mail') {
    const params = job.params as { kind?: string; newLink?: boolean };
    return t(
      params.kind === 'reminder'
        ? params.newLink
          ? 'jobs.kinds.reminderNewLink'
          : 'jobs.kinds.reminder'
        : 'jobs.kinds.invitation',
    );
  }
  if (job.kind === 'export')
    return t('jobs.kinds.export', { format: (job.params as { format?: string }).format ?? '' });
  return t(`jobs.kinds.${job.kind}`, { defaultValue: job.kind });
}

export const jobState = (t: TFunction, job: JobStatus) =>
  t(
    job.state === 'pending'
      ? job.running
        ? 'jobs.state.running'
        : 'jobs.state.queued'
      : `jobs.state.${job.state}`,
  );

/** Reasons the handlers record as codes; anything else is the mail server's own words. */
const REASONS = [
  'respondent-removed',
  'no-address',
  'answered',
  'round-closed',
  'organisation-removed',
  'report-not-ready',
  'worker-stopped',
];
const reasonText = (t: TFunction, error: string | null) =>
  error === null
    ? ''
    : REASONS.includes(error)
      ? t(`jobs.reasons.${error}`)
      : t('jobs.reasons.server', { error });

export interface JobItemLine {
  readonly who: string;
  readonly state: 'failed' | 'unknown' | 'skipped';
  readonly error: string | null;
  readonly at: string | null;
}

export interface JobPageInput {
  readonly job: JobStatus;
  readonly round: Round | null;
  readonly items: readonly JobItemLine[];
  /** The viewer turned on the timed refresh. */
  readonly auto: boolean;
  readonly canDownload: boolean;
}

export function jobPage(lang: Lang, viewer: Viewer, input: JobPageInput): string {
  const t = adminT(lang);
  const { job, round } = input;
  const finished = job.total - job.remaining;
  const roundBase = round ? `/admin/rounds/${encodeURIComponent(round.name)}` : null;
  const counts = [
    ['done', job.done],
    ['failed', job.failed],
    ['unknown', job.unknown],
    ['skipped', job.skipped],
    ['remaining', job.remaining],
  ] as const;
  const title = `${jobTitle(t, job)} (${t('jobs.number', { id: job.id })})`;
  const refresh =
    job.state === 'pending'
      ? html`<p>
          <a href="${jobPath(job.id, lang, input.auto)}">${t('jobs.refresh')}</a>
          ·
          ${
            input.auto
              ? html`<a href="${jobPath(job.id, lang)}">${t('jobs.autoOff')}</a>`
              : html`<a href="${jobPath(job.id, lang, true)}">${t('jobs.autoOn')}</a>`
          }
        </p>`
      : '';
  const body = html`${round && roundBase ? html`<p><a href="${withLang(roundBase, lang)}">${t('jobs.back', { round: localize(round.title, lang) })}</a></p>` : ''}
    <section aria-labelledby="progress">
      <h2 id="progress">${t('jobs.progress')}</h2>
      <p role="status">
        ${jobState(t, job)}. ${t('jobs.summary', { finished, total: job.total, remaining: job.remaining })}
      </p>
      <label for="job-progress">${t('jobs.progressLabel')}</label>
      <progress id="job-progress" max="${Math.max(job.total, 1)}" value="${job.total === 0 ? 1 : finished}">
        ${finished} / ${job.total}
      </progress>
      ${refresh}
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="job-counts">
        <table>
          <caption id="job-counts">
            ${t('jobs.counts')}
          </caption>
          <thead>
            <tr>
              ${counts.map(([key]) => html`<th scope="col">${t(`jobs.count.${key}`)}</th>`)}
            </tr>
          </thead>
          <tbody>
            <tr>
              ${counts.map(([, n]) => html`<td>${n}</td>`)}
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        ${t('jobs.created', { at: formatDateTime(job.createdAt, lang) })}${job.finishedAt ? html` ${t('jobs.finished', { at: formatDateTime(job.finishedAt, lang) })}` : ''}
      </p>
      ${job.error && job.state === 'pending' ? html`<p class="warning" role="note">${t('jobs.waiting', { error: job.error })}</p>` : ''}
      ${job.unknown > 0 ? html`<p class="warning" role="note"><strong>${t('jobs.unknownNote')}</strong></p>` : ''}
    </section>
    ${
      job.hasResult && input.canDownload
        ? html`<section aria-labelledby="result">
            <h2 id="result">${t('jobs.result')}</h2>
            <p><a href="/admin/jobs/${job.id}/result" download>${t('jobs.download')}</a></p>
          </section>`
        : ''
    }
    ${
      input.items.length > 0
        ? html`<section aria-labelledby="problems">
            <h2 id="problems">${t('jobs.problems')}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="problems-caption">
              <table>
                <caption id="problems-caption">
                  ${t('jobs.problemsCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('jobs.who')}</th>
                    <th scope="col">${t('jobs.outcome')}</th>
                    <th scope="col">${t('jobs.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${input.items.map(
                    (i) =>
                      html`<tr>
                        <th scope="row">${i.who}</th>
                        <td>${t(`jobs.count.${i.state}`)}</td>
                        <td>${reasonText(t, i.error)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`
        : ''
    }`;
  return page({ lang, title, viewer, path: `/admin/jobs/${job.id}`, body });
}

/** The round page's list of its recent jobs, each linking to its page. */
export function jobsSection(lang: Lang, jobs: readonly JobStatus[]) {
  const t = adminT(lang);
  return html`<section aria-labelledby="jobs">
    <h2 id="jobs">${t('jobs.list')}</h2>
    ${
      jobs.length === 0
        ? html`<p>${t('jobs.none')}</p>`
        : html`<ul>
            ${jobs.map(
              (job) =>
                html`<li>
                  <a href="${jobPath(job.id, lang)}"
                    >${jobTitle(t, job)} (${t('jobs.number', { id: job.id })})</a
                  >: ${jobState(t, job)},
                  ${t('jobs.summary', { finished: job.total - job.remaining, total: job.total, remaining: job.remaining })}
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}
