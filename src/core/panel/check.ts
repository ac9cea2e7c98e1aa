/** Cross-checks of an instrument's `panel` block (compile.ts calls this; the shape is in schema.ts). */
import type { InstrumentDef } from '../instrument/schema.ts';
import type { AnswerSlot } from '../instrument/types.ts';

export function checkPanel(
  def: InstrumentDef,
  slotById: ReadonlyMap<string, AnswerSlot>,
  add: (path: (string | number)[], message: string) => void,
): void {
  const panel = def.panel;
  if (!panel) return;
  if (def.sectors || def.bySector) add(['panel'], 'a panel has no organisations, so no sectors or bySector');
  panel.items.forEach((id, i) => {
    const slot = slotById.get(id);
    if (slot?.kind === 'scale') {
      if (Object.keys(panel.categories).length === 0)
        add(['panel', 'items', i], `"${id}" is a scale item: declare categories (e.g. agree: [4, 5])`);
      for (const [c, points] of Object.entries(panel.categories))
        for (const p of points)
          if (p < slot.scale.min || p > slot.scale.max)
            add(
              ['panel', 'categories', c],
              `${p} is outside ${id}'s scale ${slot.scale.min}–${slot.scale.max}`,
            );
    } else if (slot?.kind !== 'choice') add(['panel', 'items', i], `"${id}" is not a scale or choice item`);
  });
  panel.breakdowns.forEach((id, i) => {
    const slot = slotById.get(id);
    if (slot?.kind !== 'choice' || slot.multiple)
      add(['panel', 'breakdowns', i], `"${id}" is not a single-choice item`);
  });
}
