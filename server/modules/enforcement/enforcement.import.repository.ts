/**
 * SQL of the 双公示 bulk import (enforcement.import.ts), moved here unchanged: the import jobs and their
 * error rows, the job's TEMPORARY staging table, the set-based checks of the staged rows and the merge into
 * enforcement_decisions. The statements and their batching are what the import benchmarks measure
 * (docs/perf/import.md): change them only with a benchmark run.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DialectName } from '../../db/database.js';
import type { EnforcementImportErrorsTable, EnforcementImportJobsTable } from './enforcement.tables.js';
import type { StagedRow } from './import.reader.js';

type Db = Kysely<DB>;

// ---------- jobs and error rows ----------

export async function insertImportJob(db: Db, job: EnforcementImportJobsTable): Promise<void> {
  await db.insertInto('enforcement_import_jobs').values(job).execute();
}

export async function findImportJob(db: Db, id: string): Promise<EnforcementImportJobsTable | undefined> {
  return db.selectFrom('enforcement_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The agency's last 20 jobs, newest first. */
export async function recentImportJobs(db: Db, orgId: string): Promise<EnforcementImportJobsTable[]> {
  return db
    .selectFrom('enforcement_import_jobs')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

export async function updateImportJob(
  db: Db,
  id: string,
  patch: Partial<EnforcementImportJobsTable>,
): Promise<void> {
  await db.updateTable('enforcement_import_jobs').set(patch).where('id', '=', id).execute();
}

/** Writes error rows in one statement (callers bound the batch). */
export async function insertImportErrors(db: Db, rows: EnforcementImportErrorsTable[]): Promise<void> {
  await db.insertInto('enforcement_import_errors').values(rows).execute();
}

/** One page of a job's error rows in report order (row, then column). */
export async function importErrorsPage(
  db: Db,
  jobId: string,
  offset: number,
  limit: number,
): Promise<EnforcementImportErrorsTable[]> {
  return db
    .selectFrom('enforcement_import_errors')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('row_no')
    .orderBy('column_name')
    .limit(limit)
    .offset(offset)
    .execute();
}

// ---------- SQLite page cache (widened for the merge) ----------

export async function sqliteCacheSize(db: Db): Promise<number> {
  const current = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
  return Number(current.rows[0]?.cache_size ?? 0);
}

/** Negative sizes are KiB, positive ones pages. */
export async function setSqliteCacheSize(db: Db, size: number): Promise<void> {
  await sql.raw(`PRAGMA cache_size = ${size}`).execute(db);
}

// ---------- staging ----------

/**
 * The staged rows of one job live in a TEMPORARY table of their own: not WAL-logged, never fsync'd, gone
 * with the connection, so staging costs a fraction of a durable write (the old shared staging table wrote
 * every row to the WAL twice: insert, then delete after the merge). SQLite's temp store is file-backed
 * (page cache bounded by cache_size), PostgreSQL's spills past temp_buffers: memory stays bounded.
 * Only rows that passed validation are staged; in "all" mode, once a row has failed, later rows are staged
 * as keys only (文号, hash), which is all the duplicate and conflict checks need.
 */
const STAGE_COLUMNS = [
  ['row_no', 'integer'],
  ['decision_number', 'text'],
  ['content_hash', 'text'],
  ['new_id', 'text'],
  ['history_id', 'text'],
  ['kind', 'text'],
  ['decision_date', 'text'],
  ['item_name', 'text'],
  ['counterparty_type', 'text'],
  ['counterparty_name', 'text'],
  ['credit_code', 'text'],
  ['legal_representative', 'text'],
  ['legal_basis', 'text'],
  ['content', 'text'],
  ['fine_fen', 'bigint'],
  ['confiscation_fen', 'bigint'],
  ['valid_from', 'text'],
  ['valid_to', 'text'],
  ['handling_division', 'text'],
  ['publish_due', 'text'],
  ['publish_due_estimated', 'integer'],
] as const;

/** Staged rows per INSERT statement. */
export const STAGE_ROWS_PER_INSERT = 100;

/** Where the staged rows of a job go. */
export class ImportStage {
  readonly table: string;
  private readonly insertSql: string;

  constructor(
    private readonly ctx: { db: Db; dialect: DialectName },
    jobId: string,
  ) {
    this.table = `gk_import_${jobId.replace(/-/g, '')}`;
    this.insertSql = this.insertText(STAGE_ROWS_PER_INSERT);
  }

  /**
   * Multi-row INSERT text with bound parameters. 100 rows keep the text short enough for the SQLite
   * statement cache (server/db/statement-cache.ts), so it is compiled once per job instead of once per
   * batch; Kysely's query builder is bypassed (building and compiling 2,100 value nodes per statement
   * cost more than SQLite's insert). Measured alternatives: 500-row statements compiled each time and one
   * JSON text per batch (json_each / ->>) both took 2–3× the CPU.
   */
  private insertText(rows: number): string {
    const pg = this.ctx.dialect === 'postgres';
    const width = STAGE_COLUMNS.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const params = STAGE_COLUMNS.map(([, type], c) =>
        pg ? `$${r * width + c + 1}${type === 'text' ? '' : `::${type}`}` : '?',
      );
      tuples.push(`(${params.join(', ')})`);
    }
    return `INSERT INTO ${this.table} (${STAGE_COLUMNS.map(([c]) => c).join(', ')}) VALUES ${tuples.join(', ')}`;
  }

  async create(): Promise<void> {
    const cols = STAGE_COLUMNS.map(([c, t]) => (c === 'row_no' ? `${c} ${t} PRIMARY KEY` : `${c} ${t}`));
    await sql.raw(`CREATE TEMPORARY TABLE ${this.table} (${cols.join(', ')})`).execute(this.ctx.db);
  }

  async insert(rows: StagedRow[]): Promise<void> {
    const width = STAGE_COLUMNS.length;
    for (let i = 0; i < rows.length; i += STAGE_ROWS_PER_INSERT) {
      const part = rows.slice(i, i + STAGE_ROWS_PER_INSERT);
      const params: unknown[] = [];
      for (const row of part) for (let c = 0; c < width; c++) params.push(row[c] ?? null);
      const text = part.length === STAGE_ROWS_PER_INSERT ? this.insertSql : this.insertText(part.length);
      await this.ctx.db.executeQuery(CompiledQuery.raw(text, params));
    }
  }

  /** Index and statistics once the rows are in: one sort beats maintaining the index row by row. */
  async index(): Promise<void> {
    await sql
      .raw(`CREATE INDEX ${this.table}_n ON ${this.table} (decision_number, row_no)`)
      .execute(this.ctx.db);
    if (this.ctx.dialect === 'postgres') await sql.raw(`ANALYZE ${this.table}`).execute(this.ctx.db);
  }

  async drop(): Promise<void> {
    await sql.raw(`DROP TABLE IF EXISTS ${this.table}`).execute(this.ctx.db);
  }
}

/**
 * The set-based checks of the staged rows: 文号 repeated inside the file, and rows that would change a
 * decision already in review or published, are written to the job's error rows; every staged row with an
 * error is then dropped from the stage. Answers the number of rows dropped.
 */
export async function checkStagedDecisions(
  db: Db,
  dialect: DialectName,
  table: string,
  jobId: string,
  orgId: string,
): Promise<number> {
  const s = sql.table(table).as('s');
  // Staged rows drive the lookups of existing decisions (one probe of the (org_id, 文号) index each).
  // Without statistics SQLite preferred to walk every decision of the agency and probe the staging
  // table, i.e. the whole register for every import; CROSS JOIN fixes SQLite's join order. PostgreSQL
  // plans from the stage's ANALYZE.
  const lookup = dialect === 'sqlite' ? sql`CROSS JOIN` : sql`JOIN`;

  // 文号 repeated inside the file: the first occurrence wins, later ones are errors naming it.
  await sql`
    INSERT INTO enforcement_import_errors (job_id, row_no, column_name, reason)
    SELECT ${jobId}, s.row_no, '决定文号',
           '文号“' || s.decision_number || '”与第' || CAST(f.first_row AS varchar(12)) || '行重复'
    FROM ${s}
    JOIN (SELECT decision_number, MIN(row_no) AS first_row FROM ${sql.table(table)}
          GROUP BY decision_number HAVING COUNT(*) > 1) f
      ON f.decision_number = s.decision_number
    WHERE s.row_no > f.first_row`.execute(db);
  // A decision already in review or on the portal changes only through the console (更正 with a notice).
  await sql`
    INSERT INTO enforcement_import_errors (job_id, row_no, column_name, reason)
    SELECT ${jobId}, s.row_no, '决定文号',
           '文号“' || s.decision_number || '”的决定已提交审核或已公开，导入内容与之不同，不能通过导入修改；请在控制台使用“更正”'
    FROM ${s}
    ${lookup} enforcement_decisions d ON d.org_id = ${orgId} AND d.decision_number = s.decision_number
    WHERE d.pub_state NOT IN ('draft', 'taken_down') AND d.content_hash <> s.content_hash
      AND NOT EXISTS (SELECT 1 FROM enforcement_import_errors e WHERE e.job_id = ${jobId} AND e.row_no = s.row_no)`.execute(
    db,
  );
  // Staged rows are valid rows, so every staged row with an error now is a further distinct bad row.
  const dropped = await sql`
    DELETE FROM ${sql.table(table)}
    WHERE row_no IN (SELECT row_no FROM enforcement_import_errors WHERE job_id = ${jobId})`.execute(db);
  return Number(dropped.numAffectedRows ?? 0);
}

/**
 * Merges the staged rows into enforcement_decisions (run it in the import's transaction): history rows of
 * updated decisions (written first, so they name the state the decisions were in), then INSERT … ON
 * CONFLICT (org_id, 文号) DO UPDATE of new and changed drafts, then history rows of the new decisions.
 * Answers how many decisions were inserted and how many changed.
 */
export async function mergeStagedDecisions(
  trx: Db,
  dialect: DialectName,
  table: string,
  m: {
    jobId: string;
    orgId: string;
    fileName: string;
    actorName: string;
    actorUserId: string | null;
    now: string;
  },
): Promise<{ inserted: number; changed: number }> {
  const { jobId, orgId, fileName, actorName, actorUserId, now } = m;
  const s = sql.table(table).as('s');
  const lookup = dialect === 'sqlite' ? sql`CROSS JOIN` : sql`JOIN`;
  const note = (prefix: string) => sql`${prefix} || CAST(s.row_no AS varchar(12)) || ${'行）'}`;
  // History of updated decisions, written before the update so it names the state they were in; its
  // row count is the number of changed decisions.
  const changedRows = await sql`
      INSERT INTO enforcement_decision_history (id, decision_id, org_id, at, actor_name, action, from_state, to_state, note, before_json)
      SELECT s.history_id, d.id, d.org_id, ${now}, ${actorName}, 'import_update', d.pub_state, d.pub_state,
             ${note(`批量导入更新（${fileName} 第`)}, NULL
      FROM ${s}
      ${lookup} enforcement_decisions d ON d.org_id = ${orgId} AND d.decision_number = s.decision_number
      WHERE d.content_hash <> s.content_hash AND d.pub_state IN ('draft', 'taken_down')`.execute(trx);
  // Inserts new 文号 and updates changed ones; unchanged rows match the WHERE of neither. The state test
  // repeats the check above inside the transaction: a draft submitted for review since then is kept.
  await sql`
      INSERT INTO enforcement_decisions (
        id, org_id, kind, decision_number, decision_date, item_id, item_name, counterparty_type, counterparty_name,
        credit_code, legal_representative, legal_basis, content, fine_fen, confiscation_fen, valid_from, valid_to,
        handling_division, legal_status, pub_state, publish_due, publish_due_estimated, published_at, public_until,
        return_reason, submitted_by, content_hash, import_job_id, import_row, version, created_by, created_at, updated_at)
      SELECT s.new_id, ${orgId}, s.kind, s.decision_number, s.decision_date,
        (SELECT i.id FROM enforcement_items i WHERE i.org_id = ${orgId} AND i.kind = s.kind
           AND i.name = s.item_name AND i.year = CAST(substr(s.decision_date, 1, 4) AS integer)),
        s.item_name, s.counterparty_type, s.counterparty_name, s.credit_code, s.legal_representative, s.legal_basis,
        s.content, s.fine_fen, s.confiscation_fen, s.valid_from, s.valid_to, s.handling_division, 'in_force', 'draft',
        s.publish_due, s.publish_due_estimated, NULL, NULL, NULL, NULL, s.content_hash, ${jobId}, s.row_no, 1,
        ${actorUserId}, ${now}, ${now}
      FROM ${s}
      WHERE true
      ON CONFLICT (org_id, decision_number) DO UPDATE SET
        kind = excluded.kind, decision_date = excluded.decision_date, item_id = excluded.item_id,
        item_name = excluded.item_name, counterparty_type = excluded.counterparty_type,
        counterparty_name = excluded.counterparty_name, credit_code = excluded.credit_code,
        legal_representative = excluded.legal_representative, legal_basis = excluded.legal_basis,
        content = excluded.content, fine_fen = excluded.fine_fen, confiscation_fen = excluded.confiscation_fen,
        valid_from = excluded.valid_from, valid_to = excluded.valid_to, handling_division = excluded.handling_division,
        publish_due = excluded.publish_due, publish_due_estimated = excluded.publish_due_estimated,
        content_hash = excluded.content_hash, import_job_id = excluded.import_job_id, import_row = excluded.import_row,
        version = enforcement_decisions.version + 1, updated_at = excluded.updated_at
      WHERE enforcement_decisions.content_hash <> excluded.content_hash
        AND enforcement_decisions.pub_state IN ('draft', 'taken_down')`.execute(trx);
  // New decisions are exactly those that kept the id staged for them.
  const insertedRows = await sql`
      INSERT INTO enforcement_decision_history (id, decision_id, org_id, at, actor_name, action, from_state, to_state, note, before_json)
      SELECT s.history_id, s.new_id, ${orgId}, ${now}, ${actorName}, 'import_create', NULL, 'draft',
             ${note(`批量导入（${fileName} 第`)}, NULL
      FROM ${s} JOIN enforcement_decisions d ON d.id = s.new_id`.execute(trx);
  const inserted = Number(insertedRows.numAffectedRows ?? 0);
  const changed = Number(changedRows.numAffectedRows ?? 0);
  return { inserted, changed };
}
