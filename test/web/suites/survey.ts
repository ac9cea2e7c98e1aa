/**
 * The respondent's survey in a real browser (Debian Chromium via playwright-core) against the
 * real app on an embedded database: a full survey by keyboard alone, autosave across reloads,
 * devices and network cuts, and the neutral page for bad links.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { KEYBOARD_ANSWERS } from '../fixtures.ts';
import { waitSaved, type World } from '../harness.ts';
import { chooseRadio, focusedDescription, isFocused, tabTo } from '../keyboard.ts';
import { rankAll } from './ranking.ts';

export function surveySuite(getWorld: () => World): void {
  let world: World;
  beforeEach(() => {
    world = getWorld();
  });

  describe('a full survey with the keyboard alone', () => {
    it(
      'answers every kind of item, submits, and the answers are in the database',
      { timeout: 90_000 },
      async () => {
        const { token, respondentId } = await world.invite();
        const page = await world.newPage({ width: 1280 });
        await page.goto(`/s/${token}`);
        await page.getByRole('heading', { level: 1, name: 'Undersøgelse for Askeby Kommune' }).waitFor();

        const next = async (name = 'Næste') => {
          const link = page.getByRole('link', { name });
          await tabTo(page, link);
          await page.keyboard.press('Enter');
        };
        const headingFocused = async (name: string) => {
          const heading = page.getByRole('heading', { level: 1, name });
          await heading.waitFor();
          expect(await isFocused(heading), `focus on the heading "${name}"`).toBe(true);
        };
        const group = (question: RegExp | string) => page.getByRole('group', { name: question });

        // Keyboard focus is visible: a 3 px outline on the focused control.
        await tabTo(page, page.getByRole('link', { name: 'Start' }));
        expect(
          await page.evaluate(
            '(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.outlineWidth })()',
          ),
        ).toBe('solid 3px');
        await next('Start');
        await headingFocused('Om dig');
        await chooseRadio(page, group(/Hvilken rolle har du/), 2);

        await next();
        await headingFocused('Hvorfor: digital transformation på dagsordenen');
        await chooseRadio(page, group(/Hvor vigtig er digital transformation/), 3);
        // The level descriptions are folded; opened, the chosen point is marked.
        const levels = page.locator('#level-why\\.importance');
        expect(await levels.getAttribute('open')).toBeNull();
        await tabTo(page, levels.locator('summary'));
        await page.keyboard.press('Enter');
        await expect.poll(() => levels.locator('.level-marked').count()).toBe(2);
        await expect.poll(() => levels.textContent()).toContain('(dit svar, 4, ligger mellem)');
        await chooseRadio(page, group(/gøre jeres nuværende opgaveløsning/), 2);
        await chooseRadio(page, group(/ændre arbejdsdelingen/), 5); // "Ved ikke"
        await chooseRadio(page, group(/ændre selve jeres opgaver/), 1);

        await next();
        // Each long part comes in two pages (no part taller than about four phone screens).
        const answerPages = async (titles: string[], values: (number | null)[][]) => {
          for (const [p, title] of titles.entries()) {
            if (p > 0) await next();
            await headingFocused(title);
            const groups = page.locator('.item fieldset');
            expect(await groups.count()).toBe(values[p]!.length);
            for (const [i, value] of values[p]!.entries()) {
              if (value !== null) await chooseRadio(page, groups.nth(i), value - 1);
            }
          }
        };
        await answerPages(
          ['Hvad: den effekt I sigter efter (1 af 2)', 'Hvad: den effekt I sigter efter (2 af 2)'],
          [
            [5, 3, 4, 2],
            [3, 3, null, 1],
          ],
        );

        await next();
        await headingFocused('Hvordan: de syv kompetencer');
        const status = page.locator('fieldset [role="status"]');
        // Nothing is ranked until the respondent places them: most important first, one by one.
        const order = [
          'Organisatorisk klarhed',
          'Digitalt lederskab',
          'Nye arbejdsmetoder',
          'Dataadgang og -sikkerhed',
          'Partnerskabernes potentiale',
          'Smidige beslutningsprocesser',
        ];
        for (const [i, label] of order.entries()) {
          const place = page.getByRole('button', { name: `Sæt ${label} på plads ${i + 1}` });
          // The next one may sit above or below where focus went after the last placing.
          await tabTo(page, place).catch(() => tabTo(page, place, { backwards: true }));
          await page.keyboard.press('Enter');
          await expect.poll(() => status.textContent()).toContain(`${label} er sat på plads ${i + 1}`);
        }
        // The seventh took the last place by itself: the ranking is complete and saved.
        await expect
          .poll(() => status.textContent())
          .toContain('Diversitet i kompetencer har fået den sidste plads');
        const up = page.getByRole('button', { name: 'Flyt Smidige beslutningsprocesser op' });
        await tabTo(page, up);
        await page.keyboard.press('Enter');
        await expect
          .poll(() => status.textContent())
          .toBe('Smidige beslutningsprocesser flyttet til plads 5 af 7.');
        // Focus stays on the moved row's button, so the next Enter moves it again.
        expect(await isFocused(up)).toBe(true);
        await page.keyboard.press('Enter');
        await expect
          .poll(() => status.textContent())
          .toBe('Smidige beslutningsprocesser flyttet til plads 4 af 7.');
        const down = page.getByRole('button', { name: 'Flyt Smidige beslutningsprocesser ned' });
        await tabTo(page, down);
        await page.keyboard.press('Enter');
        await expect
          .poll(() => status.textContent())
          .toBe('Smidige beslutningsprocesser flyttet til plads 5 af 7.');

        await next();
        await answerPages(
          [
            'Hvordan: hvor langt er I nået? (1 af 3)',
            'Hvordan: hvor langt er I nået? (2 af 3)',
            'Hvordan: hvor langt er I nået? (3 af 3)',
          ],
          [
            [4, 3, 5, 2, 3],
            [4, 3, 2],
            [4, 3, 5],
          ],
        );

        await next();
        await headingFocused('Til sidst');
        const barriers = group(/Hvad bremser/);
        for (const name of ['Budget og finansiering', 'Kultur og vaner', 'Andet']) {
          await tabTo(page, barriers.getByRole('checkbox', { name }));
          await page.keyboard.press('Space');
        }
        // A conditional question appears once "Andet" is chosen.
        const other = page.getByRole('textbox', { name: 'Hvad er det andet, der bremser?' });
        await other.waitFor();
        await tabTo(page, other);
        await page.keyboard.type('Politisk usikkerhed');
        const share = page.getByRole('textbox', { name: /Omtrent hvor stor en del/ });
        await tabTo(page, share);
        await page.keyboard.type('12,5');
        const comment = page.getByRole('textbox', { name: /Er der andet, du vil fortælle/ });
        await tabTo(page, comment);
        await page.keyboard.type('Godt initiativ.');

        await next('Gennemse dine svar');
        await headingFocused('Gennemse dine svar');
        const submit = page.getByRole('button', { name: 'Indsend svar' });
        await tabTo(page, submit);
        await page.keyboard.press('Enter');
        await headingFocused('Tak for dine svar');
        await page.getByRole('table').waitFor();

        const expected = KEYBOARD_ANSWERS;
        const submission = await world.submissionOf(respondentId);
        expect(submission?.answers).toEqual(expected);

        // The profile table shows the respondent's own scores, e.g. leadership = mean(4, 3, 5).
        const leadership = page.getByRole('row', { name: /Digitalt lederskab/ });
        await expect.poll(() => leadership.textContent()).toContain('4');
        expect(await page.locator('figure svg[role="img"] title').textContent()).toBe('Din kompetenceprofil');
        expect(await focusedDescription(page)).toBe('h1');
      },
    );
  });

  describe('autosave', () => {
    it('keeps answers across a reload', async () => {
      const { token, respondentId } = await world.invite();
      const page = await world.newPage();
      await page.goto(`/s/${token}/section/why`);
      await page.getByRole('radio', { name: '5 Det allervigtigste' }).check();
      await waitSaved(page);
      expect((await world.draftOf(respondentId))?.answers).toEqual({ 'why.importance': 5 });
      await page.reload();
      expect(await page.getByRole('radio', { name: '5 Det allervigtigste' }).isChecked()).toBe(true);
      await page.context().close();
    });

    it('starts with the role from the invitation file, which the respondent may change', async () => {
      const { token, respondentId } = await world.invite({ role: 'it' });
      const page = await world.newPage();
      await page.goto(`/s/${token}/section/profile`);
      const role = page.getByRole('group', { name: /Hvilken rolle har du/ });
      expect(await role.getByRole('radio', { name: 'Leder af it eller digitalisering' }).isChecked()).toBe(
        true,
      );
      expect(await world.draftOf(respondentId)).toBeUndefined();
      await role.getByRole('radio', { name: 'Andet' }).check();
      await waitSaved(page);
      expect((await world.draftOf(respondentId))?.answers).toEqual({ 'profile.role': 'andet' });
      // Their own answer stays theirs: the file's role does not come back.
      await page.reload();
      await role.getByRole('radio', { name: 'Andet' }).waitFor();
      expect(await role.getByRole('radio', { name: 'Andet' }).isChecked()).toBe(true);
      expect(await role.getByRole('radio', { name: 'Leder af it eller digitalisering' }).isChecked()).toBe(
        false,
      );
      await page.context().close();
    });

    it('shows the same answers on another device, and merges edits from both', async () => {
      const { token, respondentId } = await world.invite();
      const phone = await world.newPage({ width: 360 });
      await phone.goto(`/s/${token}/section/why`);
      await phone.getByRole('radio', { name: '2 Mindre vigtig' }).check();
      await waitSaved(phone);

      const laptop = await world.newPage({ width: 1280 });
      await laptop.goto(`/s/${token}/section/why`);
      expect(await laptop.getByRole('radio', { name: '2 Mindre vigtig' }).isChecked()).toBe(true);
      await laptop
        .getByRole('group', { name: /nuværende opgaveløsning/ })
        .getByRole('radio', { name: '4 I høj grad' })
        .check();
      await waitSaved(laptop);

      // The phone still has the old revision: its next save conflicts, merges, and tells the user.
      await phone
        .getByRole('group', { name: /ændre selve jeres opgaver/ })
        .getByRole('radio', { name: '1 Slet ikke' })
        .check();
      await waitSaved(phone);
      await phone.getByText('Dine svar er opdateret med ændringer').waitFor();
      expect(
        await phone
          .getByRole('group', { name: /nuværende opgaveløsning/ })
          .getByRole('radio', { name: '4 I høj grad' })
          .isChecked(),
      ).toBe(true);
      expect((await world.draftOf(respondentId))?.answers).toEqual({
        'why.importance': 2,
        'why.impact.optimise': 4,
        'why.impact.portfolio': 1,
      });
      await phone.context().close();
      await laptop.context().close();
    });

    it('survives a network cut: says offline, and the answers arrive once it is back', async () => {
      const { token, respondentId } = await world.invite();
      const page = await world.newPage();
      const context = page.context();
      await page.goto(`/s/${token}/section/why`);
      await page.getByRole('radio', { name: '3 Vigtig' }).waitFor();
      await context.setOffline(true);
      await page.getByRole('radio', { name: '3 Vigtig' }).check();
      await page.getByText('Offline – dine svar gemmes, når forbindelsen er tilbage').waitFor();
      expect(await world.draftOf(respondentId)).toBeUndefined();
      await context.setOffline(false);
      await waitSaved(page);
      expect((await world.draftOf(respondentId))?.answers).toEqual({ 'why.importance': 3 });
      await context.close();
    });

    it('loses nothing when the tab is closed while offline', async () => {
      const { token, respondentId } = await world.invite();
      const page = await world.newPage();
      const context = page.context();
      await page.goto(`/s/${token}/section/why`);
      await page.getByRole('radio', { name: '1 Ikke vigtig' }).waitFor();
      await context.setOffline(true);
      await page.getByRole('radio', { name: '1 Ikke vigtig' }).check();
      await page.getByText('Offline – dine svar gemmes').waitFor();
      const again = await context.newPage();
      // Closing runs pagehide (whose flush fails offline); wait until the tab is really gone.
      const closed = page.waitForEvent('close');
      await page.close({ runBeforeUnload: true });
      await closed;
      expect(await world.draftOf(respondentId)).toBeUndefined();

      // Back online, the same link in a new tab replays what never reached the server.
      await context.setOffline(false);
      await again.goto(`${world.url}/s/${token}/section/why`);
      expect(await again.getByRole('radio', { name: '1 Ikke vigtig' }).isChecked()).toBe(true);
      await waitSaved(again);
      expect((await world.draftOf(respondentId))?.answers).toEqual({ 'why.importance': 1 });
      // The token never lands in storage; a hash of it keys the unsaved answers.
      const stored = await again.evaluate('JSON.stringify(Object.entries(localStorage))');
      expect(stored).not.toContain(token);
      await context.close();
    });

    it('submitting twice gives one submission', async () => {
      const { token, respondentId } = await world.invite();
      const page = await world.newPage();
      await page.goto(`/s/${token}/section/profile`);
      await page.getByRole('radio', { name: 'Andet' }).check();
      await page.goto(`/s/${token}/section/how-ranking`);
      await rankAll(page);
      await page.goto(`/s/${token}/review`);
      await page.getByRole('button', { name: 'Indsend svar' }).click();
      await page.getByRole('heading', { name: 'Tak for dine svar' }).waitFor();
      const first = await world.submissionOf(respondentId);
      await page.goto(`/s/${token}/review`);
      await page.getByRole('button', { name: 'Indsend igen' }).click();
      await page.getByRole('heading', { name: 'Tak for dine svar' }).waitFor();
      expect((await world.submissionOf(respondentId))?.id).toBe(first?.id);
      await page.context().close();
    });
  });

  describe('language', () => {
    it('switches to English mid-survey: interface and questions, with <html lang>', async () => {
      const { token } = await world.invite();
      const page = await world.newPage({ width: 360 });
      await page.goto(`/s/${token}/section/why`);
      await page
        .getByRole('heading', { level: 1, name: 'Hvorfor: digital transformation på dagsordenen' })
        .waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('da');
      await page.getByRole('button', { name: 'English' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Why: digital transformation on the agenda' })
        .waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('radio', { name: '5 The most important of all' }).waitFor();
      await page.getByRole('link', { name: 'Next' }).waitFor();
      // The choice is remembered on the next visit.
      await page.reload();
      await page
        .getByRole('heading', { level: 1, name: 'Why: digital transformation on the agenda' })
        .waitFor();
      await page.getByRole('button', { name: 'Dansk' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Hvorfor: digital transformation på dagsordenen' })
        .waitFor();
      await page.context().close();
    });
  });

  describe('links that do not work', () => {
    it('unknown and closed-round links get the same page, which names no round or organisation', async () => {
      const page = await world.newPage();
      const texts: string[] = [];
      for (const path of [
        '/s/not-a-token',
        `/s/${'A'.repeat(43)}`,
        `/s/${await world.closedInvitation()}`,
        '/anything',
      ]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: 'Linket virker ikke' }).waitFor();
        texts.push((await page.locator('main').textContent()) ?? '');
      }
      expect(new Set(texts).size).toBe(1);
      expect(texts[0]).not.toMatch(/Askeby|2025|2026|Digital/);
      await page.context().close();
    });
  });
}
