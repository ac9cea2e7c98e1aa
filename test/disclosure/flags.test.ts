/**
 * Attack on the new figure "share of organisations with no named owner" (a flag's mean over
 * organisations, `sikkerhedstrekant`'s `noOwner`): the additive attacker takes every published
 * share × n as a sum of 0/1 flags and looks for any combination that isolates fewer than k
 * organisations — across the sector groups, before and after a newcomer joins, and as an insider
 * who knows its own flag.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { additiveAttack } from './lib/additive.ts';
import { History, type OrgSpec } from './lib/world.ts';
import { loadInstrument, ROOT } from '../helpers.ts';

const SEC = loadInstrument(join(ROOT, 'instruments', 'sikkerhedstrekant.yaml'));
const SIZES = ['small', 'medium', 'large'];

/** One leader naming `owner` for the recovery plan (and every other corner). */
function org(sector: string, i: number, owner: string): OrgSpec {
  const answers: Record<string, string> = {};
  for (const c of ['processer', 'teknik', 'brugere', 'beredskab']) {
    answers[`sec.${c}.owner`] = c === 'beredskab' ? owner : 'direktion';
    answers[`sec.${c}.c1`] = i % 2 === 0 ? 'ja' : 'delvist';
  }
  return { sector, sizeBand: SIZES[i % 3]!, respondents: [{ id: 'r1', answers }] };
}

describe('attack: the share of organisations with no named owner', () => {
  it('cannot be differenced to a small group or one organisation', () => {
    const h = new History({ k: 5, respondentMin: 3 }, SEC);
    const owners = ['ingen', 'direktion', 'ved-ikke', 'it-chef', 'dpo', 'ingen', 'direktion'];
    h.join(
      [
        ...Array.from({ length: 12 }, (_, i) => org('kommune', i, owners[i % owners.length]!)),
        ...Array.from({ length: 5 }, (_, i) => org('region', i, owners[(i + 3) % owners.length]!)),
        // two organisations of stat: a hidden group, to be read off as all − kommuner − regioner
        org('stat', 0, 'ingen'),
        org('stat', 1, 'direktion'),
      ],
      1,
    ).release();
    // then one more region joins, flagged: before − after must not give it away
    h.set(40, org('region', 7, 'ved-ikke')).release();
    const findings = additiveAttack(
      { instrument: SEC, versions: h.versions, releases: h.releases, k: 5 },
      [1, 13],
    );
    expect(findings).toEqual([]);
    // the figure is published at all (the attack is not vacuous)
    const all = h.releases[0]!.groups.find((g) => g.group === 'all');
    expect(JSON.stringify(all)).toMatch(/noOwner/);
  }, 120_000);
});
