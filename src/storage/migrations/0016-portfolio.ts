/**
 * The digital portfolio (contract §6): each organisation's initiatives, what each realised per
 * month, and the organisation's settings for valuing them. Belongs to the organisation, not to
 * a round: a portfolio runs across years. Names are unique per organisation by `name_key`
 * (trimmed, lower case), so "Skærmbesøg" and "skærmbesøg " are one initiative.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

// Spelled out rather than imported: a migration must mean the same forever.
const TRACKS = ['skal-udfordringer', 'skal-loesninger', 'forudsaetninger'];
const STATUSES = ['ide', 'besluttet', 'i-gang', 'i-drift', 'stoppet'];

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const isMonth = (column: string) =>
    dialect === 'postgres'
      ? sql`${sql.ref(column)} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`
      : sql`${sql.ref(column)} glob '[0-9][0-9][0-9][0-9]-[01][0-9]' and substr(${sql.ref(column)}, 6, 2) between '01' and '12'`;
  const amount = (name: string) => sql`${sql.ref(name)} >= 0`;

  await db.schema
    .createTable('portfolio_settings')
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .addColumn('hourly_cost_dkk', 'double precision', (c) => c.notNull())
    .addColumn('hours_per_fte', 'double precision', (c) => c.notNull())
    .addColumn('discount_rate', 'double precision', (c) => c.notNull())
    .addColumn('horizon_years', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addPrimaryKeyConstraint('portfolio_settings_pk', ['organisation_id'])
    .addCheckConstraint(
      'portfolio_settings_ck',
      sql`hourly_cost_dkk >= 0 and hours_per_fte > 0 and discount_rate >= 0 and discount_rate <= 1 and horizon_years between 1 and 50`,
    )
    .execute();

  await db.schema
    .createTable('portfolio_initiatives')
    .$call(t.id())
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('track', 'text', (c) => c.notNull().check(oneOf('track', TRACKS)))
    .addColumn('owner', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', STATUSES)))
    .addColumn('competency', 'text')
    .addColumn('start_month', 'text', (c) => c.notNull())
    .addColumn('investment_dkk', 'double precision', (c) => c.notNull())
    .addColumn('running_cost_dkk_per_year', 'double precision', (c) => c.notNull())
    .addColumn('expected_hours_per_year', 'double precision', (c) => c.notNull())
    .addColumn('expected_dkk_per_year', 'double precision', (c) => c.notNull())
    .addColumn('gains_booked', 'integer', (c) => c.notNull().check(sql`gains_booked in (0, 1)`))
    .addColumn('budget_year', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('created_at', { notNull: true }))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addUniqueConstraint('portfolio_initiatives_name_uq', ['organisation_id', 'name_key'])
    .addCheckConstraint('portfolio_initiatives_name_ck', sql`length(name) between 1 and 200`)
    .addCheckConstraint('portfolio_initiatives_start_ck', isMonth('start_month'))
    .addCheckConstraint(
      'portfolio_initiatives_amounts_ck',
      sql`${amount('investment_dkk')} and ${amount('running_cost_dkk_per_year')} and ${amount('expected_hours_per_year')} and ${amount('expected_dkk_per_year')}`,
    )
    .addCheckConstraint('portfolio_initiatives_budget_ck', sql`gains_booked = 0 or budget_year is not null`)
    .execute();

  await db.schema
    .createTable('portfolio_realisations')
    .$call(t.ref('initiative_id', 'portfolio_initiatives', { notNull: true, onDelete: 'cascade' }))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('realised_hours', 'double precision', (c) => c.notNull())
    .addColumn('realised_dkk', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addPrimaryKeyConstraint('portfolio_realisations_pk', ['initiative_id', 'month'])
    .addCheckConstraint('portfolio_realisations_month_ck', isMonth('month'))
    .addCheckConstraint('portfolio_realisations_amounts_ck', sql`realised_hours >= 0 and realised_dkk >= 0`)
    .execute();
}
