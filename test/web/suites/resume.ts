/**
 * Coming back to a survey: "Continue" lands on the first open question of the part where the
 * respondent stopped; the ranking starts in an order of the respondent's own; every part fits
 * in about four phone screens; editing after a submission says it must be submitted again.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, waitSaved, type World } from '../harness.ts';
import { focusedDescription } from '../keyboard.ts';
import { rankAll, unplacedOrder } from './ranking.ts';

/** 4 screens of a 360 × 640 phone. */
const MAX_PART_HEIGHT = 4 * 640;

export function resumeSuite(getWorld: () => World): void {
  let world: World;
  beforeEach(() => {
    world = getWorld();
  });

  describe('coming back', () => {
    it('Continue goes to the first unanswered question of the part where the respondent stopped', async () => {
      const { token } = await world.invite();
      const page = await world.newPage({ width: 360 });
      await page.goto(`/s/${token}/section/what`);
      await page
        .getByRole('heading', { level: 1, name: 'Hvad: den effekt I sigter efter (1 af 2)' })
        .waitFor();
      const groups = page.locator('.item fieldset');
      await groups.nth(0).getByRole('radio').nth(3).check();
      await groups.nth(1).getByRole('radio').nth(1).check();
      await waitSaved(page);
      await page.context().close();

      // Another device: the answers on the server say where they stopped (not this browser's history).
      const again = await world.newPage({ width: 360 });
      await again.goto(`/s/${token}`);
      // The first page says which round, who runs it and by when.
      const facts = again.locator('dl.facts');
      await expect.poll(() => facts.textContent()).toContain('Runden gennemføres afDigitaliseringsenheden');
      expect(await facts.textContent()).toContain('RundeDigital modenhed 2026');
      expect(await facts.textContent()).toMatch(/Svarfrist/);
      await again.getByRole('link', { name: 'Fortsæt' }).click();
      await again
        .getByRole('heading', { level: 1, name: 'Hvad: den effekt I sigter efter (1 af 2)' })
        .waitFor();
      await expect.poll(() => focusedDescription(again)).toBe('field-what.processes.priority');
      await again.context().close();
    });

    it('after editing a submitted answer set, every page says it must be submitted again', async () => {
      const { token } = await world.invite();
      const page = await world.newPage();
      await page.goto(`/s/${token}/section/profile`);
      await page.getByRole('radio', { name: 'Andet' }).check();
      await page.goto(`/s/${token}/section/how-ranking`);
      await rankAll(page);
      await page.goto(`/s/${token}/review`);
      await page.getByRole('button', { name: 'Indsend svar' }).click();
      await page.getByRole('heading', { name: 'Tak for dine svar' }).waitFor();
      const notice = page.getByText('tæller først, når du indsender igen');
      await page.goto(`/s/${token}/section/why`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await notice.count()).toBe(0);
      await page.getByRole('radio', { name: '1 Ikke vigtig' }).check();
      await notice.waitFor();
      await page.getByRole('link', { name: 'Gå til indsend' }).click();
      await page.getByRole('button', { name: 'Indsend ændrede svar' }).waitFor();
      await notice.waitFor();
      await page.context().close();
    });
  });

  describe('the ranking', () => {
    it('starts in an order drawn per respondent, the same on every visit, with definitions', async () => {
      const orders: string[][] = [];
      for (let i = 0; i < 3; i++) {
        const { token } = await world.invite();
        const page = await world.newPage({ width: 360 });
        await page.goto(`/s/${token}/section/how-ranking`);
        const first = await unplacedOrder(page);
        await page.reload();
        expect(await unplacedOrder(page), 'the same respondent sees the same order').toEqual(first);
        orders.push(first);
        // Each competency has its short definition beside it, and there is no "keep this order".
        const row = page.locator('.ranking-unplaced li', { hasText: 'Digitalt lederskab' });
        expect(await row.textContent()).toContain('Ledelsen ejer og driver omstillingen.');
        expect(await page.getByRole('button', { name: /Behold/ }).count()).toBe(0);
        expect(await page.locator('.ranking-list li').count()).toBe(7);
        await page.context().close();
      }
      expect(
        new Set(orders.map((o) => o.join('|'))).size,
        'respondents get different start orders',
      ).toBeGreaterThan(1);
      for (const order of orders) expect([...order].sort()).toEqual([...orders[0]!].sort());
    });
  });

  describe('the length of a part on a phone', () => {
    it(
      'no part is taller than about four phone screens at 360 px, answered or not',
      { timeout: 90_000 },
      async () => {
        const { token } = await world.invite();
        const page = await world.newPage({ width: 360 });
        await page.goto(`/s/${token}`);
        await page.getByRole('link', { name: 'Start' }).click();
        const heights: { part: string; empty: number; answered: number }[] = [];
        for (;;) {
          const heading = page.getByRole('heading', { level: 1 });
          await heading.waitFor();
          const part = (await heading.textContent()) ?? '';
          if (part === 'Gennemse dine svar') break;
          const height = () => page.evaluate<number>('document.documentElement.scrollHeight');
          const empty = await height();
          // Answer everything: a middle point of each scale, the first option of each choice.
          const groups = page.locator('.item fieldset:has(input[type="radio"])');
          for (let i = 0; i < (await groups.count()); i++) {
            const radios = groups.nth(i).locator('input[type="radio"]');
            await radios.nth(Math.min(2, (await radios.count()) - 1)).check();
          }
          if ((await page.locator('.ranking-unplaced').count()) > 0) await rankAll(page);
          const answered = await height();
          heights.push({ part, empty, answered });
          await page.screenshot({
            path: join(SCREENSHOT_DIR, `part-${heights.length}-360.png`),
            fullPage: true,
          });
          await page.getByRole('link', { name: /^(Næste|Gennemse dine svar)/ }).click();
          await expect.poll(() => heading.textContent()).not.toBe(part);
        }
        await writeFile(
          join(SCREENSHOT_DIR, '..', 'survey-part-heights.json'),
          JSON.stringify(heights, null, 2),
        );
        console.log(
          [
            'part heights at 360 px (px, unanswered → answered):',
            ...heights.map((h) => `  ${h.part}: ${h.empty} → ${h.answered}`),
          ].join('\n'),
        );
        expect(heights.length).toBe(9);
        for (const h of heights)
          expect(Math.max(h.empty, h.answered), h.part).toBeLessThanOrEqual(MAX_PART_HEIGHT);
        await page.context().close();
      },
    );
  });
}
