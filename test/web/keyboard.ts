/** Driving the survey with the keyboard alone: Tab to a control, then keys, never a click. */
import type { Locator, Page } from 'playwright-core';

const MAX_TABS = 80;

/** Presses Tab until `target` has focus (fails if it never does: not reachable by keyboard). */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { backwards?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

type WithDocument = { ownerDocument: { activeElement: unknown } };

export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el: WithDocument) => el === el.ownerDocument.activeElement).catch(() => false);
}

/** The id of the focused element, or its tag name. */
export async function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(
    '(() => { const el = document.activeElement; return el ? (el.id || el.tagName.toLowerCase()) : "" })()',
  );
}

/** In a radio group: Tab into it, then select the option at `index` (0-based) with Space and arrows. */
export async function chooseRadio(page: Page, group: Locator, index: number): Promise<void> {
  const radios = group.getByRole('radio');
  const n = await radios.count();
  let checked = -1;
  for (let i = 0; i < n; i++) if (await radios.nth(i).isChecked()) checked = i;
  // Tab enters a radio group at its checked radio, or at the first when none is checked.
  const start = Math.max(checked, 0);
  await tabTo(page, radios.nth(start));
  if (checked < 0) await page.keyboard.press('Space');
  const steps = index - start;
  for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
}
