/**
 * The panel part of the organisation report (model/panel.ts): the leaders' priority list
 * beside the peers' lists, the profile beside the peers' shares, and the declared advice. Every
 * number is in a table; nothing here is drawn only as a chart.
 */
import type { Ctx } from '../context.ts';
import { html, type SafeHtml } from '../escape.ts';
import { dataTable, section } from '../parts.ts';
import { sectorLabel } from '../../model/labels.ts';

export function panelSection(ctx: Ctx): SafeHtml {
  const { report, t, f } = ctx;
  const p = report.panel;
  if (!p) return html``;
  const dash = '–';
  const pct = (v: number | null) => (v === null ? dash : `${f.num(v * 100, 0)} %`);
  const peers =
    p.peerGroup === null
      ? null
      : p.peerGroup === 'all'
        ? t('panel.peersAll')
        : t('panel.peersSector', { sector: sectorLabel(p.peerGroup.slice('sector:'.length), report.lang) });
  const intro = html`<p>
    ${
      peers === null
        ? t('panel.introNoPeers', { k: report.round.kMin })
        : t('panel.intro', { peers, k: report.round.kMin })
    }
  </p>`;
  if (p.hidden)
    return section(
      'panel',
      t('panel.title'),
      html`${intro}
        <p>${t('panel.hidden', { min: p.respondentMin })}</p>`,
    );

  const parts: SafeHtml[] = [intro];
  const pr = p.priorities;
  if (pr) {
    const head = html`<tr>
      <th scope="col">${pr.title}</th>
      ${pr.ownColumns.map(
        (c) =>
          html`<th scope="col" class="num">${t('panel.ownPlace', { group: c.label })}</th>
            <th scope="col" class="num">${t('panel.ownShare', { group: c.label })}</th>`,
      )}
      ${pr.peerColumns.map((c) => html`<th scope="col" class="num">${t('panel.peerPlace', { group: c.label })}</th>`)}
    </tr>`;
    const body = pr.rows.map(
      (r) =>
        html`<tr>
          <th scope="row">${r.label}</th>
          ${pr.ownColumns.map((c) => {
            const own = r.own[c.id];
            return html`<td class="num">${own ? String(own.place) : dash}</td>
              <td class="num">${own ? pct(own.share) : dash}</td>`;
          })}
          ${pr.peerColumns.map((c) => html`<td class="num">${r.peers[c.id] ?? dash}</td>`)}
        </tr>`,
    );
    parts.push(
      html`<h3>${t('panel.prioritiesTitle')}</h3>
        ${dataTable('panel-priorities', t('panel.prioritiesTitle'), head, html`${body}`)}
        <p class="note">${t('panel.prioritiesNote')}</p>`,
    );
  }
  if (p.profile.length > 0) {
    const tables = p.profile.map((item) => {
      const head = html`<tr>
        <th scope="col">${t('panel.option')}</th>
        <th scope="col" class="num">${t('panel.own')}</th>
        <th scope="col" class="num">${t('panel.peers')}</th>
      </tr>`;
      const body = item.rows.map(
        (r) =>
          html`<tr>
            <th scope="row">${r.label}</th>
            <td class="num">${pct(r.own)}</td>
            <td class="num">${pct(r.peers)}</td>
          </tr>`,
      );
      return dataTable(
        `panel-${item.item.replace(/\W/g, '-')}`,
        t('panel.profileCaption', { label: item.label, count: item.answered }),
        head,
        html`${body}`,
      );
    });
    parts.push(
      html`<h3>${t('panel.profileTitle')}</h3>
        ${tables}`,
    );
  }
  parts.push(
    html`<h3>${t('panel.adviceTitle')}</h3>
      ${
        p.advice.length === 0
          ? html`<p>${t('panel.noAdvice')}</p>`
          : html`<ul class="panel-advice">
              ${p.advice.map(
                (a) =>
                  html`<li>
                    <strong>${a.title}</strong>
                    <p>${a.text}</p>
                  </li>`,
              )}
            </ul>`
      }`,
  );
  return section('panel', t('panel.title'), html`${parts}`);
}
