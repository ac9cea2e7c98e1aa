/**
 * Test helper process: opens the database given as JSON in argv[2], prints `ready`, and keeps
 * it open until killed. Exits with 3 and the error message when the database is in use.
 */
import { DatabaseInUseError, openDatabase, type StorageConfig } from '../../src/storage/index.ts';

const config = JSON.parse(process.argv[2]!) as StorageConfig;
try {
  await openDatabase(config);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(err instanceof DatabaseInUseError ? 3 : 1);
}
process.stdout.write('ready\n');
setInterval(() => {}, 60_000);
