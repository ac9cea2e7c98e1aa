/**
 * One figure of any instrument as HTML: a table with the numbers (always) and, where a chart
 * helps, a chart of the same numbers drawn on the server. Hidden numbers show as a dash with
 * the reason in the table's note; reference values (a study, an earlier survey) get a column
 * of their own, labelled with their source.
 */
import { rankingComparisonOption } from '../../charts/ranking-comparison.ts';
import { columnSizes, renderResponsiveChart } from '../../charts/responsive.ts';
import { roundBarsOption } from '../../charts/trend.ts';
import type { Json, ShownLeaf } from '../../core/figures/assemble.ts';
import type { FigurePlan, LeafPlan } from '../../core/figures/plan.ts';
import { rangeOf } from '../../core/figures/plan.ts';
import type { ReferenceDef } from '../../core/instrument/schema.ts';
import type { Instrument, Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { refDecimals, refLabel } from '../../i18n/explain.ts';
import { formatNumber, localize } from '../../i18n/i18n.ts';
import { html, type SafeHtml } from '../organisation/html/escape.ts';
import { chartFigure, dataTable } from '../organisation/html/parts.ts';
import { categoryLabel, keyLabel, optionLabel } from './labels.ts';

export interface FigureView {
  readonly instrument: Instrument;
  readonly lang: Lang;
  readonly k: number;
  /** Unique on the page: prefixes ids. */
  readonly id: string;
}

type Obj = { [key: string]: Json };
const obj = (x: Json | undefined): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const num = (x: Json | undefined): number | null => (typeof x === 'number' ? x : null);

/** The figure's tables and charts for one group. */
export function figureBody(
  view: FigureView,
  plan: FigurePlan,
  json: Json | undefined,
  leaves: readonly ShownLeaf[] | undefined,
  references: readonly ReferenceDef[],
): SafeHtml {
  const { instrument, lang } = view;
  const t = adminT(lang);
  const f = plan.figure;
  const dash = t('sector.noValue');
  const refsOf = references.flatMap((r) =>
    r.values.filter((v) => v.figure === f.id).map((v) => ({ ref: r, v })),
  );
  const refHead = [...new Set(refsOf.map((x) => x.ref))];
  const fmt = (v: number | null, d = 1) => (v === null ? dash : formatNumber(v, d, lang));
  const hiddenNote = html`<p class="note">${t('figures.hiddenNote', { k: view.k })}</p>`;
  const caption = t('figures.caption');

  if (f.distribution !== undefined || f.stages) {
    const leaf = plan.leaves[0] as Extract<LeafPlan, { kind: 'distribution' | 'stages' }>;
    const counts = obj(json);
    const cats = leaf.categories;
    const values = cats.map((c) => num(counts[c]));
    const total = leaves?.[0]?.n ?? null;
    const refRow = (c: string) =>
      refHead.map((r) => {
        const hit = refsOf.find((x) => x.ref === r && x.v.categories?.includes(c));
        if (!hit) return html`<td></td>`;
        const span = hit.v.categories!.length;
        if (hit.v.categories![0] !== c) return html``;
        return html`<td class="num" rowspan="${span}">
          ${t('figures.referenceCount', { count: hit.v.count, of: r.organisations })}
        </td>`;
      });
    const head = html`<tr>
      <th scope="col">${t('figures.category')}</th>
      <th scope="col" class="num">${t('sector.count')}</th>
      <th scope="col" class="num">${t('figures.share')}</th>
      ${refHead.map((r) => html`<th scope="col" class="num">${localize(r.label, lang)}</th>`)}
    </tr>`;
    const body = cats.map(
      (c, i) =>
        html`<tr>
          <th scope="row">${categoryLabel(instrument, leaf, c, lang)}</th>
          <td class="num" data-hidden="${values[i] === null ? 'true' : 'false'}">${fmt(values[i]!, 0)}</td>
          <td class="num">
            ${values[i] === null || !total ? dash : `${formatNumber((values[i]! / total) * 100, 0, lang)} %`}
          </td>
          ${refRow(c)}
        </tr>`,
    );
    const chart =
      values.some((v) => v !== null) &&
      renderResponsiveChart(
        roundBarsOption({
          categories: cats.map((c) => categoryLabel(instrument, leaf, c, lang)),
          rounds: [{ name: t('sector.count'), values }],
          scale: { min: 0, max: Math.max(1, ...values.map((v) => v ?? 0)) },
          axis: t('sector.countAxis'),
          format: (v) => formatNumber(v, 0, lang),
        }),
        {
          id: `${view.id}-chart`,
          title: t('figures.chartTitle'),
          description: t('figures.chartDescription'),
        },
        columnSizes(90 + cats.length * 26),
      );
    return html`${chart ? chartFigure(chart, caption) : ''}
    ${dataTable(`${view.id}-table`, t('figures.tableOf', { n: total ?? dash }), head, html`${body}`)}
    ${values.some((v) => v === null) ? hiddenNote : ''}`;
  }

  if (f.means !== undefined) {
    const data = obj(json);
    const refValue = (path: string[]) =>
      refHead.map((r) => {
        const hit = refsOf.find(
          (x) => x.ref === r && x.v.value !== undefined && x.v.path.join('.') === path.join('.'),
        );
        return html`<td class="num">${hit ? fmt(hit.v.value!) : ''}</td>`;
      });
    const leafRefs = new Map(
      plan.leaves.flatMap((l) => (l.kind === 'mean' ? [[l.path.join('.'), l.ref] as const] : [])),
    );
    const decimals = (path: string[]) =>
      Math.max(1, refDecimals(instrument, leafRefs.get(path.join('.')) ?? ''));
    if (typeof f.means === 'string' || Object.values(f.means).every((v) => typeof v === 'string')) {
      const keys = typeof f.means === 'string' ? [] : Object.keys(f.means);
      const rows =
        typeof f.means === 'string'
          ? [{ key: '', value: num(json as Json) }]
          : keys.map((k) => ({ key: k, value: num(data[k]) }));
      const head = html`<tr>
        <th scope="col">${t('figures.what')}</th>
        <th scope="col" class="num">${t('sector.mean')}</th>
        ${refHead.map((r) => html`<th scope="col" class="num">${localize(r.label, lang)}</th>`)}
      </tr>`;
      const body = rows.map(
        (r) =>
          html`<tr>
            <th scope="row">
              ${r.key ? keyLabel(instrument, f, r.key, lang) : refLabel(instrument, f.means as string, lang)}
            </th>
            <td class="num" data-hidden="${r.value === null ? 'true' : 'false'}">
              ${fmt(r.value, decimals([r.key]))}
            </td>
            ${refValue([r.key])}
          </tr>`,
      );
      return html`${dataTable(`${view.id}-table`, caption, head, html`${body}`)}
      ${rows.some((r) => r.value === null) ? hiddenNote : ''}`;
    }
    const rowKeys = Object.keys(f.means);
    const colKeys = [...new Set(rowKeys.flatMap((r) => Object.keys(obj((f.means as Obj)[r] as Json))))];
    const cell = (r: string, c: string) => num(obj(data[r])[c]);
    const head = html`<tr>
      <th scope="col">${t('figures.what')}</th>
      ${colKeys.map((c) => html`<th scope="col" class="num">${keyLabel(instrument, f, c, lang)}</th>`)}
      ${refHead.flatMap((r) =>
        colKeys
          .filter((c) => refsOf.some((x) => x.ref === r && x.v.path[1] === c))
          .map(
            (c) =>
              html`<th scope="col" class="num">
                ${localize(r.label, lang)}: ${keyLabel(instrument, f, c, lang)}
              </th>`,
          ),
      )}
    </tr>`;
    const body = rowKeys.map(
      (r) =>
        html`<tr>
          <th scope="row">${keyLabel(instrument, f, r, lang)}</th>
          ${colKeys.map((c) => html`<td class="num" data-hidden="${cell(r, c) === null ? 'true' : 'false'}">${fmt(cell(r, c), decimals([r, c]))}</td>`)}
          ${refHead.flatMap((ref) =>
            colKeys
              .filter((c) => refsOf.some((x) => x.ref === ref && x.v.path[1] === c))
              .map((c) => {
                const hit = refsOf.find((x) => x.ref === ref && x.v.path.join('.') === `${r}.${c}`);
                return html`<td class="num">${hit ? fmt(hit.v.value!) : ''}</td>`;
              }),
          )}
        </tr>`,
    );
    const scale = rangeOf(instrument, leafRefs.get(`${rowKeys[0]}.${colKeys[0]}`) ?? '');
    const chart =
      scale.max <= 10 &&
      renderResponsiveChart(
        roundBarsOption({
          categories: rowKeys.map((r) => keyLabel(instrument, f, r, lang)),
          rounds: colKeys.map((c) => ({
            name: keyLabel(instrument, f, c, lang),
            values: rowKeys.map((r) => cell(r, c)),
          })),
          scale: { min: 0, max: scale.max },
          axis: t('sector.scoreAxis'),
          format: (v) => formatNumber(v, 1, lang),
        }),
        {
          id: `${view.id}-chart`,
          title: t('figures.chartTitle'),
          description: t('figures.chartDescription'),
        },
        columnSizes(100 + rowKeys.length * 26 * Math.max(1, colKeys.length)),
      );
    return html`${chart ? chartFigure(chart, caption) : ''}
    ${dataTable(`${view.id}-table`, caption, head, html`${body}`)}
    ${rowKeys.some((r) => colKeys.some((c) => cell(r, c) === null)) ? hiddenNote : ''}`;
  }

  if (f.shares) {
    const data = obj(json);
    const tables = f.shares.map((item) => {
      const slot = instrument.slotById.get(item);
      const options = slot?.kind === 'choice' ? slot.values : [];
      const groups = f.groups ?? null;
      const head = html`<tr>
        <th scope="col">${t('figures.option')}</th>
        ${(groups ?? ['']).map((g) => html`<th scope="col" class="num">${g ? keyLabel(instrument, f, g, lang) : t('figures.share')}</th>`)}
      </tr>`;
      const value = (o: string, g: string) => num(groups ? obj(obj(data[item])[g])[o] : obj(data[item])[o]);
      const pct = (v: number | null) => (v === null ? dash : `${formatNumber(v * 100, 0, lang)} %`);
      const body = options.map(
        (o) =>
          html`<tr>
            <th scope="row">${optionLabel(instrument, item, o, lang)}</th>
            ${(groups ?? ['']).map((g) => html`<td class="num" data-hidden="${value(o, g) === null ? 'true' : 'false'}">${pct(value(o, g))}</td>`)}
          </tr>`,
      );
      return dataTable(
        `${view.id}-${item.replace(/\W/g, '-')}`,
        refLabel(instrument, item, lang),
        head,
        html`${body}`,
      );
    });
    return html`${tables}`;
  }

  if (f.quantiles) {
    const data = obj(json);
    const head = html`<tr>
      <th scope="col">${t('figures.what')}</th>
      <th scope="col" class="num">${t('sector.count')}</th>
      <th scope="col" class="num">${t('figures.q1')}</th>
      <th scope="col" class="num">${t('figures.median')}</th>
      <th scope="col" class="num">${t('figures.q3')}</th>
    </tr>`;
    const body = f.quantiles.map((ref) => {
      const q = obj(data[ref]);
      const d = refDecimals(instrument, ref);
      const band = Array.isArray(q.band) ? (q.band as number[]) : null;
      return html`<tr>
        <th scope="row">${refLabel(instrument, ref, lang)}</th>
        <td class="num">
          ${num(q.n) === null ? dash : num(q.n)! >= view.k ? String(q.n) : t('figures.fewerThan', { k: view.k })}
        </td>
        ${
          band
            ? html`<td class="num">${dash}</td>
                <td class="num">
                  ${t('figures.band', { low: formatNumber(band[0]!, d, lang), high: formatNumber(band[1]!, d, lang) })}
                </td>
                <td class="num">${dash}</td>`
            : html`<td class="num">${fmt(num(q.q1), d + 1)}</td>
                <td class="num">${fmt(num(q.median), d + 1)}</td>
                <td class="num">${fmt(num(q.q3), d + 1)}</td>`
        }
      </tr>`;
    });
    return html`${dataTable(`${view.id}-table`, caption, head, html`${body}`)}
      <p class="note">${t('figures.quantileNote', { k: view.k, exact: 3 * view.k })}</p>`;
  }

  if (f.sums || f.ratio) {
    const rows = f.sums
      ? f.sums.map((ref) => ({ label: refLabel(instrument, ref, lang), value: num(obj(json)[ref]) }))
      : [{ label: t('figures.ratio'), value: num(json as Json) }];
    const head = html`<tr>
      <th scope="col">${t('figures.what')}</th>
      <th scope="col" class="num">${t(f.sums ? 'figures.sum' : 'figures.ratio')}</th>
    </tr>`;
    const body = rows.map(
      (r) =>
        html`<tr>
          <th scope="row">${r.label}</th>
          <td class="num">${fmt(r.value, 2)}</td>
        </tr>`,
    );
    return dataTable(`${view.id}-table`, caption, head, html`${body}`);
  }

  if (f.ranking !== undefined) {
    const item = instrument.itemById.get(f.ranking);
    const options = item?.def.type === 'ranking' ? item.def.options.map((o) => o.value) : [];
    const data = obj(json);
    const groups = f.groups ?? null;
    const place = (o: string, g?: string) => num(obj(g ? obj(data[o])[g] : data[o]).place);
    const order = [...options].sort((a, b) => (place(a, groups?.[0]) ?? 99) - (place(b, groups?.[0]) ?? 99));
    const refPlace = (o: string) =>
      refHead.map((r) => {
        const hit = refsOf.find((x) => x.ref === r && x.v.place !== undefined && x.v.path[0] === o);
        return html`<td class="num">${hit ? String(hit.v.place) : ''}</td>`;
      });
    const head = html`<tr>
      <th scope="col">${t('figures.option')}</th>
      ${(groups ?? ['']).map(
        (g) =>
          html`<th scope="col" class="num">
              ${g ? `${keyLabel(instrument, f, g, lang)}: ` : ''}${t('sector.place')}
            </th>
            <th scope="col" class="num">${t('sector.meanRank')}</th>`,
      )}
      ${refHead.map((r) => html`<th scope="col" class="num">${localize(r.label, lang)}: ${t('sector.place')}</th>`)}
    </tr>`;
    const body = order.map(
      (o) =>
        html`<tr>
          <th scope="row">
            ${keyLabel(instrument, f, o, lang) === o ? optionLabel(instrument, f.ranking!, o, lang) : keyLabel(instrument, f, o, lang)}
          </th>
          ${(groups ?? [undefined]).map(
            (g) =>
              html`<td class="num">${place(o, g) ?? dash}</td>
                <td class="num">${fmt(num(obj(g ? obj(data[o])[g] : data[o]).meanRank), 1)}</td>`,
          )}
          ${refPlace(o)}
        </tr>`,
    );
    return dataTable(`${view.id}-table`, caption, head, html`${body}`);
  }

  // A comparison of two respondent groups across the round.
  const c = instrument.comparisons.find((x) => x.id === f.compare);
  const data = obj(json);
  const rows = obj(data.rows);
  const [a, b] = c?.groups ?? ['', ''];
  const groupName = (g: string) =>
    localize(instrument.respondentGroups.find((x) => x.id === g)?.label, lang) || g;
  const ranks = [...instrument.slotById.values()].filter((s) => s.kind === 'rank').map((s) => s.id);
  const places = obj(data.places);
  const n = num(data.organisations);
  const scaleRows = Object.keys(rows).filter((id) => !ranks.includes(id));
  const head = html`<tr>
    <th scope="col">${t('figures.what')}</th>
    <th scope="col" class="num">${groupName(a)}</th>
    <th scope="col" class="num">${groupName(b)}</th>
    <th scope="col" class="num">${t('sector.difference')}</th>
  </tr>`;
  const row = (id: string) => {
    const r = obj(rows[id]);
    const d = Math.max(1, refDecimals(instrument, id));
    return html`<tr>
      <th scope="row">${refLabel(instrument, id, lang)}</th>
      <td class="num">${fmt(num(r[a]), d)}</td>
      <td class="num">${fmt(num(r[b]), d)}</td>
      <td class="num">${fmt(num(r.difference), d)}</td>
    </tr>`;
  };
  const rankLabel = (id: string) =>
    localize(instrument.def.competencies.find((x) => x.rank === id)?.label, lang) ||
    refLabel(instrument, id, lang);
  const chartRows = ranks.filter((id) => num(obj(rows[id])[a]) !== null && num(obj(rows[id])[b]) !== null);
  const chart =
    chartRows.length > 0 &&
    renderResponsiveChart(
      rankingComparisonOption({
        rows: chartRows.map((id) => ({
          label: rankLabel(id),
          ours: num(obj(rows[id])[a]),
          peers: num(obj(rows[id])[b]),
        })),
        size: ranks.length,
        labels: { ours: groupName(a), peers: groupName(b), axis: t('sector.rankAxis') },
      }),
      { id: `${view.id}-chart`, title: t('figures.chartTitle'), description: t('figures.chartDescription') },
      columnSizes(120 + chartRows.length * 34),
    );
  const rankHead = html`<tr>
    <th scope="col">${t('figures.what')}</th>
    <th scope="col" class="num">${groupName(a)}: ${t('sector.place')}</th>
    <th scope="col" class="num">${groupName(b)}: ${t('sector.place')}</th>
    <th scope="col" class="num">${groupName(a)}: ${t('sector.meanRank')}</th>
    <th scope="col" class="num">${groupName(b)}: ${t('sector.meanRank')}</th>
  </tr>`;
  const rankBody = ranks.map(
    (id) =>
      html`<tr>
        <th scope="row">${rankLabel(id)}</th>
        <td class="num">${num(obj(places[id])[a]) ?? dash}</td>
        <td class="num">${num(obj(places[id])[b]) ?? dash}</td>
        <td class="num">${fmt(num(obj(rows[id])[a]))}</td>
        <td class="num">${fmt(num(obj(rows[id])[b]))}</td>
      </tr>`,
  );
  return html`<p>
      ${t('figures.compareIntro', { n: n !== null && n >= view.k ? n : t('figures.fewerThan', { k: view.k }) })}
    </p>
    ${chart ? chartFigure(chart, caption) : ''}
    ${ranks.length > 0 ? dataTable(`${view.id}-ranks`, t('figures.compareRanks'), rankHead, html`${rankBody}`) : ''}
    ${dataTable(`${view.id}-table`, t('figures.compareMeans'), head, html`${scaleRows.map(row)}`)}`;
}

/** One row per published number of a figure, for tables that set several groups side by side. */
export function leafRows(
  view: FigureView,
  plan: FigurePlan,
): { label: string; cell: (leaves: readonly ShownLeaf[] | undefined) => string }[] {
  const { instrument, lang } = view;
  const t = adminT(lang);
  const dash = t('sector.noValue');
  const f = plan.figure;
  const title = (path: readonly string[]) =>
    path
      .filter((p) => p !== 'rows')
      .map((p) =>
        instrument.slotById.has(p) || instrument.measureById.has(p)
          ? refLabel(instrument, p, lang)
          : keyLabel(instrument, f, p, lang),
      )
      .join(': ');
  return plan.leaves.flatMap((leaf, i) => {
    if (leaf.kind === 'distribution' || leaf.kind === 'stages')
      return leaf.categories.map((c, k) => ({
        label: categoryLabel(instrument, leaf, c, lang),
        cell: (leaves: readonly ShownLeaf[] | undefined) => {
          const s = leaves?.[i];
          return s?.kind === 'counts' && s.counts[k] !== null && s.counts[k] !== undefined
            ? String(s.counts[k])
            : dash;
        },
      }));
    if (leaf.kind === 'quantiles')
      return [
        {
          label: t('figures.medianOf', { what: refLabel(instrument, leaf.ref, lang) }),
          cell: (leaves: readonly ShownLeaf[] | undefined) => {
            const s = leaves?.[i];
            const d = refDecimals(instrument, leaf.ref);
            if (s?.kind !== 'quantiles') return dash;
            if (s.exact) return formatNumber(s.exact.median, d, lang);
            if (s.band)
              return t('figures.band', {
                low: formatNumber(s.band[0], d, lang),
                high: formatNumber(s.band[1], d, lang),
              });
            return dash;
          },
        },
      ];
    const shares = leaf.kind === 'pooled' || (leaf.kind === 'mean' && leaf.ref.includes('='));
    const label =
      f.shares && leaf.path.length >= 2
        ? `${refLabel(instrument, leaf.path[0]!, lang)}: ${optionLabel(instrument, leaf.path[0]!, leaf.path.at(-1)!, lang)}`
        : title(leaf.path);
    const decimals = leaf.kind === 'mean' ? Math.max(1, refDecimals(instrument, leaf.ref)) : 2;
    return [
      {
        label,
        cell: (leaves: readonly ShownLeaf[] | undefined) => {
          const s = leaves?.[i];
          if (s?.kind !== 'value' || s.value === null) return dash;
          return shares ? `${formatNumber(s.value * 100, 0, lang)} %` : formatNumber(s.value, decimals, lang);
        },
      },
    ];
  });
}
