import { compileInstrumentFile, formatProblem } from '../src/instruments/registry.ts';
const r = await compileInstrumentFile(process.argv[2]!);
if (!r.ok) {
  console.log(r.problems.map(formatProblem).join('\n'));
  process.exit(1);
}
console.log('OK', r.instrument.answerIds.length, 'answers; warnings', r.warnings.length);
