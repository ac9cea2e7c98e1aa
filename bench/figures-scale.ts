/**
 * `tsx bench/figures-scale.ts [organisations] [panel respondents]`: the figures engine on its own
 * at scale, in a process of its own so that its peak memory is its own (issue 17: "it-i-praksis
 * sector figures at 100,000 organisations; citizen panel of 1,000,000 weighted respondents —
 * report both"). Prints one JSON object; `npm run bench -- --only scale` runs it.
 *
 * it-i-praksis: a release of a generated round (every group's figures under the disclosure
 * rules, as the server makes it). The panel: the weighted shares, intervals and breakdowns of
 * src/core/panel/figures.ts over generated citizens.
 */
import { disclosurePolicy } from '../src/core/disclosure/policy.ts';
import { panelFigures } from '../src/core/panel/figures.ts';
import { releaseOfOrganisations } from '../src/core/release/build.ts';
import { generateCitizenPanel, generateItIPraksisRound } from '../src/demo/it-i-praksis.ts';
import { loadBuiltinInstrument } from '../src/instruments/registry.ts';

const organisations = Number(process.argv[2] ?? 100_000);
const panelSize = Number(process.argv[3] ?? 1_000_000);
const mb = (bytes: number) => Math.round(bytes / 1e6);

async function main() {
  const itp = await loadBuiltinInstrument('it-i-praksis');
  let t0 = performance.now();
  const round = generateItIPraksisRound(organisations, 2028);
  const itpGenerateMs = performance.now() - t0;
  t0 = performance.now();
  const release = releaseOfOrganisations(itp, round, disclosurePolicy({ k: 5 }), new Date().toISOString());
  const itpReleaseMs = performance.now() - t0;
  const itpHeapMB = mb(process.memoryUsage().heapUsed);
  const published = release.groups.filter((g) => g.status === 'published').length;

  const borger = await loadBuiltinInstrument('it-i-praksis-borger');
  t0 = performance.now();
  const panel = generateCitizenPanel(panelSize, 2029);
  const panelGenerateMs = performance.now() - t0;
  t0 = performance.now();
  const figures = panelFigures(borger, panel);
  const panelFiguresMs = performance.now() - t0;
  const panelHeapMB = mb(process.memoryUsage().heapUsed);

  const out = {
    itIPraksis: {
      organisations,
      respondents: round.reduce((n, o) => n + o.respondents.length, 0),
      groups: release.groups.length,
      published,
      generateMs: Math.round(itpGenerateMs),
      releaseMs: Math.round(itpReleaseMs),
      heapAfterMB: itpHeapMB,
    },
    citizenPanel: {
      respondents: panel.length,
      weightSum: Math.round(Number(figures.weightSum)),
      generateMs: Math.round(panelGenerateMs),
      figuresMs: Math.round(panelFiguresMs),
      heapAfterMB: panelHeapMB,
    },
    // The whole process's peak (both generated data sets included), in MB.
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
