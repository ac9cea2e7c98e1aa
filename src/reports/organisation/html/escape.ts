/**
 * A minimal HTML template layer: `html` is a tagged template that escapes every interpolated
 * value unless it is already `SafeHtml` (another template, or `trustedSvg` of our own charts).
 * Attribute values must be written in double quotes; escaping covers quotes too, so a value
 * can never leave its attribute. There is no way to interpolate raw user text.
 */

const SAFE = Symbol('safe-html');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

export type Interpolation =
  SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const safe = (value: string): SafeHtml => ({ [SAFE]: true, value });

export const isSafeHtml = (v: unknown): v is SafeHtml =>
  typeof v === 'object' && v !== null && (v as { [SAFE]?: unknown })[SAFE] === true;

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isSafeHtml(value)) return value.value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return safe(out);
}

/** SVG produced by `src/charts/render-svg.ts` from our own chart options: trusted by construction. */
export const trustedSvg = (svg: string): SafeHtml => safe(svg);

/** A placeholder word (letters, digits, hyphens: nothing to escape), put in later by its owner. */
export function placeholderHtml(word: string): SafeHtml {
  if (!/^[a-z0-9-]+$/.test(word)) throw new Error(`not a placeholder word: ${word}`);
  return safe(word);
}

/** A CSS file of ours, inlined for printing. `</style` cannot appear in it. */
export function trustedCss(css: string): SafeHtml {
  if (/<\/style/i.test(css)) throw new Error('stylesheet contains </style');
  return safe(css);
}

export const toString = (h: SafeHtml): string => h.value;
