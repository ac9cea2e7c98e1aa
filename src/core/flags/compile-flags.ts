/** Cross-checks of the `flags` block: unique ids, a single choice item, known options. */
import type { InstrumentDef } from '../instrument/schema.ts';
import type { AnswerSlot } from '../instrument/types.ts';

type Add = (path: (string | number)[], message: string) => void;

export function checkFlags(
  def: InstrumentDef,
  slotById: ReadonlyMap<string, AnswerSlot>,
  taken: (id: string) => boolean,
  add: Add,
): void {
  const seen = new Set<string>();
  def.flags.forEach((f, n) => {
    const path = ['flags', n];
    if (taken(f.id) || seen.has(f.id)) add([...path, 'id'], `id "${f.id}" is already used`);
    seen.add(f.id);
    const slot = slotById.get(f.item);
    if (slot?.kind !== 'choice' || slot.multiple) {
      add([...path, 'item'], `"${f.item}" is not a single choice item`);
      return;
    }
    f.in.forEach((v, i) => {
      if (!slot.values.includes(v))
        add([...path, 'in', i], `"${v}" is not an option of "${f.item}" (${slot.values.join(', ')})`);
    });
  });
}
