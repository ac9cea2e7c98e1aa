/** What the organisation's own respondents chose and wrote: for the organisation only. */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, section } from '../parts.ts';

export function answersSection(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const a = report.answers;
  if (
    a.choices.length === 0 &&
    a.numbers.length === 0 &&
    a.texts.length === 0 &&
    !a.textsHidden &&
    !a.choicesHidden
  )
    return html``;
  const tables = a.choices.map((c) => {
    const head = html`<tr>
      <th scope="col">${t('answers.option')}</th>
      <th scope="col" class="num">${t('answers.share')}</th>
    </tr>`;
    const body = c.options.map(
      (o) =>
        html`<tr>
          <th scope="row">${o.label}</th>
          <td class="num">${f.num(o.share * 100, 0)} %</td>
        </tr>`,
    );
    return dataTable(
      `answers-${c.id.replace(/\W/g, '-')}`,
      t('answers.caption', { label: c.label, count: c.answered }),
      head,
      html`${body}`,
    );
  });
  const numbers =
    a.numbers.length === 0
      ? html``
      : dataTable(
          'answers-numbers',
          t('summary.board.numbersCaption'),
          html`<tr>
            <th scope="col">${t('answers.option')}</th>
            <th scope="col" class="num">${t('summary.board.median')}</th>
            <th scope="col" class="num">${t('summary.board.count')}</th>
          </tr>`,
          html`${a.numbers.map(
            (n) =>
              html`<tr>
                <th scope="row">${n.label}</th>
                <td class="num">${f.num(n.median, 0)}</td>
                <td class="num">${n.answered}</td>
              </tr>`,
          )}`,
        );
  const texts = a.texts.map(
    (x) =>
      html`<h3>${x.label}</h3>
        <ul class="free-text">
          ${x.answers.map((s) => html`<li>${s}</li>`)}
        </ul>`,
  );
  return section(
    'answers',
    t('answers.title'),
    html`<p>${t('answers.intro')}</p>
      ${tables} ${numbers} ${a.choicesHidden ? html`<p class="note">${a.choicesHidden}</p>` : ''} ${texts}
      ${a.textsHidden ? html`<p class="note">${a.textsHidden}</p>` : ''}`,
  );
}
