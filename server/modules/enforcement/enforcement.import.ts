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
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import { enforcementCalendar } from './enforcement.calendar.js';
import * as repo from './enforcement.import.repository.js';
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
  await repo.insertImportJob(ctx.db, job);
  return job;
}

export async function getImportJob(ctx: Ctx, actor: Actor, id: string): Promise<ImportJob> {
  const job = await repo.findImportJob(ctx.db, id);
  if (!job) throw notFound('import_job', '导入任务不存在');
  await assertReadsAgency(ctx, actor, job.org_id);
  return job;
}

export async function listImportJobs(ctx: Ctx, actor: Actor): Promise<ImportJob[]> {
  if (!actor.orgId) return [];
  return repo.recentImportJobs(ctx.db, actor.orgId);
}

async function patchJob(ctx: Ctx, id: string, patch: Partial<ImportJob>): Promise<void> {
  await repo.updateImportJob(ctx.db, id, patch);
}

export interface ImportProgress {
  processed: number;
  total: number | null;
  phase: string;
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
    const stage = new repo.ImportStage(c, job.id);
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
  const size = await repo.sqliteCacheSize(ctx.db);
  // Negative sizes are KiB, positive ones pages; the default is −16000 (16 MB).
  if (widenedMerges === 0) cacheBefore = size;
  if (-size >= kib || (size > 0 && size * 4 >= kib)) return work();
  widenedMerges++;
  await repo.setSqliteCacheSize(ctx.db, -Math.ceil(kib));
  try {
    return await work();
  } finally {
    if (--widenedMerges === 0 && cacheBefore !== null) await repo.setSqliteCacheSize(ctx.db, cacheBefore);
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
  stage: repo.ImportStage,
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
  const batches = readImportFile(read, repo.STAGE_ROWS_PER_INSERT);
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
  stage: repo.ImportStage,
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
      for (let i = 0; i < e.length; i += 1000) await repo.insertImportErrors(trx, e.slice(i, i + 1000));
      await repo.updateImportJob(trx, job.id, { processed_rows: processed, total_rows: total });
    });
  };

  try {
    for await (const batch of batches) {
      if (batch.header) {
        headerSeen = true;
        const { rowNo, problems } = batch.header;
        if (problems.length > 0) {
          await repo.insertImportErrors(
            ctx.db,
            problems.map((p) => ({
              job_id: job.id,
              row_no: rowNo,
              column_name: p.column,
              reason: p.reason,
            })),
          );
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
    await repo.insertImportErrors(ctx.db, [
      { job_id: job.id, row_no: 0, column_name: '文件', reason: err.messageZh },
    ]);
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
  errorRows += await repo.checkStagedDecisions(ctx.db, ctx.dialect, stage.table, job.id, job.org_id);

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
      const { inserted, changed } = await repo.mergeStagedDecisions(trx, ctx.dialect, stage.table, {
        jobId: job.id,
        orgId: job.org_id,
        fileName: job.file_name,
        actorName: actor.name,
        actorUserId: actor.userId,
        now,
      });
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
      await repo.updateImportJob(trx, job.id, patch);
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
    const rows = await repo.importErrorsPage(ctx.db, jobId, offset, batch);
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
