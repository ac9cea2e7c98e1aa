/**
 * `tsx bench/autosave-ab.ts`: autosave on PostgreSQL, the one-statement path against the
 * transaction it replaced, interleaved in one run (A B A B …) so a busy machine slows both
 * alike: the ratio, not the absolute time, is the result. 200 respondents, 50 saves in flight.
 */
import pg from 'pg';
import {
  createRespondent,
  createRound,
  ensureOrganisation,
  openDatabase,
  saveDraft,
  storeInstrumentVersion,
} from '../src/storage/index.ts';
import { quantileOf } from './load.ts';

const url = process.env.PEJLING_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'pejling_autosave_ab';
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`drop schema if exists ${SCHEMA} cascade`);
const db = await openDatabase({ backend: 'postgres', url, schema: SCHEMA, poolSize: 10 });
await storeInstrumentVersion(db, { id: 'ab', version: '1.0.0', definitionText: 'id: ab\nversion: 1.0.0\n' });
const round = await createRound(db, {
  name: 'ab',
  instrument: { id: 'ab', version: '1.0.0' },
  status: 'open',
});
const org = await ensureOrganisation(db, { name: 'AB Kommune', sector: 'kommune' });
const people: { id: number; revision: number }[] = [];
for (let i = 0; i < 200; i++)
  people.push({
    id: (await createRespondent(db, { roundId: round.id, organisationId: org.id, externalId: `p${i}` })).id,
    revision: 0,
  });

async function run(oneStatement: boolean, saves: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async (w: number) => {
    for (;;) {
      const n = next++;
      if (n >= saves) return;
      const p = people[(w + n * 50) % people.length]!;
      const answers = { 'why.importance': (n % 5) + 1 };
      const t0 = performance.now();
      const saved = oneStatement
        ? await saveDraft(db, p.id, answers, p.revision)
        : await db.transaction((tx) => saveDraft(tx, p.id, answers, p.revision));
      times.push(performance.now() - t0);
      p.revision = saved.revision;
    }
  };
  await Promise.all(Array.from({ length: 50 }, (_, w) => worker(w)));
  return times;
}

const result: Record<string, { ms: number; p95: number }[]> = { transaction: [], oneStatement: [] };
for (let i = 0; i < 4; i++)
  for (const one of [false, true]) {
    const t0 = performance.now();
    const times = await run(one, 2000);
    const ms = performance.now() - t0;
    result[one ? 'oneStatement' : 'transaction']!.push({
      ms,
      p95: quantileOf(
        times.sort((a, b) => a - b),
        0.95,
      ),
    });
  }
const sum = (k: string, f: 'ms' | 'p95') => result[k]!.reduce((s, r) => s + r[f], 0) / result[k]!.length;
const out = {
  savesPerRun: 2000,
  inFlight: 50,
  transactionSavesPerSecond: Math.round(2000 / (sum('transaction', 'ms') / 1000)),
  oneStatementSavesPerSecond: Math.round(2000 / (sum('oneStatement', 'ms') / 1000)),
  transactionP95Ms: Math.round(sum('transaction', 'p95')),
  oneStatementP95Ms: Math.round(sum('oneStatement', 'p95')),
};
console.log(
  JSON.stringify({
    ...out,
    speedup: Math.round((sum('transaction', 'ms') / sum('oneStatement', 'ms')) * 100) / 100,
  }),
);
await db.close();
await admin.query(`drop schema if exists ${SCHEMA} cascade`);
await admin.end();
