/** File problems (src/core/exchange/file-problems.ts) as sentences in a language. */
import type { FileProblem } from '../core/exchange/file-problems.ts';
import type { Lang } from '../core/instrument/types.ts';
import { adminT } from './admin.ts';
import { joinAlternatives } from './i18n.ts';

/** The reason alone, e.g. `must be one of stat, region, kommune or andet (found: "by")`. */
export function fileProblemReason(p: FileProblem, lang: Lang): string {
  const t = adminT(lang);
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(p.params ?? {}))
    params[key] = Array.isArray(value)
      ? joinAlternatives(value as readonly string[], lang)
      : (value as string | number);
  return t(`fileProblem.${p.code}`, params);
}

/** Where and what, e.g. `Række 4 (sector): …`. */
export function fileProblemText(p: FileProblem, lang: Lang): string {
  return adminT(lang)('fileProblem.at', {
    row: p.row,
    column: p.column ? ` (${p.column})` : '',
    message: fileProblemReason(p, lang),
  });
}
