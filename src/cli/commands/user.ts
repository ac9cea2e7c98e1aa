/** `pejling user add`: a staff account, with a one-time link to set its password. */
import { Option, type Command } from 'commander';
import { cliActor, withDatabase } from './data.ts';

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
        const { configuredPublicUrl } = await import('../../rounds/public-url.ts');
        const base =
          configuredPublicUrl() ?? `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || '3000'}`;
        process.stderr.write(
          `Created ${created.user.email} (${created.user.role}). Send this link to them; it works once, until ${created.expiresAt}:\n`,
        );
        process.stdout.write(`${base}/admin/set-password/${created.token}\n`);
      },
    );
}
