/**
 * Test helper process for the kill test: an app instance's job worker (the app's own mail
 * handler) draining the queue, until the parent SIGKILLs it in the middle of a job.
 */
import { mailJobHandler } from '../../src/rounds/invitation-jobs.ts';
import { startJobWorker } from '../../src/rounds/jobs/worker.ts';
import { openDatabase, type StorageConfig } from '../../src/storage/index.ts';

const { config, smtpUrl, leaseMs } = JSON.parse(process.argv[2]!) as {
  config: StorageConfig;
  smtpUrl: string;
  leaseMs: number;
};
process.env.SMTP_URL = smtpUrl;
process.env.SMTP_FROM = 'pejling@example.dk';
process.env.PEJLING_PUBLIC_URL = 'https://pejling.test';
const db = await openDatabase(config);
const log = {
  info: () => undefined,
  warn: (o: object, m: string) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`),
};
const worker = startJobWorker(db, [mailJobHandler], log, { poll: false, minPollMs: 0, leaseMs });
process.stdout.write('ready\n');
await worker.drain();
process.stdout.write('drained\n');
