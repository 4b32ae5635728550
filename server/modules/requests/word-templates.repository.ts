/** SQL of agencies' Word letter layouts (request_docx_templates: one per agency and letter kind). */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { LetterKind, RequestDocxTemplatesTable } from './requests.tables.js';

type Db = Kysely<DB>;

/** A Word template without its bytes. */
export interface WordTemplateMeta {
  id: string;
  kind: LetterKind;
  file_name: string;
  placeholders: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

const META = [
  'id',
  'kind',
  'file_name',
  'placeholders',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;

export async function wordTemplatesOf(db: Db, orgId: string): Promise<WordTemplateMeta[]> {
  const rows = await db
    .selectFrom('request_docx_templates')
    .select(META)
    .where('org_id', '=', orgId)
    .where('outcome_code', '=', '')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

/** The agency's template for a kind, with its bytes (base64). */
export async function findWordTemplate(db: Db, orgId: string, kind: LetterKind) {
  return db
    .selectFrom('request_docx_templates')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('outcome_code', '=', '')
    .executeTakeFirst();
}

export async function insertWordTemplate(db: Db, row: Insertable<RequestDocxTemplatesTable>): Promise<void> {
  await db.insertInto('request_docx_templates').values(row).execute();
}

export async function deleteWordTemplate(db: Db, id: string): Promise<void> {
  await db.deleteFrom('request_docx_templates').where('id', '=', id).execute();
}
