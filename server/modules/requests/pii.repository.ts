/** SQL of the ID-number protection: the pre-issue-14 key row and the ciphertexts a rotation rewrites. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** The key an installation from before issue 14 kept in the database (base64), if still there. */
export async function legacyKey(db: Db, name: string): Promise<string | null> {
  const row = await db
    .selectFrom('request_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function deleteLegacyKey(db: Db, name: string): Promise<void> {
  await db.deleteFrom('request_secrets').where('name', '=', name).execute();
}

/** The next batch of cases after `afterId` (primary-key order: a rotation resumes where it stopped). */
export async function sealedBatch(db: Db, afterId: string, limit: number) {
  return db
    .selectFrom('request_cases')
    .select(['id', 'id_number_enc'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Rewrites one case's ciphertext and HMAC unless someone changed the ciphertext meanwhile. */
export async function resealCase(
  db: Db,
  id: string,
  before: string,
  after: { id_number_enc: string; id_number_hmac: string },
): Promise<boolean> {
  const res = await db
    .updateTable('request_cases')
    .set(after)
    .where('id', '=', id)
    .where('id_number_enc', '=', before)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
