/**
 * The partial ranking in the survey (`it-i-praksis`: top 5 of 19 focus areas), in real
 * Chromium: axe at 360 and 1280 px, chosen and ordered by keyboard alone with focus kept on
 * the row just moved, the sixth choice refused, and the ranks saved as the exchange format has them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAtWidths } from '../accounts/page-checks.ts';
import { startWorld, waitSaved, type World } from './harness.ts';

let world: World;
beforeAll(async () => {
  world = await startWorld('it-i-praksis');
}, 120_000);
afterAll(async () => {
  const errors = world?.pageErrors ?? [];
  await world?.close();
  expect(errors).toEqual([]);
});

const AREAS = [
  'Bedre og mere strømlinet kundeservice',
  'At tiltrække og fastholde talent',
  'It-sikkerhed',
  'Automatisering',
  'Brug af cloud',
];

describe('survey: partial ranking (top 5 of 19)', () => {
  it(
    'is usable by keyboard, stops at five, saves ranks 1..5 and passes axe at both widths',
    { timeout: 180_000 },
    async () => {
      const { token, respondentId } = await world.invite();
      const page = await world.newPage({ width: 360 });
      await page.goto(`/s/${token}/section/focus`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const violations: string[] = [];
      await checkAtWidths(page, 'survey-partial-ranking-empty', violations);

      for (const label of AREAS) {
        await page.getByRole('button', { name: `Vælg ${label}` }).focus();
        await page.keyboard.press('Enter');
        // Focus follows the area into the chosen list (its remove button).
        await expect
          .poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')"))
          .toBe(`Fjern ${label} fra dine valg`);
      }
      // Five chosen: every other area's button is disabled.
      expect(await page.getByRole('button', { name: 'Vælg Innovation' }).isDisabled()).toBe(true);
      // Move the last one up by keyboard: Shift+Tab twice reaches its "up" button from "remove".
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(
        'Flyt Brug af cloud op',
      );
      await page.keyboard.press('Enter');
      // Focus stays on the moved area's "up" button, now at place 4.
      await expect
        .poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')"))
        .toBe('Flyt Brug af cloud op');
      expect(await page.locator('.rank-label').nth(3).textContent()).toContain('Brug af cloud');
      await waitSaved(page);
      expect((await world.draftOf(respondentId))?.answers).toEqual({
        'focus.kundeservice': 1,
        'focus.talent': 2,
        'focus.sikkerhed': 3,
        'focus.cloud': 4,
        'focus.automatisering': 5,
      });
      await checkAtWidths(page, 'survey-partial-ranking-five', violations);
      // Removing one frees a place.
      await page.getByRole('button', { name: 'Fjern It-sikkerhed fra dine valg' }).click();
      expect(await page.getByRole('button', { name: 'Vælg Innovation' }).isDisabled()).toBe(false);
      await waitSaved(page);
      expect((await world.draftOf(respondentId))?.answers).toEqual({
        'focus.kundeservice': 1,
        'focus.talent': 2,
        'focus.cloud': 3,
        'focus.automatisering': 4,
      });
      expect(violations).toEqual([]);
      await page.context().close();
    },
  );

  it(
    'lists the areas in an order drawn per respondent, the same on every visit',
    { timeout: 120_000 },
    async () => {
      const orderOf = async (token: string) => {
        const page = await world.newPage({ width: 1280 });
        await page.goto(`/s/${token}/section/focus`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        const labels = await page
          .locator('.ranking-list button')
          .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
        await page.context().close();
        return labels;
      };
      const first = await world.invite();
      const second = await world.invite();
      const a = await orderOf(first.token);
      expect(a).toHaveLength(19);
      expect(await orderOf(first.token)).toEqual(a);
      const b = await orderOf(second.token);
      expect([...b].sort()).toEqual([...a].sort());
      expect(b).not.toEqual(a);
    },
  );
});
