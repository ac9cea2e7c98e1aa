/** How to read the figures: the release, the index, the peer groups and the disclosure rules, and where the model comes from. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { section } from '../parts.ts';

export function methodSection(ctx: Ctx, source: string): SafeHtml {
  const { report, t, f } = ctx;
  const r = report.release;
  return section(
    'method',
    t('method.title'),
    html`<p>
        ${t(r.final ? 'method.releaseFinal' : 'method.releaseOpen', { number: r.number, at: f.dateTime(r.at) })}
        ${t('method.version', { number: r.version.release, count: r.version.respondents })}
      </p>
      <p>${report.summary.indexDescription}</p>
      <p>${t('method.stages')}</p>
      <p>${t('method.disclosure', { k: report.benchmark.k, exact: 3 * report.benchmark.k })}</p>
      <p>${t('method.releases', { k: report.benchmark.k, min: report.round.respondentMin })}</p>
      <p>${t('method.quartiles')}</p>
      <p>${source}</p>
      <p class="note">
        ${t('method.generated', {
          at: ctx.options.generatedAtText ?? f.dateTime(report.generatedAt),
          instrument: `${report.instrument.title} (${report.instrument.id} ${report.instrument.version})`,
        })}
      </p>`,
  );
}
