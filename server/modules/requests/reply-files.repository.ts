/** SQL of the files released with a reply (request_reply_files): the information itself, for /track. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RequestReplyFilesTable } from './requests.tables.js';

type Db = Kysely<DB>;

/** A reply file without its bytes. */
export interface ReplyFileMeta {
  id: string;
  org_id: string;
  case_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

const META = ['id', 'org_id', 'case_id', 'file_name', 'mime', 'size_bytes', 'sha256', 'created_at'] as const;

export async function insertReplyFile(db: Db, row: Insertable<RequestReplyFilesTable>): Promise<void> {
  await db.insertInto('request_reply_files').values(row).execute();
}

export async function replyFilesOf(db: Db, caseId: string): Promise<ReplyFileMeta[]> {
  const rows = await db
    .selectFrom('request_reply_files')
    .select(META)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

export async function findReplyFile(db: Db, id: string) {
  return db.selectFrom('request_reply_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteReplyFile(db: Db, id: string): Promise<void> {
  await db.deleteFrom('request_reply_files').where('id', '=', id).execute();
}
