/**
 * What every staff page is checked for in a real browser: axe (WCAG 2.1 AA) at a phone's and a
 * laptop's width, no sideways scrolling of the page itself, and a full-page screenshot of each
 * width in test-output/screenshots for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
export const WIDTHS = [360, 1280] as const;

/**
 * Adds to `violations` what is wrong with the page at each width (named `<name>-<width>`), and
 * writes `<name>-<width>.png`; the viewport is left at the last width.
 */
export async function checkAtWidths(page: Page, name: string, violations: string[]): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    for (const v of results.violations)
      violations.push(
        `${name}-${width}: ${v.id} ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    const overflow = (await page.evaluate(
      'document.scrollingElement.scrollWidth - window.innerWidth',
    )) as number;
    if (overflow > 0) violations.push(`${name}-${width}: horizontal scroll of ${overflow} px`);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
}
