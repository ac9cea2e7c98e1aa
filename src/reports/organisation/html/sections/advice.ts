/** The prioritised advice with its practices, recommendations and next steps. */
import type { AdviceEntry } from '../../model/types.ts';
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { formFields, section } from '../parts.ts';
import { planItemFields } from './plan-form.ts';

export function adviceSection(ctx: Ctx): SafeHtml {
  const { report, t } = ctx;
  if (report.advice.length === 0)
    return section('advice', t('advice.title'), html`<p>${t('advice.none')}</p>`);
  // A recommendation often answers several advice items: in full the first time, then by reference.
  const firstSeen = new Map<string, AdviceEntry>();
  for (const a of report.advice)
    for (const r of a.recommendations) if (!firstSeen.has(r.id)) firstSeen.set(r.id, a);
  return section(
    'advice',
    t('advice.title'),
    html`<p>${t('advice.intro')}</p>
      ${report.advice.map((a, i) => adviceItem(ctx, a, i + 1, firstSeen))}`,
  );
}

function recommendation(
  ctx: Ctx,
  a: AdviceEntry,
  r: AdviceEntry['recommendations'][number],
  firstSeen: ReadonlyMap<string, AdviceEntry>,
): SafeHtml {
  const { t } = ctx;
  const first = firstSeen.get(r.id)!;
  if (first !== a) {
    return html`<div class="recommendation see-also">
      <h5>${r.title}</h5>
      <p>
        ${t('advice.seeAbove')} <a href="#rec-${r.id}">${t('advice.seeUnder', { label: first.label })}</a>
      </p>
    </div>`;
  }
  return html`<div class="recommendation" id="rec-${r.id}">
    <h5>${r.title}</h5>
    <p>${r.text}</p>
    <p class="next-steps-label">${t('advice.nextSteps')}</p>
    <ul class="next-steps">
      ${r.nextSteps.map((s) => html`<li>${s}</li>`)}
    </ul>
  </div>`;
}

function adviceItem(
  ctx: Ctx,
  a: AdviceEntry,
  n: number,
  firstSeen: ReadonlyMap<string, AdviceEntry>,
): SafeHtml {
  const { t } = ctx;
  const headingId = `advice-${a.kind}-${a.id}-h`;
  const form = `advice-${a.kind}-${a.id}`;
  return html`<article class="advice" id="advice-${a.kind}-${a.id}" aria-labelledby="${headingId}">
    <h3 id="${headingId}"><span class="advice-number">${n}.</span> ${a.label}</h3>
    <p class="advice-kind">${t(`advice.kind.${a.kind}`)}</p>
    <p class="reason">${a.reason}</p>
    <p>${a.description}</p>
    ${a.goodExample ? html`<p class="example"><strong>${t('advice.goodExample')}</strong> ${a.goodExample}</p>` : ''}
    <h4>${t('advice.practices')}</h4>
    <ul class="practices">
      ${a.practices.map((p) => html`<li><strong>${p.title}.</strong> ${p.text}</li>`)}
    </ul>
    ${
      a.recommendations.length > 0
        ? html`<h4>${t('advice.recommendations')}</h4>
            ${a.recommendations.map((r) => recommendation(ctx, a, r, firstSeen))}`
        : ''
    }
    ${relatedResults(ctx, a)}
    <p class="plan-count">
      ${
        a.planItems > 0
          ? html`<a href="#plan">${t('advice.planItems', { count: a.planItems })}</a>`
          : t('advice.noPlanItems')
      }
    </p>
    ${
      ctx.edit
        ? html`<details class="screen-only add-to-plan" ${ctx.options.form?.form === form ? ' open' : ''}>
            <summary>${t('advice.addToPlan', { label: a.label })}</summary>
            <form method="post" action="${ctx.edit.planCreate}" class="plan-form">
              <input type="hidden" name="adviceKey" value="${a.key}" />
              ${formFields(ctx, form)} ${planItemFields(ctx, form, null)}
              <button type="submit">${t('plan.add')}</button>
            </form>
          </details>`
        : ''
    }
  </article>`;
}

/**
 * The organisation's result in an instrument that follows this advice up (the security
 * triangle for IT and data security): what it says in words, with links on the web page (a
 * PDF has no links to follow, so it keeps the words).
 */
function relatedResults(ctx: Ctx, a: AdviceEntry): SafeHtml | string {
  const { t } = ctx;
  const related = a.related ?? [];
  if (related.length === 0) return '';
  const links = ctx.options.links;
  return html`${related.map(
    (r) =>
      html`<div class="related-result">
        <h4>${t('advice.related.title', { instrument: r.instrumentTitle })}</h4>
        <p class="${r.flagged.length > 0 ? 'flagged' : ''}">${r.summary}</p>
        ${
          links
            ? html`<ul class="screen-only">
                <li>
                  <a href="${links.otherReport(r.round)}"
                    >${t('advice.related.open', { instrument: r.instrumentTitle, round: r.roundTitle })}</a
                  >
                </li>
                ${
                  r.checklist && ctx.options.canEdit
                    ? html`<li>
                        <a href="${links.checklist(r.instrument)}">${t('advice.related.checklist')}</a>
                      </li>`
                    : ''
                }
              </ul>`
            : ''
        }
      </div>`,
  )}`;
}
