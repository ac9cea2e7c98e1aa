import { describe, expect, it } from 'vitest';
import { compileInstrumentText } from '../../src/core/instrument/compile.ts';
import { mini } from '../helpers.ts';
import { readFileSync } from 'node:fs';
import { fixture } from '../helpers.ts';

const miniText = readFileSync(fixture('mini.yaml'), 'utf8');

function problemsOf(text: string) {
  const result = compileInstrumentText(text, 'broken.yaml');
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('instrument compiler', () => {
  it('compiles the test instrument with answer columns in order', () => {
    const i = mini();
    expect(i.answerIds).toEqual([
      'role',
      'q.a',
      'q.b',
      'q.c',
      'rank.x',
      'rank.y',
      'rank.z',
      'tools',
      'tools.other',
      'budget',
    ]);
    expect(i.itemById.get('tools.other')?.showIf).toEqual({ item: 'tools', includes: 'other' });
  });

  it('reports missing English texts as warnings, not errors', () => {
    const result = compileInstrumentText(miniText, 'mini.yaml');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.path)).toContain('sections[0].items[3].text');
  });

  it('lists every problem with file, path and line', () => {
    const broken = miniText
      .replace('allowDontKnow: true', 'allowDontKnow: true\n        colour: red')
      .replace('scale: s5\n        allowNotRelevant', 'scale: s9\n        allowNotRelevant')
      .replace('mean: [q.c]', 'mean: [q.zzz]')
      .replace('showIf: { item: tools, includes: other }', 'showIf: { item: budget, atLeast: 3 }')
      .replace('rank: rank.y', 'rank: q.a');
    const problems = problemsOf(broken);
    // Structural problems are reported first; the cross-reference pass runs once they are fixed.
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'broken.yaml',
        path: 'sections[0].items[1]',
        message: 'unknown field: colour',
        line: expect.any(Number),
      }),
    ]);
    const crossRef = problemsOf(broken.replace('\n        colour: red', ''));
    expect(crossRef.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'sections[0].items[2].scale: unknown scale "s9" (defined: s5)',
      'sections[1].items[2].showIf.item: "budget" is not an earlier item (conditions look back only)',
      'measures[1].mean[0]: "q.zzz" is not a numeric answer id or an earlier measure',
      'competencies[1].rank: "q.a" is not the answer id of a ranking option',
    ]);
    expect(crossRef.every((p) => typeof p.line === 'number' && p.line > 1)).toBe(true);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('format: pejling-instrument/1\nid: [unclosed\n');
    expect(problems[0]).toMatchObject({ path: '(syntax)', line: expect.any(Number) });
  });

  it('rejects duplicate ids and labels missing on scale points', () => {
    const problems = problemsOf(
      miniText.replace('id: q.b\n', 'id: q.a\n').replace(/\n\s*'4': \{ da: Fire, en: Four \}/, ''),
    );
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['scale point 4 has no label', 'item id "q.a" is used twice']),
    );
  });

  it('rejects a measure with two operations and a stage rule without a threshold', () => {
    const problems = problemsOf(
      miniText.replace('mean: [q.c] }', 'mean: [q.c], min: [q.c] }').replace('atLeast: 50', 'ref2: 1'),
    );
    const messages = problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'measures[1]: a measure needs exactly one of mean, min, max, difference, weightedMean (found mean, min)',
        'stages[1].requires[0]: unknown field: ref2',
      ]),
    );
  });
});
