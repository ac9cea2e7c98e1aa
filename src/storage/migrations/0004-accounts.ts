/**
 * Accounts and running a round: staff sessions, log-in throttling, one-time password links,
 * which analysts run which round, and the log of invitation mails. Everything that several
 * app instances must agree on lives here, never in process memory.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

const MAIL_KINDS = ['invitation', 'reminder'];
const MAIL_OUTCOMES = ['sent', 'failed'];

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  // The session id is a bearer secret: only its SHA-256 is stored, like every token here.
  await db.schema
    .createTable('sessions')
    .$call(t.id())
    .addColumn('id_hash', 'text', (c) => c.notNull().unique())
    .$call(t.ref('user_id', 'users', { notNull: true, onDelete: 'cascade' }))
    .$call(t.timestamp('created_at', { notNull: true }))
    .$call(t.timestamp('last_seen_at', { notNull: true }))
    .$call(t.timestamp('expires_at', { notNull: true }))
    .$call(t.timestamp('revoked_at'))
    .addCheckConstraint('sessions_hash_ck', sql`length(id_hash) = 64`)
    .execute();
  await db.schema.createIndex('sessions_user_ix').on('sessions').column('user_id').execute();

  // Failed log-ins per key (a hashed e-mail or a client address), shared by every instance.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
    .$call(t.timestamp('window_started_at', { notNull: true }))
    .$call(t.timestamp('locked_until'))
    .execute();

  await db.schema
    .createTable('password_tokens')
    .$call(t.id())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .$call(t.ref('user_id', 'users', { notNull: true, onDelete: 'cascade' }))
    .$call(t.timestamp('created_at', { notNull: true }))
    .$call(t.timestamp('expires_at', { notNull: true }))
    .$call(t.timestamp('used_at'))
    .addCheckConstraint('password_tokens_hash_ck', sql`length(token_hash) = 64`)
    .execute();

  // Analysts see the rounds they run; administrators see all.
  await db.schema
    .createTable('round_staff')
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('user_id', 'users', { notNull: true, onDelete: 'cascade' }))
    .$call(t.timestamp('created_at', { notNull: true }))
    .addPrimaryKeyConstraint('round_staff_pk', ['round_id', 'user_id'])
    .execute();

  // No address here: it stays in respondents.email, so erasing that erases it everywhere.
  await db.schema
    .createTable('invitation_mails')
    .$call(t.id())
    .$call(t.ref('respondent_id', 'respondents', { notNull: true, onDelete: 'cascade' }))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', MAIL_KINDS)))
    .addColumn('outcome', 'text', (c) => c.notNull().check(oneOf('outcome', MAIL_OUTCOMES)))
    .$call(t.timestamp('at', { notNull: true }))
    .execute();
  await db.schema
    .createIndex('invitation_mails_respondent_ix')
    .on('invitation_mails')
    .column('respondent_id')
    .execute();
}
