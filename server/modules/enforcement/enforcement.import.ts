/**
 * Bulk import of decisions from CSV or .xlsx, streamed in bounded memory:
 *   1. read   — rows stream from the file (csv-parse / exceljs WorkbookReader), are validated one by one
 *               (pure rules) and written in batches to the job's TEMPORARY staging table (no WAL, no fsync);
 *               problems go to the error table, committed with the job's progress about once a second;
 *   2. check  — set-based SQL finds 文号 repeated inside the file and rows that would change a decision
 *               already in review or published;
 *   3. merge  — one transaction: INSERT … SELECT … ON CONFLICT (org_id, 文号) DO UPDATE, so a re-import
 *               updates (never duplicates) and unchanged rows are left alone; history rows and one audit
 *               row ride in the same transaction. In "all" mode any error rejects the whole file first.
 * Measurements and the alternatives that were tried: docs/perf/import.md.
 */
import { statSync } from 'node:fs';
import { CompiledQuery, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import { enforcementCalendar } from './enforcement.calendar.js';
import { getSettings, actorAgency } from './enforcement.service.js';
import { publishDue } from './enforcement.rules.js';
import type { EnforcementImportJobsTable, EnforcementImportErrorsTable } from './enforcement.tables.js';
import { IMPORT_COLUMNS } from './import.columns.js';
import {
  ImportFileError,
  readImportFile,
  STAGED_DATE,
  type ImportFormat,
  type ImportMode,
  type ReadBatch,
  type ReadOptions,
  type StagedRow,
} from './import.reader.js';

export type { ImportFormat, ImportMode };
export type ImportJob = EnforcementImportJobsTable;

export function formatOf(fileName: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new DomainError('unsupported_file', '只支持 .xlsx 或 .csv 文件（.xls 请在 Excel 中另存为 .xlsx）', {
    field: 'file',
  });
}

/** Creates the job row (status running) for the actor's agency. */
export async function createImportJob(
  ctx: Ctx,
  actor: Actor,
  input: { fileName: string; mode: ImportMode; orgId?: string },
): Promise<ImportJob> {
  if (!can(actor, 'enforcement.manage')) throw forbidden('没有导入双公示信息的权限');
  const format = formatOf(input.fileName);
  if (input.mode !== 'all' && input.mode !== 'valid')
    throw new DomainError('invalid_mode', '导入方式应为“全部正确才导入”或“仅导入正确行”', { field: 'mode' });
  const orgId = actorAgency(actor, input.orgId);
  const job: ImportJob = {
    id: newId(),
    org_id: orgId,
    file_name: input.fileName.slice(0, 300),
    format,
    mode: input.mode,
    status: 'running',
    phase: 'reading',
    processed_rows: 0,
    total_rows: null,
    inserted_rows: 0,
    updated_rows: 0,
    unchanged_rows: 0,
    error_rows: 0,
    message: null,
    created_by: actor.userId,
    created_at: nowIso(ctx.clock),
    finished_at: null,
  };
  await ctx.db.insertInto('enforcement_import_jobs').values(job).execute();
  return job;
}

export async function getImportJob(ctx: Ctx, actor: Actor, id: string): Promise<ImportJob> {
  const job = await ctx.db
    .selectFrom('enforcement_import_jobs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!job) throw notFound('import_job', '导入任务不存在');
  await assertReadsAgency(ctx, actor, job.org_id);
  return job;
}

export async function listImportJobs(ctx: Ctx, actor: Actor): Promise<ImportJob[]> {
  if (!actor.orgId) return [];
  return ctx.db
    .selectFrom('enforcement_import_jobs')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

async function patchJob(ctx: Ctx, id: string, patch: Partial<ImportJob>): Promise<void> {
  await ctx.db.updateTable('enforcement_import_jobs').set(patch).where('id', '=', id).execute();
}

export interface ImportProgress {
  processed: number;
  total: number | null;
  phase: string;
}

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
const STAGE_ROWS_PER_INSERT = 100;

/** Where the staged rows of a job go. */
class Stage {
  readonly table: string;
  private readonly insertSql: string;

  constructor(
    private readonly ctx: Ctx,
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
 * On PostgreSQL a temporary table belongs to one session, so the whole import runs on one pooled
 * connection. SQLite has a single connection anyway, and pinning it would stall every other request
 * for the length of the import, so there the context is used as is.
 */
function onOneConnection<T>(ctx: Ctx, work: (c: Ctx) => Promise<T>): Promise<T> {
  if (ctx.dialect === 'sqlite') return work(ctx);
  return ctx.db.connection().execute((db) => work({ ...ctx, db }));
}

/**
 * Runs an import job to the end and returns the finished job. Never throws for problems in the file
 * (they end in the error report); infrastructure failures mark the job failed and are rethrown.
 */
export async function runImport(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  filePath: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportJob> {
  return onOneConnection(ctx, async (c) => {
    const stage = new Stage(c, job.id);
    try {
      return await runImportInner(c, actor, job, filePath, stage, onProgress);
    } catch (err) {
      const message = err instanceof DomainError ? err.messageZh : '导入时发生内部错误，请联系管理员';
      await patchJob(c, job.id, {
        status: 'failed',
        phase: 'done',
        message,
        finished_at: nowIso(c.clock),
      }).catch(() => {});
      throw err;
    } finally {
      await stage.drop().catch(() => {});
    }
  });
}

/**
 * SQLite page cache for the merge, per staged row. The merge inserts into the table and five indexes, four
 * of them in random order (文号, date per state and per kind, credit code); once those indexes outgrow the
 * page cache (16 MB by default, about 250,000 decisions) nearly every insert misses it and evicts a dirty
 * page to the WAL, and the merge of 1,000,000 rows took twice the CPU per row of 100,000. The cache grows
 * with the job (never past the cap, so memory stays bounded) and is restored afterwards.
 */
const MERGE_CACHE_BYTES_PER_ROW = 300;
const MERGE_CACHE_MAX_BYTES = 256 * 1024 * 1024;
let widenedMerges = 0;
let cacheBefore: number | null = null;

async function withMergeCache<T>(ctx: Ctx, rows: number, work: () => Promise<T>): Promise<T> {
  if (ctx.dialect !== 'sqlite') return work();
  const kib = Math.min(MERGE_CACHE_MAX_BYTES, rows * MERGE_CACHE_BYTES_PER_ROW) / 1024;
  const current = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(ctx.db);
  const size = Number(current.rows[0]?.cache_size ?? 0);
  // Negative sizes are KiB, positive ones pages; the default is −16000 (16 MB).
  if (widenedMerges === 0) cacheBefore = size;
  if (-size >= kib || (size > 0 && size * 4 >= kib)) return work();
  widenedMerges++;
  await sql.raw(`PRAGMA cache_size = ${-Math.ceil(kib)}`).execute(ctx.db);
  try {
    return await work();
  } finally {
    if (--widenedMerges === 0 && cacheBefore !== null)
      await sql.raw(`PRAGMA cache_size = ${cacheBefore}`).execute(ctx.db);
  }
}

/** Progress and error rows are committed at most this often (each commit is an fsync on SQLite). */
const PROGRESS_EVERY_MS = 1000;
const ERRORS_PER_COMMIT = 2000;

async function runImportInner(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  filePath: string,
  stage: Stage,
  onProgress: ((p: ImportProgress) => void) | undefined,
): Promise<ImportJob> {
  const size = statSync(filePath).size;
  const read: ReadOptions = {
    path: filePath,
    format: job.format,
    mode: job.mode,
    today: todayInChina(ctx.clock),
  };
  // One INSERT per batch; small batches also keep the rows held until staged in V8's young generation
  // (500-row batches were promoted to the old one, which doubled GC time).
  const batches = readImportFile(read, STAGE_ROWS_PER_INSERT);
  try {
    return await readStageCheckMerge(ctx, actor, job, size, batches, stage, onProgress);
  } finally {
    await batches.return(undefined);
  }
}

async function readStageCheckMerge(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  size: number,
  batches: AsyncGenerator<ReadBatch>,
  stage: Stage,
  onProgress: ((p: ImportProgress) => void) | undefined,
): Promise<ImportJob> {
  const settings = await getSettings(ctx, job.org_id);
  const calendar = await enforcementCalendar(ctx);
  // The deadline depends only on the date (settings and calendar are fixed for the job): a file of a
  // million rows has a few hundred distinct dates, and addWorkdays walks the calendar day by day.
  const dueByDate = new Map<string, ReturnType<typeof publishDue>>();
  await stage.create();

  let headerSeen = false;
  let processed = 0;
  let total: number | null = null;
  let errors: EnforcementImportErrorsTable[] = [];
  let errorRows = 0;
  let committedAt = performance.now();

  const commitProgress = async () => {
    const e = errors;
    errors = [];
    committedAt = performance.now();
    await inTransaction(ctx, async (trx) => {
      for (let i = 0; i < e.length; i += 1000)
        await trx
          .insertInto('enforcement_import_errors')
          .values(e.slice(i, i + 1000))
          .execute();
      await trx
        .updateTable('enforcement_import_jobs')
        .set({ processed_rows: processed, total_rows: total })
        .where('id', '=', job.id)
        .execute();
    });
  };

  try {
    for await (const batch of batches) {
      if (batch.header) {
        headerSeen = true;
        const { rowNo, problems } = batch.header;
        if (problems.length > 0) {
          await ctx.db
            .insertInto('enforcement_import_errors')
            .values(
              problems.map((p) => ({
                job_id: job.id,
                row_no: rowNo,
                column_name: p.column,
                reason: p.reason,
              })),
            )
            .execute();
          return finish(ctx, actor, job, {
            status: 'rejected',
            processed: 0,
            total: 0,
            errorRows: 1,
            message: '文件的表头与导入模板不一致，未导入任何数据',
          });
        }
      }
      processed = batch.processed;
      errorRows = batch.errorRows;
      for (const e of batch.errors) errors.push({ job_id: job.id, ...e });
      for (const row of batch.staged) {
        if (row.length <= STAGED_DATE) continue; // keys only
        const date = row[STAGED_DATE] as string;
        let due = dueByDate.get(date);
        if (!due) {
          due = publishDue(calendar, date, settings.publishWorkdays);
          dueByDate.set(date, due);
        }
        row.push(due.date, due.estimated ? 1 : 0);
      }
      await stage.insert(batch.staged);
      if (batch.bytesRead > 0) total = Math.max(processed, Math.round((processed * size) / batch.bytesRead));
      if (errors.length >= ERRORS_PER_COMMIT || performance.now() - committedAt >= PROGRESS_EVERY_MS)
        await commitProgress();
      onProgress?.({ processed, total, phase: 'reading' });
    }
  } catch (err) {
    // The file as a whole is unreadable (not UTF-8, not a workbook, rows that do not add up): nothing is
    // imported, whatever the mode, and the report says why.
    if (!(err instanceof ImportFileError)) throw err;
    await ctx.db
      .insertInto('enforcement_import_errors')
      .values({ job_id: job.id, row_no: 0, column_name: '文件', reason: err.messageZh })
      .execute();
    return finish(ctx, actor, job, {
      status: 'rejected',
      processed,
      total: processed,
      errorRows: Math.max(1, errorRows),
      message: err.messageZh,
    });
  }
  if (!headerSeen)
    return finish(ctx, actor, job, {
      status: 'rejected',
      processed: 0,
      total: 0,
      errorRows: 0,
      message: '文件中没有数据',
    });
  total = processed;
  await commitProgress();
  onProgress?.({ processed, total, phase: 'checking' });
  await patchJob(ctx, job.id, { phase: 'checking' });
  await stage.index();
  const s = sql.table(stage.table).as('s');
  // Staged rows drive the lookups of existing decisions (one probe of the (org_id, 文号) index each).
  // Without statistics SQLite preferred to walk every decision of the agency and probe the staging
  // table, i.e. the whole register for every import; CROSS JOIN fixes SQLite's join order. PostgreSQL
  // plans from the ANALYZE above.
  const lookup = ctx.dialect === 'sqlite' ? sql`CROSS JOIN` : sql`JOIN`;

  // 文号 repeated inside the file: the first occurrence wins, later ones are errors naming it.
  await sql`
    INSERT INTO enforcement_import_errors (job_id, row_no, column_name, reason)
    SELECT ${job.id}, s.row_no, '决定文号',
           '文号“' || s.decision_number || '”与第' || CAST(f.first_row AS varchar(12)) || '行重复'
    FROM ${s}
    JOIN (SELECT decision_number, MIN(row_no) AS first_row FROM ${sql.table(stage.table)}
          GROUP BY decision_number HAVING COUNT(*) > 1) f
      ON f.decision_number = s.decision_number
    WHERE s.row_no > f.first_row`.execute(ctx.db);
  // A decision already in review or on the portal changes only through the console (更正 with a notice).
  await sql`
    INSERT INTO enforcement_import_errors (job_id, row_no, column_name, reason)
    SELECT ${job.id}, s.row_no, '决定文号',
           '文号“' || s.decision_number || '”的决定已提交审核或已公开，导入内容与之不同，不能通过导入修改；请在控制台使用“更正”'
    FROM ${s}
    ${lookup} enforcement_decisions d ON d.org_id = ${job.org_id} AND d.decision_number = s.decision_number
    WHERE d.pub_state NOT IN ('draft', 'taken_down') AND d.content_hash <> s.content_hash
      AND NOT EXISTS (SELECT 1 FROM enforcement_import_errors e WHERE e.job_id = ${job.id} AND e.row_no = s.row_no)`.execute(
    ctx.db,
  );
  // Staged rows are valid rows, so every staged row with an error now is a further distinct bad row.
  const dropped = await sql`
    DELETE FROM ${sql.table(stage.table)}
    WHERE row_no IN (SELECT row_no FROM enforcement_import_errors WHERE job_id = ${job.id})`.execute(ctx.db);
  errorRows += Number(dropped.numAffectedRows ?? 0);

  if (job.mode === 'all' && errorRows > 0)
    return finish(ctx, actor, job, {
      status: 'rejected',
      processed,
      total: processed,
      errorRows,
      message: `共${processed}行，其中${errorRows}行有错误；按“全部正确才导入”方式，本次未导入任何数据。请下载错误报告修改后重新导入。`,
    });

  onProgress?.({ processed, total, phase: 'merging' });
  await patchJob(ctx, job.id, { phase: 'merging' });
  const valid = processed - errorRows;
  const now = nowIso(ctx.clock);
  const counts = await withMergeCache(ctx, valid, () =>
    inTransaction(ctx, async (trx) => {
      const note = (prefix: string) => sql`${prefix} || CAST(s.row_no AS varchar(12)) || ${'行）'}`;
      // History of updated decisions, written before the update so it names the state they were in; its
      // row count is the number of changed decisions.
      const changedRows = await sql`
      INSERT INTO enforcement_decision_history (id, decision_id, org_id, at, actor_name, action, from_state, to_state, note, before_json)
      SELECT s.history_id, d.id, d.org_id, ${now}, ${actor.name}, 'import_update', d.pub_state, d.pub_state,
             ${note(`批量导入更新（${job.file_name} 第`)}, NULL
      FROM ${s}
      ${lookup} enforcement_decisions d ON d.org_id = ${job.org_id} AND d.decision_number = s.decision_number
      WHERE d.content_hash <> s.content_hash AND d.pub_state IN ('draft', 'taken_down')`.execute(trx);
      // Inserts new 文号 and updates changed ones; unchanged rows match the WHERE of neither. The state test
      // repeats the check above inside the transaction: a draft submitted for review since then is kept.
      await sql`
      INSERT INTO enforcement_decisions (
        id, org_id, kind, decision_number, decision_date, item_id, item_name, counterparty_type, counterparty_name,
        credit_code, legal_representative, legal_basis, content, fine_fen, confiscation_fen, valid_from, valid_to,
        handling_division, legal_status, pub_state, publish_due, publish_due_estimated, published_at, public_until,
        return_reason, submitted_by, content_hash, import_job_id, import_row, version, created_by, created_at, updated_at)
      SELECT s.new_id, ${job.org_id}, s.kind, s.decision_number, s.decision_date,
        (SELECT i.id FROM enforcement_items i WHERE i.org_id = ${job.org_id} AND i.kind = s.kind
           AND i.name = s.item_name AND i.year = CAST(substr(s.decision_date, 1, 4) AS integer)),
        s.item_name, s.counterparty_type, s.counterparty_name, s.credit_code, s.legal_representative, s.legal_basis,
        s.content, s.fine_fen, s.confiscation_fen, s.valid_from, s.valid_to, s.handling_division, 'in_force', 'draft',
        s.publish_due, s.publish_due_estimated, NULL, NULL, NULL, NULL, s.content_hash, ${job.id}, s.row_no, 1,
        ${actor.userId}, ${now}, ${now}
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
      SELECT s.history_id, s.new_id, ${job.org_id}, ${now}, ${actor.name}, 'import_create', NULL, 'draft',
             ${note(`批量导入（${job.file_name} 第`)}, NULL
      FROM ${s} JOIN enforcement_decisions d ON d.id = s.new_id`.execute(trx);
      const inserted = Number(insertedRows.numAffectedRows ?? 0);
      const changed = Number(changedRows.numAffectedRows ?? 0);
      const result = { inserted, updated: changed, unchanged: valid - inserted - changed };
      await recordAudit(trx, ctx.clock, actor, {
        action: 'enforcement.import',
        targetType: 'enforcement_import_job',
        targetId: job.id,
        orgId: job.org_id,
        after: { file: job.file_name, mode: job.mode, rows: processed, errorRows, ...result },
      });
      return result;
    }),
  );
  const message =
    `共${processed}行：新增${counts.inserted}条，更新${counts.updated}条，未变化${counts.unchanged}条` +
    (errorRows > 0 ? `，${errorRows}行有错误未导入（见错误报告）` : '') +
    '。导入的决定为草稿，提交审核后公开。';
  return finish(ctx, actor, job, {
    status: 'succeeded',
    processed,
    total: processed,
    errorRows,
    message,
    ...counts,
  });
}

async function finish(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  r: {
    status: ImportJob['status'];
    processed: number;
    total: number;
    errorRows: number;
    message: string;
    inserted?: number;
    updated?: number;
    unchanged?: number;
  },
): Promise<ImportJob> {
  const patch: Partial<ImportJob> = {
    status: r.status,
    phase: 'done',
    processed_rows: r.processed,
    total_rows: r.total,
    error_rows: r.errorRows,
    inserted_rows: r.inserted ?? 0,
    updated_rows: r.updated ?? 0,
    unchanged_rows: r.unchanged ?? 0,
    message: r.message,
    finished_at: nowIso(ctx.clock),
  };
  if (r.status === 'rejected')
    await inTransaction(ctx, async (trx) => {
      await trx.updateTable('enforcement_import_jobs').set(patch).where('id', '=', job.id).execute();
      await recordAudit(trx, ctx.clock, actor, {
        action: 'enforcement.import.rejected',
        targetType: 'enforcement_import_job',
        targetId: job.id,
        orgId: job.org_id,
        after: { file: job.file_name, mode: job.mode, rows: r.processed, errorRows: r.errorRows },
      });
    });
  else await patchJob(ctx, job.id, patch);
  return { ...job, ...patch };
}

/** Error rows of a job in row order, page by page (bounded memory for large reports). */
export async function* importErrors(
  ctx: Ctx,
  jobId: string,
  batch = 2000,
): AsyncGenerator<EnforcementImportErrorsTable> {
  for (let offset = 0; ; offset += batch) {
    const rows = await ctx.db
      .selectFrom('enforcement_import_errors')
      .selectAll()
      .where('job_id', '=', jobId)
      .orderBy('row_no')
      .orderBy('column_name')
      .limit(batch)
      .offset(offset)
      .execute();
    yield* rows;
    if (rows.length < batch) return;
  }
}

/** One row of an import's error report. */
export interface ImportErrorRow {
  row_no: number;
  column_name: string;
  reason: string;
}

/**
 * Streams an import's Chinese error report (.xlsx: 行号, 列, 错误原因, header frozen; a second sheet with
 * the file, the mode and the result) to `out` in bounded memory. Texts are written as strings, never
 * formulas. Shared by every streamed import (双公示, the enterprise registry).
 */
export async function streamErrorWorkbook(
  job: { file_name: string; mode: string; message: string | null },
  rows: AsyncIterable<ImportErrorRow>,
  out: NodeJS.WritableStream,
): Promise<void> {
  // exceljs (~28 MB resident) loads with the first workbook, not at server start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as never,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '行号', key: 'row', width: 10 },
    { header: '列', key: 'column', width: 22 },
    { header: '错误原因', key: 'reason', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const e of rows) ws.addRow({ row: e.row_no, column: e.column_name, reason: e.reason }).commit();
  ws.commit();
  const info = wb.addWorksheet('导入结果');
  info.addRow(['文件', job.file_name]).commit();
  info.addRow(['导入方式', job.mode === 'all' ? '全部正确才导入' : '仅导入正确行']).commit();
  info.addRow(['结果', job.message ?? '']).commit();
  info.commit();
  await wb.commit();
}

/** Streams the 双公示 import's Chinese error report (.xlsx) to `out`. */
export async function writeErrorReport(ctx: Ctx, job: ImportJob, out: NodeJS.WritableStream): Promise<void> {
  await streamErrorWorkbook(job, importErrors(ctx, job.id), out);
}

/** The .xlsx import template: the data sheet (headers, one example row, drop-down lists) and instructions. */
export async function templateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入数据');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((cell, col) => {
    if (IMPORT_COLUMNS[col - 1]?.required) cell.font = { bold: true, color: { argb: 'FFA4141B' } };
  });
  ws.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.field, c.example])));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const list = (col: number, values: string[]) => {
    const letter = String.fromCharCode(64 + col);
    for (let r = 2; r <= 2000; r++)
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
      };
  };
  list(IMPORT_COLUMNS.findIndex((c) => c.field === 'kind') + 1, ['行政许可', '行政处罚', '行政强制']);
  list(IMPORT_COLUMNS.findIndex((c) => c.field === 'counterpartyType') + 1, [
    '法人及非法人组织',
    '个体工商户',
    '自然人',
  ]);
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'h', width: 22 },
    { header: '是否必填', key: 'r', width: 10 },
    { header: '说明', key: 'd', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow({ h: c.header, r: c.required ? '必填' : '选填', d: c.hint });
  help.addRow({});
  help.addRow({ h: '注意', d: '只读取第一个工作表“导入数据”；第2行为示例，导入前请删除或替换。' });
  help.addRow({
    h: '',
    d: '同一机关内以“决定文号”识别决定：重复导入同一文号将更新尚未提交审核的决定，不会重复登记。',
  });
  help.addRow({ h: '', d: '自然人的姓名在门户网站公开时只显示姓氏（如“张*”）。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV template (UTF-8 with BOM so Excel opens it correctly). */
export function templateCsv(): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    '\ufeff' +
    IMPORT_COLUMNS.map((c) => esc(c.header)).join(',') +
    '\r\n' +
    IMPORT_COLUMNS.map((c) => esc(c.example)).join(',') +
    '\r\n'
  );
}
