import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { createOrg } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import * as service from './enforcement.service.js';
import {
  createImportJob,
  importErrors,
  runImport,
  templateCsv,
  templateXlsx,
  writeErrorReport,
} from './enforcement.import.js';
import { IMPORT_COLUMNS } from './import.columns.js';
import { sampleCreditCode } from './sample-credit-codes.js';

const DIR = mkdtempSync(path.join(tmpdir(), 'gk-import-'));

type Row = Record<string, string>;
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

function goodRow(i: number, over: Row = {}): Row {
  return {
    决定类别: i % 3 === 0 ? '行政许可' : '行政处罚',
    决定文号: `示应急罚〔2026〕${i}号`,
    决定日期: '2026-02-0' + ((i % 9) + 1),
    相对人类别: '法人及非法人组织',
    相对人名称: `示例市第${i}化工有限公司`,
    统一社会信用代码: sampleCreditCode(i),
    决定依据: '《中华人民共和国安全生产法》',
    决定内容: `第${i}号决定内容`,
    '罚款金额（元）': i % 3 === 0 ? '' : String(1000 + i),
    ...over,
  };
}

function csv(rows: Row[]): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    '\ufeff' +
    [HEADERS, ...rows.map((r) => HEADERS.map((h) => r[h] ?? ''))]
      .map((l) => l.map(esc).join(','))
      .join('\n') +
    '\n'
  );
}

async function xlsx(rows: Row[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入数据');
  ws.addRow(HEADERS);
  for (const r of rows)
    ws.addRow(HEADERS.map((h) => (h === '决定日期' && r[h] ? new Date(`${r[h]}T00:00:00Z`) : (r[h] ?? ''))));
  await wb.xlsx.writeFile(file);
}

describeEachDialect('enforcement import', (getDb) => {
  let ctx: Ctx;
  let agency: Org;
  let clerk: Actor;
  let reviewer: Actor;
  let leader: Actor;

  async function run(
    file: string,
    content: string | Row[],
    mode: 'all' | 'valid',
    format: 'csv' | 'xlsx' = 'csv',
  ) {
    const target = path.join(DIR, `${newId()}-${file}`);
    if (format === 'csv') writeFileSync(target, content as string);
    else await xlsx(content as Row[], target);
    const job = await createImportJob(ctx, clerk, { fileName: file, mode });
    const progress: number[] = [];
    const done = await runImport(ctx, clerk, job, target, (p) => progress.push(p.processed));
    const errors = [];
    for await (const e of importErrors(ctx, job.id)) errors.push(e);
    return { job: done, errors, progress };
  }

  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('enforcement_decisions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('org_id', '=', agency.id)
          .executeTakeFirst()
      )?.n,
    );

  beforeAll(async () => {
    const db = getDb();
    ctx = { db: db.db, dialect: db.dialect, clock: fixedClock('2026-03-02T02:00:00Z') };
    const sys = systemActor('测试');
    agency = await createOrg(ctx, sys, {
      parentId: null,
      kind: 'department',
      code: 'yjj',
      name: '示例市应急管理局',
    });
    const mk = (role: 'clerk' | 'reviewer' | 'leader', name: string) =>
      userActor({ userId: newId(), name, orgId: agency.id, divisionId: null, roles: [role] });
    clerk = mk('clerk', '李信息');
    reviewer = mk('reviewer', '赵保密');
    leader = mk('leader', '孙分管');
  });

  const rows = Array.from({ length: 1200 }, (_, i) => goodRow(i + 1));
  // Bad rows at known spreadsheet rows (data row k is spreadsheet row k + 1).
  const bad: Record<number, Row> = {
    10: { 统一社会信用代码: '91370300MA3C5LQK6X' },
    250: { 决定日期: '2026-03-03' },
    600: { 决定类别: '行政奖励', 决定文号: '' },
    1100: { 相对人类别: '自然人', 相对人名称: '张三' },
  };
  const withBad = rows.map((r, i) => (bad[i + 1] ? { ...r, ...bad[i + 1] } : r));
  const badSheetRows = Object.keys(bad).map((k) => Number(k) + 1);

  it('all-or-nothing: a file with bad rows imports nothing and the report lists exactly the bad rows', async () => {
    const { job, errors } = await run('bad.csv', csv(withBad), 'all');
    expect(job).toMatchObject({ status: 'rejected', processed_rows: 1200, error_rows: 4, inserted_rows: 0 });
    expect([...new Set(errors.map((e) => e.row_no))]).toEqual(badSheetRows);
    expect(errors.find((e) => e.row_no === 11)).toMatchObject({ column_name: '统一社会信用代码' });
    expect(errors.find((e) => e.row_no === 251)!.reason).toContain('晚于今天');
    expect(
      errors
        .filter((e) => e.row_no === 601)
        .map((e) => e.column_name)
        .sort(),
    ).toEqual(['决定文号', '决定类别']);
    expect(errors.find((e) => e.row_no === 1101)!.reason).toContain('自然人');
    expect(await count()).toBe(0);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', job.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['enforcement.import.rejected']);
  });

  it('valid rows only: imports the good rows as drafts, progress reported per batch', async () => {
    const { job, errors, progress } = await run('bad.csv', csv(withBad), 'valid');
    expect(job).toMatchObject({ status: 'succeeded', inserted_rows: 1196, updated_rows: 0, error_rows: 4 });
    expect([...new Set(errors.map((e) => e.row_no))]).toEqual(badSheetRows);
    expect(progress.length).toBeGreaterThan(1);
    expect(await count()).toBe(1196);
    const one = await ctx.db
      .selectFrom('enforcement_decisions')
      .selectAll()
      .where('decision_number', '=', '示应急罚〔2026〕2号')
      .executeTakeFirstOrThrow();
    expect(one).toMatchObject({ pub_state: 'draft', import_row: 3 });
    expect(Number(one.fine_fen)).toBe(100200); // PGlite returns numeric as text; the repository converts
    const hist = await ctx.db
      .selectFrom('enforcement_decision_history')
      .selectAll()
      .where('decision_id', '=', one.id)
      .execute();
    expect(hist).toHaveLength(1);
    expect(hist[0]!.note).toContain('第3行');
    expect(await ctx.db.selectFrom('enforcement_import_rows').selectAll().execute()).toEqual([]);
  });

  it('is idempotent: re-importing the same file changes nothing, a changed row updates in place', async () => {
    const again = await run('bad.csv', csv(withBad), 'valid');
    expect(again.job).toMatchObject({ inserted_rows: 0, updated_rows: 0, unchanged_rows: 1196 });
    expect(await count()).toBe(1196);

    const fixed = withBad.map((r, i) =>
      i + 1 === 10 ? goodRow(10) : i + 1 === 20 ? { ...r, 决定内容: '更正后的内容' } : r,
    );
    const third = await run('fixed.csv', csv(fixed), 'valid');
    expect(third.job).toMatchObject({
      inserted_rows: 1,
      updated_rows: 1,
      unchanged_rows: 1195,
      error_rows: 3,
    });
    const updated = await ctx.db
      .selectFrom('enforcement_decisions')
      .select(['content', 'version'])
      .where('decision_number', '=', '示应急罚〔2026〕20号')
      .executeTakeFirstOrThrow();
    expect(updated).toEqual({ content: '更正后的内容', version: 2 });
    expect(await count()).toBe(1197);
  });

  it('reports 文号 repeated inside a file and refuses to change a decision already in the workflow', async () => {
    const d = await service.createDecision(ctx, clerk, {
      kind: 'penalty',
      decisionNumber: '示应急罚〔2026〕9001号',
      decisionDate: '2026-02-01',
      counterpartyType: 'legal_person',
      counterpartyName: '示例市已公开化工有限公司',
      creditCode: sampleCreditCode(9001),
      legalBasis: '依据',
      content: '内容',
    });
    await service.transitionDecision(ctx, clerk, d.id, 'submit');
    await service.transitionDecision(ctx, reviewer, d.id, 'pass_review');
    await service.transitionDecision(ctx, leader, d.id, 'approve');
    const file = [
      goodRow(5001),
      goodRow(5002),
      goodRow(5001, { 决定内容: '同一文号第二次出现' }),
      goodRow(9001, { 相对人名称: '示例市已公开化工有限公司', 统一社会信用代码: sampleCreditCode(9001) }),
    ];
    const { job, errors } = await run('dups.xlsx', file, 'valid', 'xlsx');
    expect(job).toMatchObject({ status: 'succeeded', inserted_rows: 2, error_rows: 2 });
    expect(errors.map((e) => [e.row_no, e.column_name])).toEqual([
      [4, '决定文号'],
      [5, '决定文号'],
    ]);
    expect(errors[0]!.reason).toBe('文号“示应急罚〔2026〕5001号”与第2行重复');
    expect(errors[1]!.reason).toContain('已提交审核或已公开');
    const kept = await service.getDecision(ctx, clerk, d.id);
    expect(kept).toMatchObject({ content: '内容', pubState: 'published' });
  });

  it('reads xlsx date cells and rejects a file whose header does not match the template', async () => {
    const { job } = await run('dates.xlsx', [goodRow(7001, { 决定日期: '2026-01-31' })], 'all', 'xlsx');
    expect(job.status).toBe('succeeded');
    const row = await ctx.db
      .selectFrom('enforcement_decisions')
      .select('decision_date')
      .where('decision_number', '=', '示应急罚〔2026〕7001号')
      .executeTakeFirstOrThrow();
    expect(row.decision_date).toBe('2026-01-31');
    const wrong = await run('wrong.csv', '名称,日期\n甲,2026-01-01\n', 'valid');
    expect(wrong.job.status).toBe('rejected');
    expect(wrong.errors.every((e) => e.row_no === 1)).toBe(true);
    expect(wrong.errors.map((e) => e.column_name)).toContain('决定类别');
  });

  it('reads a large Chinese sheet without corrupting characters split across stream chunks', async () => {
    const long = '未按规定对从业人员进行安全生产教育和培训，未如实记录安全生产教育和培训情况，责令限期改正。';
    const many = Array.from({ length: 3000 }, (_, i) =>
      goodRow(20000 + i, { 决定内容: `${long}（第${i}号）` }),
    );
    const { job, errors } = await run('chinese.xlsx', many, 'valid', 'xlsx');
    expect(errors).toEqual([]);
    expect(job).toMatchObject({ status: 'succeeded', inserted_rows: 3000 });
    const rows = await ctx.db
      .selectFrom('enforcement_decisions')
      .select('content')
      .where('decision_number', 'like', '示应急罚〔2026〕2____号')
      .execute();
    expect(rows.filter((r) => r.content.includes('\ufffd'))).toEqual([]);
  });

  it('writes the error report and templates that read back', async () => {
    const { job } = await run('bad2.csv', csv(withBad.slice(0, 12)), 'all');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeErrorReport(ctx, job, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    const ws = wb.getWorksheet('错误报告')!;
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '列', '错误原因']);
    expect(ws.getRow(2).getCell(1).value).toBe(11);
    expect(ws.getRow(2).getCell(2).value).toBe('统一社会信用代码');
    expect(ws.rowCount).toBe(2);

    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load((await templateXlsx()) as never);
    expect(tpl.worksheets[0]!.getRow(1).getCell(2).value).toBe('决定文号');
    expect(templateCsv().split('\r\n')[0]).toBe('\ufeff' + HEADERS.join(','));
    // The template's example row is itself importable.
    const ex = await run('template.csv', templateCsv(), 'all');
    expect(ex.errors).toEqual([]);
    expect(ex.job.status).toBe('succeeded');
  });
});
