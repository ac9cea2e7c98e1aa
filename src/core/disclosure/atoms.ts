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
  /** No unit is in two atoms (each unit contributed once): merged atoms' units just concatenate. */
  readonly disjointUnits?: boolean;
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
  const compact = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  for (let c = 0; c < n; c++) {
    const old = atomOf[c]!;
    if (old < 0) continue;
    let atom = renumber[old]!;
    if (atom < 0) {
      atom = renumber[old] = groupsOf.length;
      groupsOf.push(groupsOfAtom[old]!);
      sizes.push(0);
    }
    compact[c] = atom;
    sizes[atom]!++;
  }
  // Each atom's distinct units, in order of first contribution: the contributions bucketed by
  // atom (in order), then one stamp per unit (the atom that last counted it) instead of a Set
  // per atom, which at a hundred thousand contributions per leaf was most of a release's time.
  const start = new Int32Array(groupsOf.length + 1);
  for (let a = 0; a < groupsOf.length; a++) start[a + 1] = start[a]! + sizes[a]!;
  const fill = start.slice(0, groupsOf.length);
  const byAtom = new Int32Array(start[groupsOf.length]!);
  for (let c = 0; c < n; c++) {
    const a = compact[c]!;
    if (a >= 0) byAtom[fill[a]!++] = c;
  }
  const seen = new UnitStamps([family.unitOf]);
  const units: number[][] = groupsOf.map((_, a) => {
    const out: number[] = [];
    for (let i = start[a]!; i < start[a + 1]!; i++) {
      const u = family.unitOf[byAtom[i]!]!;
      if (seen.mark(u, a)) out.push(u);
    }
    return out;
  });
  atomOf = compact;
  const incidence = family.groups.map(() => new Float64Array(groupsOf.length));
  groupsOf.forEach((gs, a) => {
    for (const g of gs) incidence[g]![a] = 1;
  });
  return { groupsOf, units, atomOf, incidence, disjointUnits: !seen.shared };
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
  // The fine atoms of each coarse atom; their units are merged after (a coarse atom of one
  // fine atom keeps the fine atom's list: they are the same distinct units, in the same order).
  const parts: number[][] = [];
  fine.groupsOf.forEach((gs, a) => {
    const mine = gs.flatMap((g) => (position.has(g) ? [position.get(g)!] : [])).sort((x, y) => x - y);
    if (mine.length === 0) return;
    const key = mine.join(',');
    let atom = byKey.get(key);
    if (atom === undefined) {
      atom = groupsOf.length;
      byKey.set(key, atom);
      groupsOf.push(mine);
      parts.push([]);
    }
    parts[atom]!.push(a);
  });
  let seen: UnitStamps | null = null;
  const units = parts.map((fines, atom) => {
    if (fines.length === 1) return fine.units[fines[0]!]!;
    if (fine.disjointUnits) return ([] as number[]).concat(...fines.map((a) => fine.units[a]!));
    seen ??= new UnitStamps(fine.units);
    const out: number[] = [];
    for (const a of fines) for (const u of fine.units[a]!) if (seen.mark(u, atom)) out.push(u);
    return out;
  });
  const incidence = subset.map(() => new Float64Array(groupsOf.length));
  groupsOf.forEach((gs, a) => {
    for (const g of gs) incidence[g]![a] = 1;
  });
  return {
    groupsOf,
    units,
    atomOf: new Int32Array(0),
    incidence,
    ...(fine.disjointUnits ? { disjointUnits: true } : {}),
  };
}

/**
 * "Has this atom counted this unit yet?" for many atoms over one set of units: a stamp per unit
 * (the last atom that counted it). Each atom asks about all its units before the next atom
 * asks about any, as the callers above do. Units are small
 * non-negative integers (row ids) in practice; any others go through a map.
 */
class UnitStamps {
  private readonly stamps: Int32Array;
  private readonly other = new Map<number, number>();
  /** Whether some unit was counted by more than one atom. */
  shared = false;

  constructor(lists: readonly ArrayLike<number>[]) {
    let max = -1;
    for (const units of lists)
      for (let i = 0; i < units.length; i++) {
        const u = units[i]!;
        if (Number.isInteger(u) && u >= 0 && u <= MAX_STAMPED && u > max) max = u;
      }
    this.stamps = new Int32Array(max + 1).fill(-1);
  }

  /** True the first time `atom` asks about `unit`. */
  mark(unit: number, atom: number): boolean {
    if (Number.isInteger(unit) && unit >= 0 && unit < this.stamps.length) {
      const last = this.stamps[unit]!;
      if (last === atom) return false;
      if (last >= 0) this.shared = true;
      this.stamps[unit] = atom;
      return true;
    }
    const last = this.other.get(unit);
    if (last === atom) return false;
    if (last !== undefined) this.shared = true;
    this.other.set(unit, atom);
    return true;
  }
}

/** Units above this are looked up in a map (a stamp array of their size would waste memory). */
const MAX_STAMPED = 1 << 24;
