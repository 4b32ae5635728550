/**
 * SQL of the registry's bulk import (enterprises.import.ts), moved here unchanged: the two TEMPORARY staging
 * tables (`t`: the rows keyed by credit code; `${t}_tok`: their name tokens), the batched staging inserts
 * (PostgreSQL: one unnest statement per batch; SQLite: multi-row VALUES), the merge into the registry, and
 * the job's error rows. The statements and their batching are what bench/enterprises measures: change them
 * only with a benchmark run. `pg` is true on PostgreSQL.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Db } from './enterprises.repository.js';
import type { EntImportErrorsTable } from './enterprises.tables.js';

/** The staging table's columns, in the order of a staged row's values. */
export const STAGE_COLS = [
  'row_no',
  'credit_code',
  'new_id',
  'content_hash',
  'name',
  'former_names',
  'legal_representative',
  'registered_address',
  'operating_address',
  'region_code',
  'industry_code',
  'category',
  'scale',
  'supervising_unit',
  'contact_name',
  'contact_mobile',
  'contact_email',
  'lic_id',
  'lic_kind',
  'lic_number',
  'lic_scope',
  'lic_from',
  'lic_to',
  'lic_issuer',
] as const;

/** A staged row: the values of STAGE_COLS in order. */
export type StagedRow = (string | number | null)[];

export async function createStagingTables(db: Db, t: string): Promise<void> {
  await sql
    .raw(
      `CREATE TEMPORARY TABLE ${t} (${STAGE_COLS.map((c) => (c === 'row_no' ? 'row_no integer PRIMARY KEY' : c === 'credit_code' ? 'credit_code text UNIQUE' : `${c} text`)).join(', ')}, old_id text, old_hash text)`,
    )
    .execute(db);
  await sql.raw(`CREATE TEMPORARY TABLE ${t}_tok (row_no integer, token text)`).execute(db);
}

/** Drops both staging tables; a failure to drop is ignored (the session's end drops them anyway). */
export async function dropStagingTables(db: Db, t: string): Promise<void> {
  await sql
    .raw(`DROP TABLE IF EXISTS ${t}`)
    .execute(db)
    .catch(() => {});
  await sql
    .raw(`DROP TABLE IF EXISTS ${t}_tok`)
    .execute(db)
    .catch(() => {});
}

/**
 * Stages a batch; answers the row numbers staged. PostgreSQL: one statement per batch with the columns as
 * arrays (unnest), so the SQL text and its plan stay the same for every batch. SQLite: multi-row VALUES
 * (the statement of a full batch is compiled once and cached). A code staged by an earlier batch is skipped
 * by ON CONFLICT and found missing from RETURNING.
 */
export async function stageRows(db: Db, t: string, pg: boolean, rows: StagedRow[]): Promise<Set<number>> {
  const width = STAGE_COLS.length;
  const param = (i: number) => (pg ? `$${i + 1}` : '?');
  const stageSql =
    `INSERT INTO ${t} (${STAGE_COLS.join(', ')}) ` +
    (pg
      ? `SELECT * FROM unnest(${STAGE_COLS.map((c, i) => `$${i + 1}::${c === 'row_no' ? 'integer' : 'text'}[]`).join(', ')})`
      : `VALUES ${Array.from({ length: rows.length }, (_, ri) => `(${STAGE_COLS.map((__, ci) => param(ri * width + ci)).join(', ')})`).join(', ')}`) +
    ' ON CONFLICT (credit_code) DO NOTHING RETURNING row_no';
  const params = pg ? STAGE_COLS.map((_, ci) => rows.map((r) => r[ci])) : rows.flat();
  const staged = await db.executeQuery<{ row_no: number | string }>(CompiledQuery.raw(stageSql, params));
  return new Set(staged.rows.map((r) => Number(r.row_no)));
}

/** The row number under which each of `codes` was staged first. */
export async function stagedRowsOfCodes(db: Db, t: string, codes: string[]): Promise<Map<string, number>> {
  const seen = await sql<{
    credit_code: string;
    row_no: number | string;
  }>`SELECT credit_code, row_no FROM ${sql.table(t)} WHERE credit_code IN (${sql.join(codes)})`.execute(db);
  return new Map(seen.rows.map((r) => [r.credit_code, Number(r.row_no)]));
}

/** Stages name tokens ([row number, token]): PostgreSQL one unnest statement, SQLite 400 per statement. */
export async function stageTokens(db: Db, t: string, pg: boolean, tok: [number, string][]): Promise<void> {
  if (pg) {
    if (tok.length)
      await db.executeQuery(
        CompiledQuery.raw(
          `INSERT INTO ${t}_tok (row_no, token) SELECT * FROM unnest($1::integer[], $2::text[])`,
          [tok.map((x) => x[0]), tok.map((x) => x[1])],
        ),
      );
    return;
  }
  for (let i = 0; i < tok.length; i += 400) {
    const part = tok.slice(i, i + 400);
    const values = part.map(() => '(?, ?)').join(', ');
    await db.executeQuery(
      CompiledQuery.raw(`INSERT INTO ${t}_tok (row_no, token) VALUES ${values}`, part.flat()),
    );
  }
}

/** Writes error rows, 500 per statement. */
export async function insertImportErrors(db: Db, errors: EntImportErrorsTable[]): Promise<void> {
  for (let i = 0; i < errors.length; i += 500)
    await db
      .insertInto('ent_import_errors')
      .values(errors.slice(i, i + 500))
      .execute();
}

/** One page of a job's error rows in report order (row, then column). */
export async function importErrorsPage(
  db: Db,
  jobId: string,
  offset: number,
  limit: number,
): Promise<EntImportErrorsTable[]> {
  return db
    .selectFrom('ent_import_errors')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('row_no')
    .orderBy('column_name')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Fresh PostgreSQL statistics of the staging table before the merge reads it. */
export async function analyzeStagingTable(db: Db, t: string): Promise<void> {
  await sql.raw(`ANALYZE ${t}`).execute(db);
}

/** Fresh PostgreSQL statistics and visibility map of the registry after a bulk load (outside any transaction). */
export async function vacuumAnalyzeRegistry(db: Db): Promise<void> {
  await sql.raw('VACUUM (ANALYZE) ent_enterprises, ent_name_tokens, ent_licences').execute(db);
}

/**
 * Merges the staged rows into the agency's registry (run it in the import's transaction): a staged row is
 * new (old_id null), unchanged (same content hash) or changed. New enterprises are inserted, changed ones
 * updated (version + 1) with their licences and name tokens replaced. Answers how many staged rows were
 * changed (new included) and how many of those were updates.
 */
export async function mergeStagedEnterprises(
  trx: Db,
  t: string,
  org: string,
  jobId: string,
  now: string,
): Promise<{ changedCount: number; updated: number }> {
  const s = sql.table(t);
  const changed = sql.raw(`(${t}.old_id IS NULL OR ${t}.old_hash <> ${t}.content_hash)`);
  const updatedOnly = sql.raw(`${t}.old_id IS NOT NULL AND ${t}.old_hash <> ${t}.content_hash`);
  const entId = sql.raw(`COALESCE(${t}.old_id, ${t}.new_id)`);
  // The registry is probed once per staged row (by the unique credit-code index); every later statement
  // reads the staged row's enterprise id and old hash instead of joining the registry again.
  await sql`UPDATE ${s} SET (old_id, old_hash) = (SELECT e.id, e.content_hash FROM ent_enterprises e WHERE e.org_id = ${org} AND e.credit_code = ${s}.credit_code)`.execute(
    trx,
  );
  const countsR = await sql<{
    changed: number | string | null;
    updated: number | string | null;
  }>`SELECT SUM(CASE WHEN ${changed} THEN 1 ELSE 0 END) AS changed, SUM(CASE WHEN ${updatedOnly} THEN 1 ELSE 0 END) AS updated FROM ${s}`.execute(
    trx,
  );
  const changedCount = Number(countsR.rows[0]?.changed ?? 0);
  const updated = Number(countsR.rows[0]?.updated ?? 0);
  if (changedCount > 0) {
    const insert = sql`
      INSERT INTO ent_enterprises (id, org_id, credit_code, name, former_names, legal_representative, registered_address,
        operating_address, region_code, industry_code, category, scale, supervising_unit, contact_name, contact_mobile,
        contact_email, content_hash, import_job_id, version, created_at, updated_at)
      SELECT ${entId}, ${org}, credit_code, name, former_names, legal_representative, registered_address, operating_address,
        region_code, industry_code, category, scale, supervising_unit, contact_name, contact_mobile, contact_email,
        content_hash, ${jobId}, 1, ${now}, ${now}
      FROM ${s}`;
    // New enterprises: a plain insert. An enterprise with the same code created meanwhile by another
    // transaction (PostgreSQL) fails the unique index and rolls the whole import back.
    if (changedCount > updated) await sql`${insert} WHERE ${s}.old_id IS NULL`.execute(trx);
    if (updated > 0)
      await sql`${insert} WHERE ${updatedOnly}
      ON CONFLICT (org_id, credit_code) DO UPDATE SET
        name = excluded.name, former_names = excluded.former_names, legal_representative = excluded.legal_representative,
        registered_address = excluded.registered_address, operating_address = excluded.operating_address,
        region_code = excluded.region_code, industry_code = excluded.industry_code, category = excluded.category,
        scale = excluded.scale, supervising_unit = excluded.supervising_unit, contact_name = excluded.contact_name,
        contact_mobile = excluded.contact_mobile, contact_email = excluded.contact_email,
        content_hash = excluded.content_hash, import_job_id = excluded.import_job_id,
        version = ent_enterprises.version + 1, updated_at = excluded.updated_at`.execute(trx);
    // Licences and tokens of changed enterprises are replaced (new ones have none yet).
    if (updated > 0) {
      await sql`DELETE FROM ent_licences WHERE enterprise_id IN (SELECT old_id FROM ${s} WHERE ${updatedOnly})`.execute(
        trx,
      );
      await sql`DELETE FROM ent_name_tokens WHERE enterprise_id IN (SELECT old_id FROM ${s} WHERE ${updatedOnly})`.execute(
        trx,
      );
    }
    await sql`
      INSERT INTO ent_licences (id, org_id, enterprise_id, kind, number, scope, valid_from, valid_to, issuer, created_at)
      SELECT lic_id, ${org}, ${entId}, lic_kind, lic_number, lic_scope, lic_from, lic_to, lic_issuer, ${now}
      FROM ${s} WHERE ${changed} AND lic_kind IS NOT NULL`.execute(trx);
    // In the token index's order: the postings are appended page by page instead of one random page per token.
    await sql`
      INSERT INTO ent_name_tokens (org_id, token, enterprise_id)
      SELECT ${org}, k.token, ${entId}
      FROM ${sql.table(`${t}_tok`)} k JOIN ${s} ON ${s}.row_no = k.row_no
      WHERE ${changed}
      ORDER BY k.token, 3
      ON CONFLICT DO NOTHING`.execute(trx);
  }
  return { changedCount, updated };
}
