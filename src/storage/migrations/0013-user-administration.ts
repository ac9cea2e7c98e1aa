/**
 * The users page: when each user last logged in (sessions are pruned, so they cannot tell),
 * and what a one-time password link is for — an invitation (valid for days) or a reset asked
 * for on the log-in page (valid for an hour) — so the set-password page and the audit trail
 * can say which.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema
    .alterTable('users')
    .addColumn('last_login_at', pg ? sql`timestamptz(3)` : 'text', (c) =>
      // The same canonical-UTC check as column-types.ts (the backup recognises timestamps by it).
      pg
        ? c
        : c.check(
            sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.ref('last_login_at')}) = ${sql.ref('last_login_at')}`,
          ),
    )
    .execute();
  await db.schema
    .alterTable('password_tokens')
    .addColumn('purpose', 'text', (c) =>
      c
        .notNull()
        .defaultTo('invite')
        .check(sql`purpose in ('invite', 'reset')`),
    )
    .execute();
}
