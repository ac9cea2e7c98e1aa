/**
 * The release engine after the EU-scale work (issue 17: typed arrays, one stamp per unit in the
 * atoms, no audit without candidates) against the engine as it was (test/core/release-reference,
 * frozen at b66c5e6): the same releases, number for number (Object.is on every number, so not
 * even a −0 may differ), over generated rounds with a history — organisations that change,
 * leave, move to other peers, and official comparison sets.
 */
import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { buildRelease, versionsOfOrganisations } from '../../src/core/release/build.ts';
import type { ComparisonSet } from '../../src/core/release/groups.ts';
import type { OrganisationVersion, ReleaseContent } from '../../src/core/release/types.ts';
import type { Instrument } from '../../src/core/instrument/types.ts';
import { generateRound } from '../../src/demo/generate.ts';
import { buildRelease as referenceRelease } from './release-reference/build.ts';
import { dtOffentlig, loadInstrument, mini, ROOT } from '../helpers.ts';

interface Step {
  /** Organisations (indices) whose answers change in this release. */
  readonly changed: readonly number[];
  /** Organisations that leave the round (no answers any more). */
  readonly left?: readonly number[];
  /** Organisations that move to another size band (same answers). */
  readonly moved?: readonly number[];
}

function history(instrument: Instrument, organisations: number, seed: number, steps: readonly Step[]) {
  const first = generateRound(instrument, { organisations, respondents: [2, 5], seed });
  const later = generateRound(instrument, { organisations, respondents: [2, 5], seed, drift: 0.4 });
  const versions: OrganisationVersion[] = versionsOfOrganisations(instrument, first);
  const fresh = versionsOfOrganisations(instrument, later);
  const latest = new Map(versions.map((v) => [v.organisation, v]));
  const add = (v: Omit<OrganisationVersion, 'id'>) => {
    const version = { ...v, id: versions.length + 1 };
    versions.push(version);
    latest.set(v.organisation, version);
  };
  const releases: OrganisationVersion[][] = [versions.slice()];
  steps.forEach((step, i) => {
    const release = i + 2;
    for (const o of step.changed) add({ ...fresh[o]!, release, attributes: latest.get(o + 1)!.attributes });
    for (const o of step.left ?? [])
      add({ ...latest.get(o + 1)!, release, respondents: 0, stage: null, values: new Float64Array(0) });
    for (const o of step.moved ?? []) {
      const last = latest.get(o + 1)!;
      const sizeBand = last.attributes.sizeBand === 'small' ? 'large' : 'small';
      add({ ...last, release, attributes: { ...last.attributes, sizeBand } });
    }
    releases.push(versions.slice());
  });
  return releases;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function compare(
  instrument: Instrument,
  releases: readonly OrganisationVersion[][],
  k: number,
  comparisonSets: readonly ComparisonSet[] = [],
): ReleaseContent[] {
  const policy = disclosurePolicy({ k });
  const previous: ReleaseContent[] = [];
  releases.forEach((versions, i) => {
    const input = {
      instrument,
      policy,
      number: i + 1,
      at: `2026-12-0${i + 1}T00:00:00.000Z`,
      final: i === releases.length - 1,
      versions,
      previous: previous.slice(),
      comparisonSets,
    };
    const before = referenceRelease(input);
    const after = buildRelease(input);
    expect(after).toStrictEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    previous.push(before);
  });
  return previous;
}

// Small rounds: a release's count audits cost most where atoms are many (dt-offentlig: a few
// seconds a release at 30 organisations), and every release is built twice here. The history
// runs on the small fixture instrument; dt-offentlig and it-i-praksis (peer groups, best
// practice, most similar) on two releases each.
describe('the release engine matches its reference (b66c5e6)', () => {
  it('a history of five releases: changes, leavers, moves (mini instrument)', () => {
    const instrument = mini();
    const releases = history(instrument, 80, 2031, [
      { changed: range(0, 20), moved: [30, 31, 32] },
      { changed: [40, 41], left: [50] },
      { changed: range(20, 45), left: range(51, 55), moved: range(33, 38) },
      { changed: [] },
    ]);
    const out = compare(instrument, releases, 5);
    // The scenario exercises what it is for: groups refreshed and groups kept.
    const statuses = new Set(out.flatMap((r) => r.groups.map((g) => g.status)));
    expect(statuses).toContain('published');
    expect(statuses).toContain('kept');
  }, 300_000);

  it('dt-offentlig: 30 organisations, two releases, k = 3, comparison sets', () => {
    const instrument = dtOffentlig();
    const sets: ComparisonSet[] = [
      { organisation: 1, members: range(2, 10) },
      { organisation: 20, members: [21, 22] },
    ];
    const releases = history(instrument, 30, 7, [{ changed: range(0, 10), left: [20] }]);
    const out = compare(instrument, releases, 3, sets);
    expect(out[0]!.groups.some((g) => g.kind === 'best' && g.status === 'published')).toBe(true);
    expect(out[0]!.groups.filter((g) => g.kind === 'comparison')).toHaveLength(2);
  }, 300_000);

  it('it-i-praksis: 25 organisations, one release', () => {
    const instrument = loadInstrument(`${ROOT}/instruments/it-i-praksis.yaml`);
    compare(instrument, history(instrument, 25, 99, []), 5);
  }, 300_000);
});
