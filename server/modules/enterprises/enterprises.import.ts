/**
 * Bulk import of the registry from CSV or .xlsx, streamed in bounded memory, idempotent on the credit code.
 * Reuses the 双公示 import's readers (enforcement/import.reader.ts readSheetRows: UTF-8 check, mixed line ends,
 * exceljs streaming with the CJK chunk fix) and its shape:
 *   1. read  — rows are validated one by one (enterprises.rules.ts) and staged in batches in a TEMPORARY table
 *              keyed by credit code (a code repeated in the file is an error naming the first row); name tokens
 *              go to a second temporary table; problems go to ent_import_errors;
 *   2. merge — one transaction: each staged row looks its enterprise up once (id and content hash, kept in
 *              the staging row), INSERT … SELECT … ON CONFLICT (org_id, credit_code) DO UPDATE only where the
 *              content hash differs, then licences and tokens of new and changed rows (tokens in the order of
 *              the token index), one audit row.
 * "all" mode rejects the whole file on any error; "valid" imports the valid rows.
 */
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/clock.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { bumpContentVersion } from '../portal/portal.cache.js';
import { formatOf, streamErrorWorkbook } from '../enforcement/enforcement.import.js';
import { pooledIds, readSheetRows, type ImportMode } from '../enforcement/import.reader.js';
import { isBlankRow, normalizeDateText } from '../enforcement/import.columns.js';
import {
  CATEGORY_LABELS,
  checkEnterprise,
  enterpriseHash,
  SCALE_LABELS,
  type EnterpriseInput,
} from './enterprises.rules.js';
import { findImportJob, insertImportJob, updateImportJob } from './enterprises.repository.js';
import * as stage from './enterprises.import.repository.js';
import { enterpriseTokens, managedAgency } from './enterprises.service.js';
import type { EntImportJobsTable } from './enterprises.tables.js';
import { countLines, csvAsUtf8, HeaderFinder, normalizeHeader } from './import.sheet.js';

export { formatOf };
export type ImportJob = EntImportJobsTable;

export interface Column {
  header: string;
  field: keyof EnterpriseInput | 'licKind' | 'licNumber' | 'licScope' | 'licFrom' | 'licTo' | 'licIssuer';
  required: boolean;
  example: string;
  hint: string;
}

export const COLUMNS: Column[] = [
  {
    header: '统一社会信用代码',
    field: 'creditCode',
    required: true,
    example: '91370303MA3C000018',
    hint: '18位，校验位须正确；同一代码重复导入将更新该企业',
  },
  { header: '企业名称', field: 'name', required: true, example: '示例市鑫达化工有限公司', hint: '' },
  { header: '曾用名', field: 'formerNames', required: false, example: '', hint: '多个用“；”分隔' },
  {
    header: '法定代表人',
    field: 'legalRepresentative',
    required: true,
    example: '王某某',
    hint: '不在门户公开',
  },
  {
    header: '注册地址',
    field: 'registeredAddress',
    required: true,
    example: '示例市张店区化工路8号',
    hint: '',
  },
  { header: '生产经营地址', field: 'operatingAddress', required: false, example: '', hint: '' },
  {
    header: '行政区划代码',
    field: 'regionCode',
    required: true,
    example: '370303',
    hint: 'GB/T 2260 县级代码（6位）',
  },
  {
    header: '行业代码',
    field: 'industryCode',
    required: true,
    example: '2614',
    hint: 'GB/T 4754-2017 大类/中类/小类代码，可带门类字母（如C2614）',
  },
  {
    header: '监管类别',
    field: 'category',
    required: true,
    example: '危险化学品生产',
    hint: Object.values(CATEGORY_LABELS).join('、'),
  },
  { header: '企业规模', field: 'scale', required: true, example: '中型', hint: '大型、中型、小型、微型' },
  { header: '属地监管单位', field: 'supervisingUnit', required: true, example: '张店区应急管理局', hint: '' },
  { header: '联系人', field: 'contactName', required: false, example: '李某', hint: '不在门户公开' },
  {
    header: '联系人手机',
    field: 'contactMobile',
    required: false,
    example: '13800000000',
    hint: '不在门户公开',
  },
  { header: '电子邮箱', field: 'contactEmail', required: false, example: '', hint: '不在门户公开' },
  {
    header: '许可证种类',
    field: 'licKind',
    required: false,
    example: '安全生产许可证',
    hint: '每行可登记一个许可证；多个许可证请在控制台补充',
  },
  {
    header: '许可证编号',
    field: 'licNumber',
    required: false,
    example: '(鲁)WH安许证字[2024]030001',
    hint: '',
  },
  { header: '许可范围', field: 'licScope', required: false, example: '危险化学品生产', hint: '' },
  { header: '有效期起', field: 'licFrom', required: false, example: '2024-03-01', hint: 'YYYY-MM-DD' },
  { header: '有效期止', field: 'licTo', required: false, example: '2027-02-28', hint: 'YYYY-MM-DD' },
  { header: '发证机关', field: 'licIssuer', required: false, example: '示例市应急管理局', hint: '' },
];

const CATEGORY_BY_LABEL = new Map(Object.entries(CATEGORY_LABELS).map(([k, v]) => [v, k]));
const SCALE_BY_LABEL = new Map(Object.entries(SCALE_LABELS).map(([k, v]) => [v, k]));
const FIELD_HEADER = new Map(COLUMNS.map((c) => [c.field as string, c.header]));
const KNOWN_HEADERS: ReadonlySet<string> = new Set(COLUMNS.map((c) => c.header));

function headerOf(field: string): string {
  const root = field.startsWith('licences.')
    ? `lic${field
        .split('.')[2]!
        .replace(/^valid/, '')
        .replace(/^./, (c) => c.toUpperCase())}`
    : field;
  const map: Record<string, string> = {
    licFrom: '有效期起',
    licTo: '有效期止',
    licKind: '许可证种类',
    licNumber: '许可证编号',
    licScope: '许可范围',
    licIssuer: '发证机关',
  };
  return FIELD_HEADER.get(root) ?? map[root] ?? field;
}

/** Maps a header row; problems name missing required columns and unknown ones. */
export function mapHeader(cells: string[]): { positions: Map<string, number>; problems: string[] } {
  const positions = new Map<string, number>();
  const problems: string[] = [];
  cells.forEach((c, i) => {
    const h = normalizeHeader(c);
    if (!h) return;
    const col = COLUMNS.find((x) => x.header === h);
    if (!col) problems.push(`未知的列“${h}”`);
    else positions.set(col.field, i);
  });
  for (const c of COLUMNS)
    if (c.required && !positions.has(c.field)) problems.push(`缺少必填列“${c.header}”`);
  return { positions, problems };
}

/** One data row → the registry input (labels of category and scale accepted as in the template). */
export function rowInput(cells: string[], positions: Map<string, number>): EnterpriseInput {
  const at = (f: string) => {
    const i = positions.get(f);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const category = at('category');
  const scale = at('scale');
  const licKind = at('licKind');
  const hasLicence = [licKind, at('licNumber'), at('licScope'), at('licFrom'), at('licTo')].some(Boolean);
  return {
    creditCode: at('creditCode'),
    name: at('name'),
    formerNames: at('formerNames') ? at('formerNames').split(/[;；]/) : [],
    legalRepresentative: at('legalRepresentative'),
    registeredAddress: at('registeredAddress'),
    operatingAddress: at('operatingAddress') || null,
    regionCode: at('regionCode'),
    industryCode: at('industryCode'),
    category: CATEGORY_BY_LABEL.get(category) ?? category,
    scale: SCALE_BY_LABEL.get(scale) ?? scale,
    supervisingUnit: at('supervisingUnit'),
    contactName: at('contactName') || null,
    contactMobile: at('contactMobile') || null,
    contactEmail: at('contactEmail') || null,
    licences: hasLicence
      ? [
          {
            kind: licKind,
            number: at('licNumber'),
            scope: at('licScope'),
            validFrom: normalizeDateText(at('licFrom')),
            validTo: normalizeDateText(at('licTo')),
            issuer: at('licIssuer') || null,
          },
        ]
      : [],
  };
}

export async function createImportJob(
  ctx: Ctx,
  actor: Actor,
  input: { fileName: string; mode: ImportMode },
): Promise<ImportJob> {
  const orgId = managedAgency(actor);
  const format = formatOf(input.fileName);
  if (input.mode !== 'all' && input.mode !== 'valid')
    throw new DomainError('invalid_mode', '导入方式应为“全部正确才导入”或“仅导入正确行”', { field: 'mode' });
  const job: ImportJob = {
    id: newId(),
    org_id: orgId,
    file_name: input.fileName.slice(0, 300),
    format,
    mode: input.mode,
    status: 'running',
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
  await insertImportJob(ctx.db, job);
  return job;
}

export async function getImportJob(ctx: Ctx, actor: Actor, id: string): Promise<ImportJob> {
  const orgId = managedAgency(actor);
  const job = await findImportJob(ctx.db, id);
  if (!job || job.org_id !== orgId) throw notFound('import_job', '导入任务不存在');
  return job;
}

function onOneConnection<T>(ctx: Ctx, work: (c: Ctx) => Promise<T>): Promise<T> {
  if (ctx.dialect === 'sqlite') return work(ctx);
  return ctx.db.connection().execute((db) => work({ ...ctx, db: db }));
}

export interface ImportProgress {
  processed: number;
  /** rows expected (CSV), null when unknown (.xlsx) */
  total: number | null;
  errorRows: number;
  phase: 'reading' | 'merging' | 'done';
}

/** Runs the job to the end. Problems in the file end in the error report; infrastructure errors mark it failed. */
export async function runImport(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  filePath: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportJob> {
  return onOneConnection(ctx, async (c) => {
    const t = `gk_ent_${job.id.replace(/-/g, '')}`;
    try {
      return await importInner(c, actor, job, filePath, t, onProgress);
    } catch (err) {
      const message = err instanceof DomainError ? err.messageZh : '导入时发生内部错误，请联系管理员';
      await finish(c, job, { status: err instanceof DomainError ? 'rejected' : 'failed', message }).catch(
        () => {},
      );
      if (err instanceof DomainError) return { ...job, status: 'rejected', message };
      throw err;
    } finally {
      await stage.dropStagingTables(c.db, t);
    }
  });
}

async function finish(ctx: Ctx, job: ImportJob, patch: Partial<ImportJob>): Promise<ImportJob> {
  const p = { ...patch, finished_at: nowIso(ctx.clock) };
  await updateImportJob(ctx.db, job.id, p);
  return { ...job, ...p };
}

async function importInner(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  filePath: string,
  t: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportJob> {
  const db = ctx.db;
  const pg = ctx.dialect === 'postgres';
  await stage.createStagingTables(db, t);
  const nextId = pooledIds();
  let positions: Map<string, number> | null = null;
  let processed = 0;
  let errorRows = 0;
  let batch: stage.StagedRow[] = [];
  let tokens: [number, string][] = [];
  let errors: { job_id: string; row_no: number; column_name: string; reason: string }[] = [];
  let total: number | null = null;
  let lastCommit = performance.now();
  const batchRows = pg ? 1000 : 100;

  const duplicate = (r: stage.StagedRow, first: number) => {
    errorRows++;
    errors.push({
      job_id: job.id,
      row_no: r[0] as number,
      column_name: '统一社会信用代码',
      reason: `统一社会信用代码“${r[1]}”与第${first}行重复`,
    });
  };

  const flush = async () => {
    if (batch.length) {
      // A code repeated in the file is a duplicate of its first row (the first row wins): within the batch
      // found here, against earlier batches by the staging table's unique code.
      const inBatch = new Map<string, number>();
      const candidates: typeof batch = [];
      for (const r of batch) {
        const first = inBatch.get(r[1] as string);
        if (first !== undefined) duplicate(r, first);
        else {
          inBatch.set(r[1] as string, r[0] as number);
          candidates.push(r);
        }
      }
      const staged = await stage.stageRows(db, t, pg, candidates);
      if (staged.size < candidates.length) {
        const missing = candidates.filter((r) => !staged.has(r[0] as number));
        const firstRow = await stage.stagedRowsOfCodes(
          db,
          t,
          missing.map((r) => r[1] as string),
        );
        for (const r of missing) duplicate(r, firstRow.get(r[1] as string)!);
      }
      await stage.stageTokens(
        db,
        t,
        pg,
        staged.size === batch.length ? tokens : tokens.filter(([row]) => staged.has(row)),
      );
    }
    batch = [];
    tokens = [];
    if (errors.length && (errors.length >= 1000 || performance.now() - lastCommit > 1000)) {
      const e = errors;
      errors = [];
      await stage.insertImportErrors(db, e);
    }
    if (performance.now() - lastCommit > 1000) {
      lastCommit = performance.now();
      await updateImportJob(db, job.id, {
        processed_rows: processed,
        error_rows: errorRows,
        total_rows: total,
      });
    }
    onProgress?.({ processed, total, errorRows, phase: 'reading' });
  };

  const readRow = (rowNo: number, cells: string[], positions: Map<string, number>) => {
    processed++;
    const { value, problems } = checkEnterprise(rowInput(cells, positions));
    if (!value) {
      errorRows++;
      for (const p of problems)
        errors.push({ job_id: job.id, row_no: rowNo, column_name: headerOf(p.field), reason: p.message });
    } else {
      const l = value.licences[0];
      batch.push([
        rowNo,
        value.creditCode,
        nextId(),
        enterpriseHash(value),
        value.name,
        JSON.stringify(value.formerNames),
        value.legalRepresentative,
        value.registeredAddress,
        value.operatingAddress,
        value.regionCode,
        value.industryCode,
        value.category,
        value.scale,
        value.supervisingUnit,
        value.contactName,
        value.contactMobile,
        value.contactEmail,
        l ? nextId() : null,
        l?.kind ?? null,
        l?.number ?? null,
        l?.scope ?? null,
        l?.validFrom ?? null,
        l?.validTo ?? null,
        l?.issuer ?? null,
      ]);
      for (const tk of enterpriseTokens(value.name, value.formerNames)) tokens.push([rowNo, tk]);
    }
  };

  const headerFinder = new HeaderFinder('统一社会信用代码', KNOWN_HEADERS, mapHeader);
  const rejectHeader = async (rowNo: number, problems: string[]) => {
    await stage.insertImportErrors(
      db,
      problems.map((p) => ({ job_id: job.id, row_no: rowNo, column_name: '表头', reason: p })),
    );
    return finish(ctx, job, {
      status: 'rejected',
      error_rows: 1,
      message: '文件的表头与导入模板不一致，未导入任何数据',
    });
  };
  // A GBK CSV (Excel/WPS on Chinese Windows) is read from a UTF-8 copy.
  const source = job.format === 'csv' ? await csvAsUtf8(filePath) : null;
  // The progress bar's total: data lines (the header line aside; title rows make it a slight overestimate).
  // Written with the first progress update; an .xlsx has none until it is read.
  if (source) total = Math.max(0, (await countLines(source.path)) - 1);
  try {
    for await (const { rowNo, cells } of readSheetRows(source?.path ?? filePath, job.format)) {
      if (positions === null) {
        if (isBlankRow(cells)) continue;
        const step = headerFinder.offer(rowNo, cells);
        if (step.kind === 'problems') return await rejectHeader(step.rowNo, step.problems);
        if (step.kind === 'header') positions = step.positions;
        continue;
      }
      if (isBlankRow(cells)) continue;
      readRow(rowNo, cells, positions);
      if (batch.length >= batchRows) await flush();
    }
  } finally {
    await source?.cleanup();
  }
  const unfinished = headerFinder.finish();
  if (positions === null && unfinished) return rejectHeader(unfinished.rowNo, unfinished.problems);
  await flush();
  if (errors.length) await stage.insertImportErrors(db, errors);
  if (positions === null) return finish(ctx, job, { status: 'rejected', message: '文件中没有数据' });
  if (job.mode === 'all' && errorRows > 0)
    return finish(ctx, job, {
      status: 'rejected',
      processed_rows: processed,
      total_rows: processed,
      error_rows: errorRows,
      message: `共${processed}行，其中${errorRows}行有错误；按“全部正确才导入”方式，本次未导入任何数据。请下载错误报告修改后重新导入。`,
    });
  onProgress?.({ processed, total: processed, errorRows, phase: 'merging' });
  const counts = await mergeStage(ctx, actor, job, t, processed, errorRows);
  // Fresh statistics and visibility map after a bulk load, so PostgreSQL plans searches on the new data
  // and the name postings are read index-only (autovacuum would get there later, or never where it is
  // off; a 2,000,000-row load otherwise runs its first searches on an empty table's estimates and visits
  // the heap for every posting). VACUUM only reads the pages not yet all-visible.
  if (ctx.dialect === 'postgres' && counts.inserted + counts.updated > 10_000)
    await stage.vacuumAnalyzeRegistry(ctx.db);
  onProgress?.({ processed, total: processed, errorRows, phase: 'done' });
  return finish(ctx, job, {
    status: 'succeeded',
    processed_rows: processed,
    total_rows: processed,
    error_rows: errorRows,
    inserted_rows: counts.inserted,
    updated_rows: counts.updated,
    unchanged_rows: counts.unchanged,
    message:
      `共${processed}行：新增${counts.inserted}家，更新${counts.updated}家，未变化${counts.unchanged}家` +
      (errorRows ? `，${errorRows}行有错误未导入（见错误报告）` : '') +
      '。',
  });
}

async function mergeStage(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  t: string,
  processed: number,
  errorRows: number,
) {
  const org = job.org_id;
  const now = nowIso(ctx.clock);
  if (ctx.dialect === 'postgres') await stage.analyzeStagingTable(ctx.db, t);
  return inTransaction(ctx, async (trx) => {
    const { changedCount, updated } = await stage.mergeStagedEnterprises(trx, t, org, job.id, now);
    const valid = processed - errorRows;
    const result = { inserted: changedCount - updated, updated, unchanged: valid - changedCount };
    if (changedCount > 0) await bumpContentVersion(trx, ctx.clock, org);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'enterprises.import',
      targetType: 'ent_import_job',
      targetId: job.id,
      orgId: org,
      after: { file: job.file_name, mode: job.mode, rows: processed, errorRows, ...result },
    });
    return result;
  });
}

/** The error rows of a job in report order, read in pages (a 2,000,000-row file may have as many). */
async function* importErrorRows(ctx: Ctx, jobId: string) {
  for (let offset = 0; ; offset += 2000) {
    const rows = await stage.importErrorsPage(ctx.db, jobId, offset, 2000);
    yield* rows;
    if (rows.length < 2000) return;
  }
}

/** Error rows of a job as CSV (UTF-8 with BOM, for Excel): 行号, 列, 错误原因. */
export async function* errorReportCsv(ctx: Ctx, job: ImportJob): AsyncGenerator<string> {
  const esc = (s: string) =>
    /[",\r\n]/.test(s) || /^[=+\-@]/.test(s)
      ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`
      : s;
  yield '\ufeff行号,列,错误原因\r\n';
  for await (const r of importErrorRows(ctx, job.id))
    yield `${r.row_no},${esc(r.column_name)},${esc(r.reason)}\r\n`;
  yield `\r\n结果,${esc(job.message ?? '')}\r\n`;
}

/**
 * The error report as .xlsx (行号, 列, 错误原因; a second sheet with the result), streamed to `out` in
 * bounded memory, as the 双公示 import's report. Texts are written as strings, never formulas.
 */
export async function writeErrorReportXlsx(
  ctx: Ctx,
  job: ImportJob,
  out: NodeJS.WritableStream,
): Promise<void> {
  await streamErrorWorkbook(job, importErrorRows(ctx, job.id), out);
}

/** The CSV template (UTF-8 with BOM): headers (required ones marked *) and one example row. */
export function templateCsv(): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    '\ufeff' +
    COLUMNS.map((c) => esc(c.header + (c.required ? '*' : ''))).join(',') +
    '\r\n' +
    COLUMNS.map((c) => esc(c.example)).join(',') +
    '\r\n'
  );
}

/** The .xlsx template: data sheet with the example row and an instructions sheet. */
export async function templateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.columns = COLUMNS.map((c) => ({
    header: c.header + (c.required ? '*' : ''),
    key: c.field,
    width: Math.max(12, c.header.length * 3),
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(COLUMNS.map((c) => [c.field, c.example])));
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列名', '是否必填', '说明']);
  for (const c of COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.hint]);
  help.addRow([]);
  help.addRow([
    '注意',
    '',
    '只读取第一个工作表；第2行为示例，导入前请删除或替换。同一统一社会信用代码重复导入将更新该企业，不会重复登记。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
