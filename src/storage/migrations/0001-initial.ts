/** The first schema: rounds, organisations, respondents, responses, users and the audit log. */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

// Spelled out rather than imported: a migration must mean the same forever.
const ROUND_STATUSES = ['draft', 'open', 'closed'];
const SECTORS = ['stat', 'region', 'kommune', 'andet'];
const USER_ROLES = ['admin', 'analyst', 'org_lead'];

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';

  await db.schema
    .createTable('instruments')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .$call(t.timestamp('created_at', { notNull: true }))
    .addPrimaryKeyConstraint('instruments_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('rounds')
    .$call(t.id())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .$call(t.json('title', { notNull: true }))
    .addColumn('instrument_id', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .$call(t.timestamp('opens_at'))
    .$call(t.timestamp('closes_at'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(oneOf('status', ROUND_STATUSES)))
    // Disclosure control: groups smaller than k_min are never shown; below 3 is never safe.
    .addColumn('k_min', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`k_min >= 3`),
    )
    .$call(t.json('languages', { notNull: true }))
    .$call(t.json('intro'))
    .$call(t.timestamp('created_at', { notNull: true }))
    .addForeignKeyConstraint(
      'rounds_instrument_fk',
      ['instrument_id', 'instrument_version'],
      'instruments',
      ['id', 'version'],
      (fk) => fk.onDelete('restrict'),
    )
    .addCheckConstraint(
      'rounds_window_ck',
      sql`opens_at is null or closes_at is null or opens_at < closes_at`,
    )
    .execute();

  await db.schema
    .createTable('organisations')
    .$call(t.id())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sector', 'text', (c) => c.notNull().check(oneOf('sector', SECTORS)))
    .addColumn('type', 'text')
    .addColumn('size_band', 'text')
    .$call(t.timestamp('created_at', { notNull: true }))
    .execute();

  await db.schema
    .createTable('respondents')
    .$call(t.id())
    .$call(t.ref('round_id', 'rounds', { notNull: true }))
    .$call(t.ref('organisation_id', 'organisations', { notNull: true }))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('email', 'text')
    // SHA-256 of the invitation token; the token itself is never stored.
    .addColumn('token_hash', 'text')
    .$call(t.timestamp('created_at', { notNull: true }))
    .addUniqueConstraint('respondents_external_uq', ['round_id', 'organisation_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('respondents_organisation_ix')
    .on('respondents')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('drafts')
    .addColumn('respondent_id', pg ? 'bigint' : 'integer', (c) =>
      c.primaryKey().references('respondents.id').onDelete('cascade'),
    )
    .$call(t.json('answers', { notNull: true }))
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .$call(t.timestamp('updated_at', { notNull: true }))
    .execute();

  await db.schema
    .createTable('submissions')
    .$call(t.id())
    .$call(t.ref('respondent_id', 'respondents', { notNull: true }))
    .$call(t.json('answers', { notNull: true }))
    .$call(t.timestamp('submitted_at', { notNull: true }))
    .$call(t.timestamp('superseded_at'))
    .execute();
  await db.schema
    .createIndex('submissions_respondent_ix')
    .on('submissions')
    .column('respondent_id')
    .execute();
  // At most one current submission per respondent.
  await db.schema
    .createIndex('submissions_current_uq')
    .on('submissions')
    .column('respondent_id')
    .unique()
    .where(sql.ref('superseded_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('users')
    .$call(t.id())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', USER_ROLES)))
    .$call(t.ref('organisation_id', 'organisations'))
    .$call(t.timestamp('created_at', { notNull: true }))
    .$call(t.timestamp('disabled_at'))
    .addCheckConstraint('users_org_lead_ck', sql`role <> 'org_lead' or organisation_id is not null`)
    .execute();

  await db.schema
    .createTable('audit_log')
    .$call(t.id())
    .$call(t.timestamp('at', { notNull: true }))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .$call(t.json('details'))
    .execute();

  for (const statement of pg ? postgresTriggers : sqliteTriggers) await sql.raw(statement).execute(db);
}

// Triggers guard against application bugs, not against someone with DDL rights.
const IMMUTABLE_SUBMISSION =
  'submissions are immutable: the only allowed change is marking the current submission superseded';

const sqliteTriggers = [
  `create trigger audit_log_no_update before update on audit_log
   begin select raise(abort, 'audit_log is append-only'); end`,
  `create trigger audit_log_no_delete before delete on audit_log
   begin select raise(abort, 'audit_log is append-only'); end`,
  `create trigger submissions_immutable before update on submissions
   when not (old.superseded_at is null and new.superseded_at is not null
     and new.id = old.id and new.respondent_id = old.respondent_id
     and new.answers = old.answers and new.submitted_at = old.submitted_at)
   begin select raise(abort, '${IMMUTABLE_SUBMISSION}'); end`,
];

const postgresTriggers = [
  `create function pejling_append_only() returns trigger language plpgsql as $$
   begin
     raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation';
   end $$`,
  `create function pejling_immutable() returns trigger language plpgsql as $$
   begin
     raise exception '${IMMUTABLE_SUBMISSION}' using errcode = 'restrict_violation';
   end $$`,
  `create trigger audit_log_no_change before update or delete on audit_log
   for each row execute function pejling_append_only()`,
  `create trigger audit_log_no_truncate before truncate on audit_log
   for each statement execute function pejling_append_only()`,
  // WHEN keeps the allowed change (superseding) free of a function call per row.
  `create trigger submissions_immutable before update on submissions for each row
   when (not (old.superseded_at is null and new.superseded_at is not null
     and new.id = old.id and new.respondent_id = old.respondent_id
     and new.answers::text = old.answers::text and new.submitted_at = old.submitted_at))
   execute function pejling_immutable()`,
];
