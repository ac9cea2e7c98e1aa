/** `pejling instrument list | show | validate`. */
import type { Command } from 'commander';
import type { Instrument, Lang } from '../../core/instrument/types.ts';
import { localize } from '../../i18n/i18n.ts';
import { compileInstrumentFile, formatProblem, listBuiltinInstruments } from '../../instruments/registry.ts';
import { CliError } from '../errors.ts';
import { formatOption, instrumentById, langOption, printJson } from '../shared.ts';
import { describeInstrument } from '../../instruments/describe.ts';

export function registerInstrumentCommands(program: Command): void {
  const cmd = program.command('instrument').description('list, show and validate instrument files');

  cmd
    .command('list')
    .description('list the built-in instruments')
    .addOption(langOption())
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(async (opts: { lang: Lang; format: 'text' | 'json' }) => {
      const ids = await listBuiltinInstruments();
      const instruments = await Promise.all(ids.map((id) => instrumentById(id)));
      if (opts.format === 'json') {
        printJson(
          instruments.map((i) => ({ id: i.id, version: i.version, title: localize(i.def.title, opts.lang) })),
        );
        return;
      }
      for (const i of instruments)
        process.stdout.write(`${i.id}\t${i.version}\t${localize(i.def.title, opts.lang)}\n`);
    });

  cmd
    .command('show')
    .description('show an instrument: sections, items, ids, types, scales and texts')
    .argument('<id>', 'instrument id, e.g. dt-offentlig')
    .addOption(langOption())
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(async (id: string, opts: { lang: Lang; format: 'text' | 'json' }) => {
      const instrument = await instrumentById(id);
      const description = describeInstrument(instrument, opts.lang);
      if (opts.format === 'json') printJson(description);
      else process.stdout.write(renderText(instrument, description, opts.lang));
    });

  cmd
    .command('validate')
    .description('check an instrument file against the format; lists every problem')
    .argument('<file>', 'instrument file (YAML or JSON)')
    .action(async (file: string) => {
      const result = await compileInstrumentFile(file);
      if (!result.ok) {
        const n = result.problems.length;
        throw new CliError(
          `${file}: ${n} problem${n === 1 ? '' : 's'}:\n${result.problems.map(formatProblem).join('\n')}`,
        );
      }
      const i = result.instrument;
      process.stdout.write(
        `${file}: valid — ${i.id} ${i.version}: ${i.def.sections.length} sections, ${i.items.length} items, ` +
          `${i.answerIds.length} answer columns, ${i.measures.length} measures, ${i.def.stages.length} stages\n`,
      );
      if (result.warnings.length > 0) {
        process.stdout.write(
          `${result.warnings.length} warning(s):\n${result.warnings.map(formatProblem).join('\n')}\n`,
        );
      }
    });
}

function renderText(instrument: Instrument, d: ReturnType<typeof describeInstrument>, lang: Lang): string {
  const lines = [`${d.title} (${instrument.id} ${instrument.version})`, d.description, ''];
  for (const section of d.sections) {
    lines.push(`## ${section.title} [${section.id}]`);
    for (const item of section.items) {
      lines.push(
        `- ${item.id} (${item.type}${item.required ? ', required' : ''}${item.showIf ? ', conditional' : ''}): ${item.text}`,
      );
      for (const p of item.points ?? []) {
        lines.push(`    ${p.value} ${p.label}${p.level ? ` — ${p.level}` : ''}`);
      }
      for (const o of item.options ?? []) lines.push(`    ${o.answer ?? o.value}: ${o.label}`);
      if (item.missing?.length) lines.push(`    (${item.missing.join(', ')})`);
    }
    lines.push('');
  }
  lines.push(
    lang === 'da'
      ? `Stadier: ${d.stages.map((s) => s.id).join(' < ')}`
      : `Stages: ${d.stages.map((s) => s.id).join(' < ')}`,
  );
  return `${lines.join('\n')}\n`;
}
