/**
 * HTML to PDF with the system's Chromium in headless mode (never a downloaded browser): the
 * page is written to a private temporary directory and printed from there, with networking
 * off, so the PDF is exactly the self-contained HTML (inline stylesheet, inline SVG charts).
 * PEJLING_CHROMIUM overrides the binary (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../browser/chromium.ts';

const TIMEOUT_MS = 60_000;

export async function htmlToPdf(htmlText: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'pejling-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(page, htmlText, 'utf8');
    const binary = CHROMIUM_PATH;
    const args = [
      '--headless',
      ...CHROMIUM_ARGS,
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binary, args, { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`Cannot start Chromium (${binary}): ${err.message}`));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`Chromium exited with ${code ?? 'a signal'} while printing the PDF`));
      });
    });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
