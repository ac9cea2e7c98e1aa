/** The report's stylesheet, read once per process from beside this module (it never changes while running). */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';

let css: Promise<{ text: string; etag: string }> | undefined;

export function reportStylesheet(): Promise<{ text: string; etag: string }> {
  css ??= readFile(new URL('./report.css', import.meta.url), 'utf8').then((text) => ({
    text,
    etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 16)}"`,
  }));
  return css;
}

/** The stylesheet's URL on the web server. */
export const REPORT_CSS_PATH = '/reports/assets/report.css';

/** The page's icon, so browsers do not ask for a /favicon.ico that may not exist. */
export const REPORT_ICON_PATH = '/reports/assets/icon.svg';
export const REPORT_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#1d4ed8"/>' +
  '<path d="M16 5 L20 16 L16 27 L12 16 Z" fill="#ffffff"/></svg>';
