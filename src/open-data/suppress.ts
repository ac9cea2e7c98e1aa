/**
 * Cell suppression for published counts and means. Primary: a cell from fewer than k
 * organisations is hidden. Secondary: when the hidden cells of a partition (the sectors of a
 * round, the categories of a distribution) hold between 1 and k − 1 organisations together,
 * the whole minus the visible cells would give them away, so the smallest visible cells are
 * hidden too until the hidden ones hold at least k (or nothing is left to hide).
 */
export interface Cell {
  readonly count: number;
  hidden: boolean;
}

export function protectPartition(cells: readonly Cell[], k: number): boolean {
  let changed = false;
  for (const cell of cells) {
    if (!cell.hidden && cell.count < k) {
      cell.hidden = true;
      changed = true;
    }
  }
  for (;;) {
    const hiddenTotal = cells.filter((c) => c.hidden).reduce((n, c) => n + c.count, 0);
    if (hiddenTotal === 0 || hiddenTotal >= k) return changed;
    const visible = cells.filter((c) => !c.hidden).sort((a, b) => a.count - b.count);
    if (visible.length === 0) return changed;
    visible[0]!.hidden = true;
    changed = true;
  }
}
