/** SQL of the captcha module (the only file that touches `captchas`). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CaptchasTable } from './captcha.tables.js';

type Db = Kysely<DB>;

export async function insertCaptcha(db: Db, row: CaptchasTable): Promise<void> {
  await db.insertInto('captchas').values(row).execute();
}

/** Removes expired captchas (short-lived table, swept on the way). */
export async function sweepExpired(db: Db, nowIso: string): Promise<void> {
  await db.deleteFrom('captchas').where('expires_at', '<', nowIso).execute();
}

/**
 * Marks a captcha used in ONE statement and returns what it was (purpose, answer hash), or undefined
 * when it does not exist, has expired or was already used. Two parallel consumers: exactly one gets
 * the row, because the `used_at IS NULL` condition and the update are one atomic statement.
 */
export async function consume(
  db: Db,
  id: string,
  nowIso: string,
): Promise<Pick<CaptchasTable, 'purpose' | 'answer_hash'> | undefined> {
  return db
    .updateTable('captchas')
    .set({ used_at: nowIso })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>=', nowIso)
    .returning(['purpose', 'answer_hash'])
    .executeTakeFirst();
}
