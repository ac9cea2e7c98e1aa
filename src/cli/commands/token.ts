/** `pejling token create|revoke`: API tokens for staff (admins, analysts). */
import { Option, type Command } from 'commander';
import { CliError } from '../errors.ts';
import { cliActor, withDatabase } from './data.ts';

const modules = async () => ({
  ...(await import('../../api/data/api-tokens.ts')),
  appendAudit: (await import('../../storage/index.ts')).appendAudit,
});

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens for staff');

  token
    .command('create')
    .description(
      'create an API token (and the user, if new); the token is printed once and stored only hashed',
    )
    .requiredOption('--email <email>', "the user's email")
    .addOption(
      new Option('--role <role>', "the user's role").choices(['admin', 'analyst']).makeOptionMandatory(),
    )
    .option('--label <label>', 'what the token is for, e.g. "reporting job"')
    .action(async (opts: { email: string; role: 'admin' | 'analyst'; label?: string }) => {
      const { createApiToken, appendAudit } = await modules();
      const created = await withDatabase((db) =>
        db.transaction(async (tx) => {
          const result = await createApiToken(tx, {
            email: opts.email,
            role: opts.role,
            label: opts.label ?? null,
          });
          await appendAudit(tx, {
            actor: cliActor(),
            action: 'token.create',
            subject: `user:${result.user.email}`,
            details: { tokenId: result.tokenId, label: opts.label ?? null },
          });
          return result;
        }),
      );
      process.stderr.write(
        `${created.userCreated ? 'Created user' : 'User'} ${created.user.email} (${created.user.role}); ` +
          `token id ${created.tokenId}. Store the token now: it is not shown again.\n`,
      );
      process.stdout.write(`${created.token}\n`);
    });

  token
    .command('revoke')
    .description('revoke an API token by its id')
    .argument('<id>', 'the token id printed at creation')
    .action(async (id: string) => {
      const tokenId = Number(id);
      if (!Number.isSafeInteger(tokenId) || tokenId <= 0) throw new CliError(`not a token id: ${id}`);
      const { revokeApiToken, appendAudit } = await modules();
      const revoked = await withDatabase(async (db) => {
        const done = await revokeApiToken(db, tokenId);
        if (done) await appendAudit(db, { actor: cliActor(), action: 'token.revoke', details: { tokenId } });
        return done;
      });
      if (!revoked) throw new CliError(`no active token with id ${tokenId}`);
      process.stdout.write(`Revoked token ${tokenId}.\n`);
    });
}
