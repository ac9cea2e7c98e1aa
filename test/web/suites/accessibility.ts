/**
 * WCAG 2.1 AA checks with axe-core on every page and state of the survey (intro, each
 * section, errors, offline, review, thank-you, bad link), in Danish and English, at phone and
 * desktop width; and a screenshot of each for people to look at
 * (test-output/screenshots/survey/<lang>-<width>-<nn>-<page>.png, not committed).
 *
 * The allow-list of accepted violations is empty, and must stay so.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveDraft } from '../../../src/storage/index.ts';
import { KEYBOARD_ANSWERS } from '../fixtures.ts';
import { SCREENSHOT_DIR, waitSaved, type World } from '../harness.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [360, 1280] as const;

type Lang = 'da' | 'en';

const TEXT = {
  da: { start: 'Start', submit: 'Indsend svar', review: 'Gennemse dine svar', thanks: 'Tak for dine svar' },
  en: {
    start: 'Start',
    submit: 'Submit answers',
    review: 'Review your answers',
    thanks: 'Thank you for your answers',
  },
} as const;

export function accessibilitySuite(getWorld: () => World): void {
  let world: World;
  beforeEach(() => {
    world = getWorld();
  });

  describe('accessibility (axe, WCAG 2.1 AA) and screenshots', () => {
    // Both languages at once, each in its own browser context (the browser has a core each).
    it('every page and state has no violations, in Danish and in English', { timeout: 300_000 }, async () => {
      const violations = await Promise.all(
        (['da', 'en'] as const).map((lang) => checkEveryPage(world, lang)),
      );
      expect(violations.flat()).toEqual([]);
    });
  });
}

/** Visits every page and state in one language; returns the violations found. */
async function checkEveryPage(world: World, lang: Lang): Promise<string[]> {
  const violations: string[] = [];
  let shot = 0;
  const page = await world.newPage({ width: 1280 });
  await useLanguage(page, lang);

  /** axe at both widths, and a full-page screenshot of each. */
  const check = async (name: string) => {
    await page.locator('h1, .loading').first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    shot += 1;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      for (const v of results.violations) {
        const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
        violations.push(`${name} @${width}px: ${v.id} (${v.impact}) ${v.help} → ${where}`);
      }
      // No horizontal scrolling on a phone (WCAG 1.4.10 reflow).
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      if ((overflow as number) > 0)
        violations.push(`${name} @${width}px: horizontal scroll of ${String(overflow)} px`);
      const file = `${lang}-${width}-${String(shot).padStart(2, '0')}-${name}.png`;
      await page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  // A respondent with every answer given: intro, each section, review, thank-you.
  const filled = await world.invite();
  await saveDraft(world.db, filled.respondentId, KEYBOARD_ANSWERS);
  await page.goto(`/s/${filled.token}`);
  await check('intro');
  const sections = [
    'profile',
    'why',
    'what',
    'what-people',
    'how-ranking',
    'how',
    'how-practice',
    'reflection',
  ];
  for (const [i, id] of sections.entries()) {
    await page.goto(`/s/${filled.token}/section/${id}`);
    await check(`section-${i + 1}-${id}`);
  }
  await page.goto(`/s/${filled.token}/review`);
  await check('review');
  await page.getByRole('button', { name: TEXT[lang].submit }).click();
  await page.getByRole('heading', { level: 1, name: TEXT[lang].thanks }).waitFor();
  await page.getByRole('table').waitFor();
  await check('thanks');

  // A respondent who has answered nothing: the ranking not yet ranked, then submit errors.
  const blank = await world.invite();
  await page.goto(`/s/${blank.token}/section/how-ranking`);
  await check('section-unranked');
  await page.goto(`/s/${blank.token}/review`);
  await page.getByRole('button', { name: TEXT[lang].submit }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  await check('review-errors');
  await summary.getByRole('link').first().click();
  await page.locator('.field-error').first().waitFor();
  // The error link lands on the question's first control.
  expect(await page.evaluate('document.activeElement?.id')).toBe('field-profile.role');
  await check('section-error');

  // Offline while answering: the status says so.
  await page.goto(`/s/${blank.token}/section/why`);
  await page.getByRole('radio').first().waitFor();
  await page.context().setOffline(true);
  await page.getByRole('radio').first().check();
  await page.locator('[data-save-state="offline"]').waitFor();
  await check('section-offline');
  await page.context().setOffline(false);
  await waitSaved(page);

  // Bad link.
  await page.goto('/s/this-link-does-not-work');
  await check('bad-link');

  await page.context().close();
  return violations;
}

/** Danish is the default; English through the visible switch (which is remembered). */
async function useLanguage(page: Page, lang: Lang): Promise<void> {
  await page.goto('/s/x');
  await page.locator('h1').waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('da');
  if (lang === 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  }
}
