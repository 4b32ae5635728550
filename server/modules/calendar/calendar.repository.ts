import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CalendarYearsTable } from './calendar.tables.js';

export type CalendarYearRow = Selectable<CalendarYearsTable>;
type Db = Kysely<DB>;

export async function listYears(db: Db): Promise<CalendarYearRow[]> {
  return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
}

export async function findYear(db: Db, year: number): Promise<CalendarYearRow | undefined> {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function insertYear(db: Db, row: CalendarYearsTable): Promise<void> {
  await db.insertInto('calendar_years').values(row).execute();
}

export async function updateYear(db: Db, year: number, patch: Partial<CalendarYearsTable>): Promise<void> {
  await db.updateTable('calendar_years').set(patch).where('year', '=', year).execute();
}

export async function deleteYear(db: Db, year: number): Promise<void> {
  await db.deleteFrom('calendar_years').where('year', '=', year).execute();
}

/** The current change revision (0 on a fresh database). */
export async function revision(db: Db): Promise<number> {
  const row = await db.selectFrom('calendar_state').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** Bumps the revision in the caller's transaction; the UPDATE also serialises concurrent editors. */
export async function bumpRevision(db: Db): Promise<number> {
  await db
    .updateTable('calendar_state')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  return revision(db);
}
