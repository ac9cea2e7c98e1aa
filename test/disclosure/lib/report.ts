/** Failure messages that read as a reproduction: what was found, and a few examples of it. */
export function describe<T>(what: string, findings: readonly T[], show = 8): string {
  if (findings.length === 0) return `${what}: nothing`;
  const lines = findings.slice(0, show).map((f) => `  - ${typeof f === 'string' ? f : JSON.stringify(f)}`);
  const more = findings.length > show ? `\n  … and ${findings.length - show} more` : '';
  return `${what}: ${findings.length} found\n${lines.join('\n')}${more}`;
}
