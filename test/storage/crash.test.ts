/**
 * Durability: every submission a writer saw acknowledged is still there after the writer is
 * SIGKILLed at a random moment and the database is reopened. 5 kills per backend.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createRespondent, openDatabase, type Database } from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget, type Backend } from './backends.ts';
import { collect, exited, ready, spawnScript } from './child.ts';
import { seedRound } from './fixtures.ts';

const REPETITIONS = 5;
const RESPONDENTS = 20;

async function checkConsistent(db: Database): Promise<void> {
  const doubled = await db.kysely
    .selectFrom('submissions')
    .select('respondent_id')
    .where('superseded_at', 'is', null)
    .groupBy('respondent_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  expect(doubled).toEqual([]);
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely);
    expect(rows).toEqual([{ integrity_check: 'ok' }]);
  }
}

async function crashOnce(
  config: Database extends never ? never : Parameters<typeof openDatabase>[0],
  respondentIds: number[],
) {
  const child = spawnScript('./crash-writer.ts', { config, respondentIds });
  const acknowledged: number[] = [];
  const output = collect(child, (line) => {
    if (/^\d+$/.test(line)) acknowledged.push(Number(line));
  });
  await ready(child, output);
  await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 1300));
  child.kill('SIGKILL');
  const { signal } = await exited(child);
  expect(signal, output.stderr).toBe('SIGKILL');
  return acknowledged;
}

describe.concurrent('crash safety', () => {
  for (const backend of BACKENDS) {
    it(`keeps every acknowledged submission after SIGKILL [${backend}]`, async () => {
      await crashTest(backend);
    }, 90_000);
  }
});

async function crashTest(backend: Backend): Promise<void> {
  const target = await createTestTarget(backend);
  try {
    let db = await openDatabase(target.config);
    const { round, organisation, respondent } = await seedRound(db);
    const respondentIds = [respondent.id];
    for (let i = 1; i < RESPONDENTS; i++) {
      respondentIds.push(
        (
          await createRespondent(db, {
            roundId: round.id,
            organisationId: organisation.id,
            externalId: `c${i}`,
          })
        ).id,
      );
    }
    await db.close();

    let total = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const acknowledged = await crashOnce(target.config, respondentIds);
      // Reopening at once also shows that the killed writer's lock is gone.
      db = await openDatabase(target.config);
      try {
        const found = new Set<number>();
        for (let i = 0; i < acknowledged.length; i += 5000) {
          const rows = await db.kysely
            .selectFrom('submissions')
            .select('id')
            .where('id', 'in', acknowledged.slice(i, i + 5000))
            .execute();
          for (const row of rows) found.add(row.id);
        }
        const missing = acknowledged.filter((id) => !found.has(id));
        expect(missing).toEqual([]);
        await checkConsistent(db);
      } finally {
        await db.close();
      }
      expect(acknowledged.length).toBeGreaterThan(0);
      total += acknowledged.length;
    }
    expect(total).toBeGreaterThan(REPETITIONS);
  } finally {
    await target.cleanup();
  }
}
