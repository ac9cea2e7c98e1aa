/**
 * The survey's initial download: the JS and CSS that `dist/web/index.html` loads before the
 * first page shows (entry script, module preloads, stylesheets), gzipped at level 9 as served.
 * Builds first when the build is missing or stale (ensureWebBuild). Budget: 150 KB.
 *
 *   npx tsx scripts/bundle-size.ts [--json] [--force]
 *
 * Exit code 1 when over budget. `npm run bench` calls it; test/web/bundle-size.test.ts too.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureWebBuild, PROJECT_ROOT, WEB_DIST } from '../src/web-server/build.ts';

export const BUDGET_KB = 150;

export interface BundleFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundleSize {
  readonly files: readonly BundleFile[];
  readonly gzipKB: number;
  readonly budgetKB: number;
  readonly withinBudget: boolean;
  readonly built: boolean;
}

/** The files index.html loads up front: module scripts, modulepreloads and stylesheets. */
export function initialAssets(indexHtml: string): string[] {
  const assets = new Set<string>();
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src || /^(https?:)?\/\//.test(src)) continue;
    const isScript = tag.startsWith('<script');
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
    if (isScript || rel === 'stylesheet' || rel === 'modulepreload') assets.add(src.replace(/^\//, ''));
  }
  return [...assets];
}

export async function surveyBundleSize(options: { force?: boolean } = {}): Promise<BundleSize> {
  const { built } = await ensureWebBuild({ force: options.force });
  const indexHtml = await readFile(join(WEB_DIST, 'index.html'), 'utf8');
  const files: BundleFile[] = [];
  for (const asset of initialAssets(indexHtml)) {
    const data = await readFile(join(WEB_DIST, asset));
    files.push({ file: asset, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length });
  }
  const gzipKB = files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;
  return { files, gzipKB, budgetKB: BUDGET_KB, withinBudget: gzipKB <= BUDGET_KB, built };
}

async function main(argv: readonly string[]): Promise<number> {
  const size = await surveyBundleSize({ force: argv.includes('--force') });
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(size, null, 2)}\n`);
  } else {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    process.stdout.write(`Survey initial JS+CSS (${relative(PROJECT_ROOT, WEB_DIST)}):\n`);
    for (const f of size.files)
      process.stdout.write(`  ${f.file}  ${kb(f.bytes)} raw, ${kb(f.gzipBytes)} gzip\n`);
    process.stdout.write(
      `  total ${size.gzipKB.toFixed(1)} KB gzip of ${size.budgetKB} KB budget: ${size.withinBudget ? 'ok' : 'OVER BUDGET'}\n`,
    );
  }
  return size.withinBudget ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
