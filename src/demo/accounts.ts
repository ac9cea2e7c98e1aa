/**
 * Demo accounts for the demo dataset — FOR THE DEMO ONLY. Their passwords are fixed and
 * published in the README, so anyone can log in to a demo: never call this on a database
 * with real data. Does nothing for accounts that already exist.
 */
import { hashPassword } from '../accounts/password.ts';
import {
  appendAudit,
  assignRoundStaff,
  createUser,
  findUserByEmail,
  getOrganisationByName,
  getRoundByName,
  type Db,
} from '../storage/index.ts';
import { DEMO_ROUNDS } from './seed.ts';

/** DEMO ONLY: fixed, public credentials (README, "Demo accounts"). */
export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.pejling.dk', password: 'demo-admin-pejling', role: 'admin' },
  { email: 'analyst@demo.pejling.dk', password: 'demo-analyst-pejling', role: 'analyst' },
  {
    email: 'leder@demo.pejling.dk',
    password: 'demo-leder-pejling',
    role: 'org_lead',
    organisation: 'Askeby Kommune',
  },
] as const;

export async function seedDemoAccounts(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByEmail(db, account.email)) continue;
    const organisation =
      'organisation' in account ? await getOrganisationByName(db, account.organisation) : undefined;
    if ('organisation' in account && !organisation) continue;
    const user = await createUser(db, {
      email: account.email,
      role: account.role,
      organisationId: organisation?.id ?? null,
      passwordHash: await hashPassword(account.password),
    });
    if (account.role === 'analyst') {
      for (const name of Object.values(DEMO_ROUNDS)) {
        const round = await getRoundByName(db, name);
        if (round) await assignRoundStaff(db, round.id, user.id);
      }
    }
    await appendAudit(db, { actor: 'system', action: 'user.create-demo', subject: `user:${account.email}` });
    created.push(account.email);
  }
  return created;
}
