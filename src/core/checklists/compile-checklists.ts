/** Cross-checks of the `checklists` block: every id names an item of the right kind. */
import type { InstrumentDef } from '../instrument/schema.ts';
import type { AnswerSlot } from '../instrument/types.ts';

type Add = (path: (string | number)[], message: string) => void;

export function checkChecklists(
  def: InstrumentDef,
  slotById: ReadonlyMap<string, AnswerSlot>,
  isValue: (id: string) => boolean,
  add: Add,
): void {
  const flags = new Set(def.flags.map((f) => f.id));
  def.checklists.forEach((c, n) => {
    const base = ['checklists', n];
    const need = (id: string | undefined, kind: AnswerSlot['kind'], path: (string | number)[]) => {
      if (id === undefined) return;
      const slot = slotById.get(id);
      if (slot?.kind !== kind || (slot.kind === 'choice' && slot.multiple))
        add(path, `"${id}" is not a ${kind === 'choice' ? 'single choice' : kind} item`);
    };
    c.groups.forEach((g, i) => {
      const at = [...base, 'groups', i];
      need(g.owner, 'choice', [...at, 'owner']);
      need(g.note, 'text', [...at, 'note']);
      if (g.measure !== undefined && !isValue(g.measure))
        add([...at, 'measure'], `"${g.measure}" is not a numeric answer id or a measure`);
      if (g.flag !== undefined && !flags.has(g.flag))
        add([...at, 'flag'], `"${g.flag}" is not a declared flag`);
      g.items.forEach((it, j) => {
        need(it.item, 'choice', [...at, 'items', j, 'item']);
        need(it.evidence, 'text', [...at, 'items', j, 'evidence']);
        const slot = slotById.get(it.item);
        if (slot?.kind === 'choice')
          for (const v of [...c.done, ...(c.nextSteps ? [c.nextSteps.status] : [])])
            if (!slot.values.includes(v))
              add([...at, 'items', j, 'item'], `"${v}" is not an option of "${it.item}"`);
      });
    });
  });
}
