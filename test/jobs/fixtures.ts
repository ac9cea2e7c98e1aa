/** A round with respondents who have addresses, and workers that run the app's mail jobs. */
import { mailJobHandler } from '../../src/rounds/invitation-jobs.ts';
import { startJobWorker, type JobWorker, type WorkerOptions } from '../../src/rounds/jobs/worker.ts';
import { createRespondent, ensureOrganisation, type Db, type Round } from '../../src/storage/index.ts';
import { roundWithInvitations } from '../api/helpers.ts';

export const address = (i: number, who = 'person') => `${who}${i}@example.dk`;

export async function mailRound(
  db: Db,
  n: number,
  name = 'mail',
  who = 'person',
): Promise<{ round: Round; ids: number[] }> {
  const { round } = await roundWithInvitations(db, name, 0);
  const org = await ensureOrganisation(db, { name: `Org ${name}`, sector: 'kommune' });
  const ids: number[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const r = await createRespondent(tx, {
        roundId: round.id,
        organisationId: org.id,
        externalId: `p${i}`,
        role: 'it',
        email: address(i, who),
      });
      ids.push(r.id);
    }
  });
  return { round, ids };
}

export const quietLog = { info: () => undefined, warn: () => undefined };

/** A worker that only runs when asked (`drain`), with a short lease for the takeover tests. */
export const mailWorker = (db: Db, options: WorkerOptions = {}): JobWorker =>
  startJobWorker(db, [mailJobHandler], quietLog, { poll: false, minPollMs: 0, ...options });

export function mailEnv(smtpUrl: string): void {
  process.env.SMTP_URL = smtpUrl;
  process.env.SMTP_FROM = 'pejling@example.dk';
}

export function clearMailEnv(): void {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
}
