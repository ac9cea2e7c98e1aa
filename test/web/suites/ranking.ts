/** Ranking helpers for the browser suites. */
import type { Page } from 'playwright-core';

/** Places every competency, taking whichever is listed first each time (the last places itself). */
export async function rankAll(page: Page): Promise<void> {
  const place = page.getByRole('button', { name: /^Sæt .+ på plads \d+$/ });
  await place.first().waitFor();
  while ((await place.count()) > 0) await place.first().click();
  await page.getByText('har fået den sidste plads').waitFor({ state: 'attached' });
}

/** The labels of the not-yet-placed competencies, top to bottom. */
export async function unplacedOrder(page: Page): Promise<string[]> {
  const names = page.locator('.ranking-unplaced .rank-name');
  await names.first().waitFor();
  return names.allTextContents();
}
