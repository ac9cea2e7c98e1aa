/**
 * One figures module: every number the outputs show about organisations comes from the
 * release (src/core/release) or the figures engine that made it. The outputs are built from a
 * release of a generated round; each number they carry must be one the engine produced, so
 * an output that computes a figure of its own (a new mean, a derived count) fails here.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Json, ShownLeaf } from '../../src/core/figures/assemble.ts';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { buildRelease, versionsOfOrganisations } from '../../src/core/release/build.ts';
import { organisationPeers, prepareRelease } from '../../src/core/release/peers.ts';
import { figureCentre, publicationFigures } from '../../src/core/release/read.ts';
import { generateRound } from '../../src/demo/generate.ts';
import { buildOpenData } from '../../src/open-data/build.ts';
import { openDataFiles } from '../../src/open-data/files.ts';
import { buildSectorReport } from '../../src/reports/sector/model.ts';
import { buildOrganisationReport } from '../../src/reports/organisation/model/build.ts';
import { dtOffentlig } from '../helpers.ts';
import { input } from '../reports/fixtures.ts';

const instrument = dtOffentlig();
const orgs = generateRound(instrument, { organisations: 90, respondents: [1, 5], seed: 21 });
const versions = versionsOfOrganisations(instrument, orgs);
const content = buildRelease({
  instrument,
  policy: disclosurePolicy({ k: 5 }),
  number: 1,
  at: '2026-11-30T10:00:00.000Z',
  final: true,
  versions,
  previous: [],
});

/** Every number the engine produced for the release, rendered figures included. */
function engineNumbers(): number[] {
  const out: number[] = [];
  const leaf = (s: ShownLeaf) => {
    if (s.n !== null) out.push(s.n);
    if (s.kind === 'value' && s.value !== null) out.push(s.value);
    if (s.kind === 'counts') for (const c of s.counts) if (c !== null) out.push(c);
    if (s.kind === 'quantiles') {
      if (s.exact) out.push(s.exact.q1, s.exact.median, s.exact.q3);
      if (s.band) out.push(...s.band);
      const centre = figureCentre(s);
      if (centre !== null) out.push(centre);
    }
  };
  const walk = (j: Json) => {
    if (typeof j === 'number') out.push(j);
    else if (j && typeof j === 'object') for (const v of Object.values(j)) walk(v);
  };
  for (const g of content.groups) {
    const pub = g.publication;
    if (!pub) continue;
    out.push(pub.size);
    if (pub.respondents !== null) out.push(pub.respondents);
    for (const s of Object.values(pub.peer ?? {})) leaf(s);
    for (const list of Object.values(pub.sector ?? {})) list.forEach(leaf);
    walk(publicationFigures(instrument, pub));
  }
  return out;
}

const known = engineNumbers();
const fromEngine = (v: number, tolerance = 1e-9) =>
  known.some((x) => Math.abs(x - v) <= tolerance * Math.max(1, Math.abs(x)));

/** Every number in a JSON value, with its path, skipping the release's own bookkeeping. */
function numbers(value: unknown, path = ''): { path: string; value: number }[] {
  if (typeof value === 'number') return [{ path, value }];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    ['k', 'respondentMin', 'release', 'number', 'figuresOf'].includes(k) ? [] : numbers(v, `${path}.${k}`),
  );
}

describe('every figure comes from the figures engine', () => {
  it('the sector report (web, PDF and JSON are all this model)', () => {
    const report = buildSectorReport({ instrument, round: 'R', release: content });
    const shown = numbers(report.groups.map((g) => ({ o: g.organisations, r: g.respondents, f: g.figures })));
    expect(shown.length).toBeGreaterThan(200);
    for (const n of shown) expect(fromEngine(n.value), n.path).toBe(true);
  });

  it('the open data', () => {
    const files = openDataFiles(buildOpenData(instrument, 'R', content));
    let checked = 0;
    for (const f of files.filter((x) => x.name.endsWith('.csv') && x.name !== 'dictionary.csv')) {
      for (const row of parse(f.content, { columns: true }) as Record<string, string>[])
        for (const [column, cell] of Object.entries(row)) {
          if (column === 'release' || cell === '' || Number.isNaN(Number(cell))) continue;
          // Open data rounds to 6 decimals.
          expect(fromEngine(Number(cell), 1e-6), `${f.name} ${column} ${cell}`).toBe(true);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("an organisation's peer comparison", () => {
    const at = 3;
    const peers = organisationPeers(prepareRelease(instrument, content, versions), at + 1);
    const placed = peers.flatMap((p) =>
      Object.values(p.figures).flatMap((f) => (f.percentile ? [f.percentile.quarter] : [])),
    );
    const report = buildOrganisationReport({
      ...input({ organisations: orgs.map((o) => ({ ...o })), organisation: orgs[at]!.name }),
      peers,
    });
    const figures = [
      ...report.benchmark.dimensions.flatMap((d) => Object.values(d.figures)),
      ...report.profile.rows.flatMap((r) => (r.peer ? [r.peer] : [])),
    ];
    const shown = numbers([figures, report.ranking.rows.map((r) => r.peerMedianRank)]);
    expect(shown.length).toBeGreaterThan(50);
    for (const n of shown)
      expect(fromEngine(n.value) || placed.some((p) => Math.abs(p - n.value) < 1e-9), n.path).toBe(true);
  });
});
