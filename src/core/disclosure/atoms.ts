/**
 * The common refinement of a family of published groups. A *contribution* is one unit's data
 * as it entered a figure (an organisation's released version, or a respondent's submission);
 * a *unit* is who it belongs to (the organisation, the respondent). Contributions that belong
 * to exactly the same published groups form an *atom*: no sum of published figures can tell
 * the members of an atom apart, so the audits work on atoms, which are few, instead of units,
 * which may be a hundred thousand.
 */

export interface GroupFamily {
  /** Each group's contributions (indices into `unitOf`), in any order. */
  readonly groups: readonly ArrayLike<number>[];
  /** The unit of every contribution. */
  readonly unitOf: ArrayLike<number>;
}

export interface Atoms {
  /** For each atom, the groups that contain it (ascending group indices). */
  readonly groupsOf: readonly number[][];
  /** For each atom, its distinct units. */
  readonly units: readonly number[][];
  /** For each contribution that is in some group, its atom; -1 for the others. */
  readonly atomOf: Int32Array;
  /** Group × atom incidence: the rows of the audits. */
  readonly incidence: readonly Float64Array[];
}

export function atomsOf(family: GroupFamily): Atoms {
  const n = family.unitOf.length;
  const memberships: number[][] = Array.from({ length: n }, () => []);
  family.groups.forEach((members, g) => {
    for (let i = 0; i < members.length; i++) memberships[members[i]!]!.push(g);
  });
  const byKey = new Map<string, number>();
  const groupsOf: number[][] = [];
  const unitSets: Set<number>[] = [];
  const atomOf = new Int32Array(n).fill(-1);
  for (let c = 0; c < n; c++) {
    const gs = memberships[c]!;
    if (gs.length === 0) continue;
    const key = gs.join(',');
    let atom = byKey.get(key);
    if (atom === undefined) {
      atom = groupsOf.length;
      byKey.set(key, atom);
      groupsOf.push(gs);
      unitSets.push(new Set());
    }
    atomOf[c] = atom;
    unitSets[atom]!.add(family.unitOf[c]!);
  }
  const incidence = family.groups.map(() => new Float64Array(groupsOf.length));
  groupsOf.forEach((gs, a) => {
    for (const g of gs) incidence[g]![a] = 1;
  });
  return { groupsOf, units: unitSets.map((s) => [...s]), atomOf, incidence };
}
