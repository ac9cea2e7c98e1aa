/**
 * The citizen panel's page as HTML (no database): every text is in the catalogue in both
 * languages, the weights and n_eff are explained, a breakdown cell under the minimum shows no
 * number, and each chart is followed by a table of the same shares.
 */
import { describe, expect, it } from 'vitest';
import { combinedRows } from '../../src/core/panel/combined.ts';
import { panelFigures } from '../../src/core/panel/figures.ts';
import { generateCitizenPanel } from '../../src/demo/it-i-praksis.ts';
import { missingAdminKeys } from '../../src/i18n/admin.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { renderPanelReport } from '../../src/reports/panel/html.ts';

describe('citizen panel page', async () => {
  const instrument = await loadBuiltinInstrument('it-i-praksis-borger');
  // 60 citizens: some age bands and regions fall under the minimum of 10
  const figures = panelFigures(instrument, generateCitizenPanel(60, 3));
  const organisations = {
    organisations: 40,
    shares: { 'channel.strategy': { 'digital-overalt': 0.375, kanalvalg: 0.2, balance: 0.3 } },
    bySector: { kommune: { organisations: 30, shares: { 'channel.strategy': { 'digital-overalt': 0.4 } } } },
  };

  it.each(['da', 'en'] as const)('renders in %s with every text translated', (lang) => {
    const page = renderPanelReport({
      instrument,
      figures,
      title: 'Borgere 2026',
      lang,
      stylesheet: { href: '/admin/assets/admin.css' },
      combined: {
        action: '/admin/rounds/b/panel',
        candidates: ['itp-2026'],
        chosen: 'itp-2026',
        shown: true,
        rows: combinedRows(figures, organisations),
      },
    });
    expect(missingAdminKeys()).toEqual([]);
    expect(page).not.toMatch(/panel\.[a-z]/);
    expect(page).toMatch(
      lang === 'da' ? /Kishs effektive stikprøvestørrelse/ : /Kish(&#39;|&#x27;|')s effective sample size/,
    );
    expect(page).toContain('n_eff = (Σw)² / Σw²');
    expect(page).toContain('under 10');
    // the organisation side as published: 37.5 % of all, 40 % of the municipalities
    expect(page).toMatch(/37[,.]5 %/);
    expect(page).toContain('<td class="num">40 %</td>');
    // charts carry a name; tables follow with the numbers
    expect((page.match(/<svg role="img"/g) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(page).toContain('id="shares-table"');
    expect(page).toContain('id="by-bg-age-table"');
  });
});
