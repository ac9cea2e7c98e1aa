/** The survey's initial JS + CSS stays within 150 KB gzipped (phones on slow networks). */
import { describe, expect, it } from 'vitest';
import { BUDGET_KB, initialAssets, surveyBundleSize } from '../../scripts/bundle-size.ts';

describe('survey bundle size', () => {
  it(`initial JS + CSS is at most ${BUDGET_KB} KB gzipped`, { timeout: 120_000 }, async () => {
    const size = await surveyBundleSize();
    expect(size.files.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(size.files.some((f) => f.file.endsWith('.css'))).toBe(true);
    expect(size.gzipKB).toBeGreaterThan(0);
    expect(size.gzipKB).toBeLessThanOrEqual(BUDGET_KB);
  });

  it('counts entry scripts, module preloads and stylesheets, not icons', () => {
    const html =
      '<link rel="icon" href="/favicon.svg"><script type="module" crossorigin src="/assets/a.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/b.js"><link rel="stylesheet" href="/assets/c.css">';
    expect(initialAssets(html)).toEqual(['assets/a.js', 'assets/b.js', 'assets/c.css']);
  });
});
