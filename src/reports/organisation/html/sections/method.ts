/** How to read the figures: the index, the peer groups and the disclosure rule, and where the model comes from. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { section } from '../parts.ts';

export function methodSection(ctx: Ctx, source: string): SafeHtml {
  const { report, t, f } = ctx;
  return section(
    'method',
    t('method.title'),
    html`<p>${report.summary.indexDescription}</p>
      <p>${t('method.stages')}</p>
      <p>${t('method.disclosure', { k: report.benchmark.k })}</p>
      <p>${t('method.quartiles')}</p>
      <p>${source}</p>
      <p class="note">
        ${t('method.generated', {
          at: f.dateTime(report.generatedAt),
          instrument: `${report.instrument.title} (${report.instrument.id} ${report.instrument.version})`,
        })}
      </p>`,
  );
}
