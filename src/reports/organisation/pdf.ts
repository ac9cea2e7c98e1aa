/**
 * Prints our own HTML to PDF in the system's Chromium (Debian's package; never a downloaded
 * browser) through playwright-core. One browser per printer, launched on the first print and
 * kept warm for the next ones (a cold start costs about a second, a print of a warm one a
 * fraction of that), closed with the printer. Each print gets a fresh context with JavaScript
 * off and the network offline: the page is self-contained (inline stylesheet, inline SVG),
 * so nothing could be fetched, and nothing in it could run.
 */
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../../browser/chromium.ts';
import { escapeHtml } from './html/escape.ts';

export interface PageFrame {
  /** Left in the header of every page, e.g. the organisation's name. */
  readonly headerLeft: string;
  /** Right in the header, e.g. the round. */
  readonly headerRight: string;
  readonly footerLeft: string;
  /** "Side {page} af {pages}": `{page}` and `{pages}` become Chromium's counters. */
  readonly pageOf: string;
}

export interface PdfPrinterOptions {
  readonly executablePath?: string;
  /** Pages printed at once; more wait their turn (each page costs a renderer process). */
  readonly concurrency?: number;
}

export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private closed = false;
  private active = 0;
  private idle: Page[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: PdfPrinterOptions = {}) {}

  /** Without a frame the page has no header or footer (the sector report's own layout). */
  async print(html: string, frame?: PageFrame): Promise<Buffer> {
    if (this.closed) throw new Error('the PDF printer is closed');
    await this.slot();
    try {
      // A page is kept per slot and reused: a new context and page cost a good part of a
      // print. Each print replaces the whole document; scripts are off and the page offline.
      let page = this.idle.pop();
      if (!page || page.isClosed()) {
        const browser = await this.launch();
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
        page = await context.newPage();
      }
      let ok = false;
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          ...(frame
            ? {
                displayHeaderFooter: true,
                headerTemplate: headerTemplate(frame),
                footerTemplate: footerTemplate(frame),
                margin: { top: '20mm', bottom: '18mm', left: '16mm', right: '16mm' },
              }
            : {
                displayHeaderFooter: false,
                margin: { top: '16mm', bottom: '16mm', left: '16mm', right: '16mm' },
              }),
          // Bookmarks from the headings and a tagged PDF for screen readers.
          outline: true,
          tagged: true,
        });
        ok = true;
        return pdf;
      } finally {
        // A page that failed is not trusted again.
        if (ok) this.idle.push(page);
        else
          await page
            .context()
            .close()
            .catch(() => undefined);
      }
    } finally {
      this.release();
    }
  }

  /** Whether a browser is running (for tests and diagnostics). */
  get warm(): boolean {
    return this.browser !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.idle = [];
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = launchChromium(this.options.executablePath ?? CHROMIUM_PATH).then((browser) => {
        // A crashed browser is launched again on the next print.
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        });
        return browser;
      });
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
      this.browser = launching;
    }
    return this.browser;
  }

  private async slot(): Promise<void> {
    if (this.active < (this.options.concurrency ?? 2)) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

// Chromium renders these templates on its own, without the page's stylesheet, at a tiny
// default size; they need inline styles (this is not our page, so its CSP does not apply).
const FRAME_STYLE =
  'font-family: Arial, Helvetica, sans-serif; font-size: 8pt; color: #4b5563; width: 100%; ' +
  'margin: 0 16mm; display: flex; justify-content: space-between;';

function headerTemplate(frame: PageFrame): string {
  return `<div style="${FRAME_STYLE}"><span>${escapeHtml(frame.headerLeft)}</span><span>${escapeHtml(frame.headerRight)}</span></div>`;
}

function footerTemplate(frame: PageFrame): string {
  const pageOf = escapeHtml(frame.pageOf)
    .replace('{page}', '<span class="pageNumber"></span>')
    .replace('{pages}', '<span class="totalPages"></span>');
  return `<div style="${FRAME_STYLE}"><span>${escapeHtml(frame.footerLeft)}</span><span>${pageOf}</span></div>`;
}
