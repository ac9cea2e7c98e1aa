/**
 * What the full and the partial ranking share: the answer key of an option, moving a row, the
 * option's label with its definition, and keeping focus on the button a respondent used after
 * the row moved (React re-renders the row elsewhere, and focus would otherwise drop to <body>).
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { DescribedOption } from '../lib/instrument.ts';

export const answerOf = (o: DescribedOption) => o.answer ?? o.value;

/** `list` with the row at `from` moved to `to` (both within the list). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row!);
  return next;
}

/**
 * Buttons registered by key `value:action`; `focusLater(key)` focuses that button after the
 * next render, or the first enabled one among the same option's `fallbacks`.
 */
export function useKeptFocus(fallbacks: readonly string[]) {
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const [pending, setPending] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (!pending) return;
    const [value, action] = pending.split(':') as [string, string];
    const candidates = [action, ...fallbacks].map((a) => buttons.current.get(`${value}:${a}`));
    candidates.find((b) => b && !b.disabled)?.focus();
    setPending(null);
    // fallbacks is a constant list per component, so only `pending` triggers this.
  }, [pending]);
  const ref = (key: string) => (el: HTMLButtonElement | null) => {
    buttons.current.set(key, el);
  };
  return { ref, focusLater: setPending };
}

export function OptionLabel({ option }: { option: DescribedOption }) {
  return (
    <>
      <span className="rank-name">{option.label}</span>
      {option.description && <span className="rank-description">{option.description}</span>}
    </>
  );
}
