/**
 * `pejling user …`: the way to the first administrator (`add`), and the operator's way back in
 * when nobody can use the users page (`list`, `reinvite` prints a fresh link, `disable`). The
 * rules are the users page's (src/accounts/user-admin.ts): the last active administrator cannot
 * be disabled here either.
 */
import { Option, type Command } from 'commander';
import type { AdminRefusal } from '../../accounts/user-admin.ts';
import type { Database, User } from '../../storage/index.ts';
import { CliError } from '../errors.ts';
import { cliActor, withDatabase } from './data.ts';

const REFUSALS: Record<AdminRefusal, string> = {
  'not-found': 'no such user',
  self: 'a user cannot change their own account',
  'last-admin': 'this is the last active administrator; make someone else administrator first',
  'needs-organisation': 'an org_lead user needs an organisation',
};

async function linkBase(): Promise<string> {
  const { configuredPublicUrl } = await import('../../rounds/public-url.ts');
  return configuredPublicUrl() ?? `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || '3000'}`;
}

async function userByEmail(db: Database, email: string): Promise<User> {
  const { findUserByEmail } = await import('../../storage/index.ts');
  const user = await findUserByEmail(db, email);
  if (!user) throw new CliError(`No user ${email}`);
  return user;
}

/** The CLI acts as nobody's account (id 0), so only the last-administrator rule applies. */
const actor = () => ({ userId: 0, email: cliActor() });

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('staff accounts');
  user
    .command('add')
    .description(
      'create a user and print a one-time link to set the password (valid 7 days, stored only hashed)',
    )
    .argument('<email>', "the user's e-mail")
    .addOption(
      new Option('--role <role>', 'the role').choices(['admin', 'analyst', 'org_lead']).makeOptionMandatory(),
    )
    .option('--organisation <name>', 'the organisation (required for org_lead)')
    .action(
      async (email: string, opts: { role: 'admin' | 'analyst' | 'org_lead'; organisation?: string }) => {
        const { addUser } = await import('../../accounts/users.ts');
        const created = await withDatabase((db) =>
          addUser(db, { email, role: opts.role, organisation: opts.organisation ?? null }, cliActor()),
        );
        process.stderr.write(
          `Created ${created.user.email} (${created.user.role}). Send this link to them; it works once, until ${created.expiresAt}:\n`,
        );
        process.stdout.write(`${await linkBase()}/admin/set-password/${created.token}\n`);
      },
    );

  user
    .command('list')
    .description('every account: e-mail, role, organisation, status, last log-in (UTC)')
    .action(async () => {
      const { userStatus } = await import('../../accounts/user-admin.ts');
      const { listOrganisationChoices, listUsers } = await import('../../storage/index.ts');
      const lines = await withDatabase(async (db) => {
        const names = new Map((await listOrganisationChoices(db)).map((o) => [o.id, o.name]));
        return (await listUsers(db)).map((u) =>
          [
            u.email,
            u.role,
            u.organisationId === null ? '-' : (names.get(u.organisationId) ?? '-'),
            userStatus(u),
            u.lastLoginAt ?? 'never',
          ].join('\t'),
        );
      });
      process.stdout.write(['email\trole\torganisation\tstatus\tlast login', ...lines].join('\n') + '\n');
    });

  user
    .command('reinvite')
    .description(
      'print a new one-time link to set the password (earlier links stop working; a disabled user is enabled without a password)',
    )
    .argument('<email>', "the user's e-mail")
    .action(async (email: string) => {
      const { reinviteUser } = await import('../../accounts/user-admin.ts');
      const result = await withDatabase(async (db) =>
        reinviteUser(db, (await userByEmail(db, email)).id, actor()),
      );
      if (!result.ok) throw new CliError(`${email}: ${REFUSALS[result.reason]}`);
      process.stderr.write(
        `Send this link to ${result.user.email}; it works once, until ${result.expiresAt}:\n`,
      );
      process.stdout.write(`${await linkBase()}/admin/set-password/${result.token}\n`);
    });

  user
    .command('disable')
    .description('disable a user: logged out everywhere at once, API tokens and links revoked')
    .argument('<email>', "the user's e-mail")
    .action(async (email: string) => {
      const { disableAccount } = await import('../../accounts/user-admin.ts');
      const result = await withDatabase(async (db) =>
        disableAccount(db, (await userByEmail(db, email)).id, actor()),
      );
      if (!result.ok) throw new CliError(`${email}: ${REFUSALS[result.reason]}`);
      process.stderr.write(`Disabled ${result.user.email}.\n`);
    });
}
