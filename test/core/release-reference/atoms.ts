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
  // Partition refinement: each group splits every atom it touches into the part inside it and
  // the rest. Linear in the total size of the groups, with no key per contribution.
  let atomOf = new Int32Array(n).fill(-1);
  const groupsOfAtom: number[][] = [];
  family.groups.forEach((members, g) => {
    const first = groupsOfAtom.length;
    const split = new Map<number, number>();
    for (let i = 0; i < members.length; i++) {
      const c = members[i]!;
      const old = atomOf[c]!;
      if (old >= first) continue; // listed twice in this group
      let next = split.get(old);
      if (next === undefined) {
        next = groupsOfAtom.length;
        groupsOfAtom.push(old < 0 ? [g] : [...groupsOfAtom[old]!, g]);
        split.set(old, next);
      }
      atomOf[c] = next;
    }
  });
  // Number the atoms in order of their first contribution.
  const renumber = new Int32Array(groupsOfAtom.length).fill(-1);
  const groupsOf: number[][] = [];
  const unitSets: Set<number>[] = [];
  const compact = new Int32Array(n).fill(-1);
  for (let c = 0; c < n; c++) {
    const old = atomOf[c]!;
    if (old < 0) continue;
    let atom = renumber[old]!;
    if (atom < 0) {
      atom = renumber[old] = groupsOf.length;
      groupsOf.push(groupsOfAtom[old]!);
      unitSets.push(new Set());
    }
    compact[c] = atom;
    unitSets[atom]!.add(family.unitOf[c]!);
  }
  atomOf = compact;
  const incidence = family.groups.map(() => new Float64Array(groupsOf.length));
  groupsOf.forEach((gs, a) => {
    for (const g of gs) incidence[g]![a] = 1;
  });
  return { groupsOf, units: unitSets.map((s) => [...s]), atomOf, incidence };
}

/**
 * The atoms of some of a family's groups (`subset`, in the order given: the new group indices),
 * from the atoms of the whole family, without going over the contributions again: fine atoms
 * with the same groups among `subset` merge. `atomOf` is not carried over (empty).
 */
export function coarsen(fine: Atoms, subset: readonly number[]): Atoms {
  const position = new Map(subset.map((g, i) => [g, i]));
  const byKey = new Map<string, number>();
  const groupsOf: number[][] = [];
  const unitSets: Set<number>[] = [];
  fine.groupsOf.forEach((gs, a) => {
    const mine = gs.flatMap((g) => (position.has(g) ? [position.get(g)!] : [])).sort((x, y) => x - y);
    if (mine.length === 0) return;
    const key = mine.join(',');
    let atom = byKey.get(key);
    if (atom === undefined) {
      atom = groupsOf.length;
      byKey.set(key, atom);
      groupsOf.push(mine);
      unitSets.push(new Set());
    }
    for (const u of fine.units[a]!) unitSets[atom]!.add(u);
  });
  const incidence = subset.map(() => new Float64Array(groupsOf.length));
  groupsOf.forEach((gs, a) => {
    for (const g of gs) incidence[g]![a] = 1;
  });
  return { groupsOf, units: unitSets.map((s) => [...s]), atomOf: new Int32Array(0), incidence };
}
