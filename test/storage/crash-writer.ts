/**
 * Test helper process for the crash test: submits answers through the real write path as
 * fast as it can and prints each submission id once `submitResponse` has returned (that is,
 * after the commit). The parent kills it with SIGKILL at a random moment.
 */
import { openDatabase, submitResponse, type StorageConfig } from '../../src/storage/index.ts';

const { config, respondentIds } = JSON.parse(process.argv[2]!) as {
  config: StorageConfig;
  respondentIds: number[];
};
const db = await openDatabase(config);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const { id } = await submitResponse(db, respondentIds[i % respondentIds.length]!, {
    n: i,
    at: Date.now(),
    pid: process.pid,
  });
  // Synchronous on a pipe, so the line is out before the next write starts.
  process.stdout.write(`${id}\n`);
}
