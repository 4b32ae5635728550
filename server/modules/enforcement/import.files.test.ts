/**
 * Import files as Excel, WPS and LibreOffice write them (issue 14, item 2): UTF-8 with BOM and CRLF,
 * rows added later in another editor with LF, quoted line breaks inside cells, GBK from a Chinese
 * Windows "CSV" save, and a file that only claims to be an .xlsx. Row boundaries must be exact; a file
 * that cannot be read row by row is rejected as a whole with a Chinese reason, never half-imported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { createOrg } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import { createImportJob, importErrors, runImport } from './enforcement.import.js';
import { IMPORT_COLUMNS } from './import.columns.js';
import { sampleCreditCode } from './sample-credit-codes.js';

const DIR = mkdtempSync(path.join(tmpdir(), 'gk-import-files-'));
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
type Row = Record<string, string>;

function row(i: number, over: Row = {}): Row {
  return {
    决定类别: '行政处罚',
    决定文号: `示应急罚〔2026〕${900 + i}号`,
    决定日期: '2026-02-0' + ((i % 9) + 1),
    相对人类别: '法人及非法人组织',
    相对人名称: `示例市第${i}机械有限公司`,
    统一社会信用代码: sampleCreditCode(500 + i),
    决定依据: '《中华人民共和国安全生产法》',
    决定内容: `第${i}号决定内容`,
    '罚款金额（元）': String(2000 + i),
    ...over,
  };
}

const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const line = (cells: string[]) => cells.map(esc).join(',');
const dataLine = (r: Row) => line(HEADERS.map((h) => r[h] ?? ''));

describeEachDialect('enforcement import: files from real spreadsheets', (getDb) => {
  let ctx: Ctx;
  let agency: Org;
  let clerk: Actor;

  async function run(
    name: string,
    bytes: Buffer | string,
    mode: 'all' | 'valid',
    format: 'csv' | 'xlsx' = 'csv',
  ) {
    const target = path.join(DIR, `${newId()}-${name}`);
    writeFileSync(target, bytes);
    const job = await createImportJob(ctx, clerk, { fileName: name, mode });
    const done = await runImport(ctx, clerk, job, target);
    const errors = [];
    for await (const e of importErrors(ctx, job.id)) errors.push(e);
    void format;
    return { job: done, errors };
  }

  const decision = (number: string) =>
    ctx.db
      .selectFrom('enforcement_decisions')
      .select(['decision_number', 'counterparty_name', 'content'])
      .where('org_id', '=', agency.id)
      .where('decision_number', '=', number)
      .executeTakeFirst();

  beforeAll(async () => {
    const db = getDb();
    ctx = { db: db.db, dialect: db.dialect, clock: fixedClock('2026-03-02T02:00:00Z') };
    agency = await createOrg(ctx, systemActor('测试'), {
      parentId: null,
      kind: 'department',
      code: 'yjj-files',
      name: '示例市应急管理局',
    });
    clerk = userActor({
      userId: newId(),
      name: '李信息',
      orgId: agency.id,
      divisionId: null,
      roles: ['clerk'],
    });
  });

  it('a CRLF template with rows added with LF: 3 rows are 3 rows (they merged into one before)', async () => {
    // Excel "CSV UTF-8": BOM + CRLF for the header and first row; two rows appended in a text editor with LF.
    const text =
      '\ufeff' +
      line(HEADERS) +
      '\r\n' +
      dataLine(row(1)) +
      '\r\n' +
      dataLine(row(2)) +
      '\n' +
      dataLine(row(3)) +
      '\n';
    const { job, errors } = await run('mixed.csv', text, 'valid');
    expect(errors).toEqual([]);
    expect(job).toMatchObject({ status: 'succeeded', processed_rows: 3, inserted_rows: 3, error_rows: 0 });
    for (const i of [1, 2, 3]) {
      const d = await decision(`示应急罚〔2026〕${900 + i}号`);
      expect(d?.content).toBe(`第${i}号决定内容`);
      expect(d?.counterparty_name).toBe(`示例市第${i}机械有限公司`);
    }
  });

  it('--mode all: an invalid row among mixed line ends rejects the file and is named in the report', async () => {
    const bad = row(12, { 统一社会信用代码: '91370300MA3C5LQK6X' });
    const text =
      '\ufeff' +
      line(HEADERS) +
      '\r\n' +
      dataLine(row(11)) +
      '\r\n' +
      dataLine(bad) +
      '\n' +
      dataLine(row(13)) +
      '\r\n';
    const { job, errors } = await run('mixed-bad.csv', text, 'all');
    expect(job).toMatchObject({ status: 'rejected', processed_rows: 3, inserted_rows: 0, error_rows: 1 });
    expect(errors.map((e) => [e.row_no, e.column_name])).toEqual([[3, '统一社会信用代码']]);
    expect(await decision('示应急罚〔2026〕911号')).toBeUndefined();
  });

  it('line breaks inside quoted cells (CRLF, LF and CR) stay in the cell; row numbers stay exact', async () => {
    const text =
      '\ufeff' +
      [
        line(HEADERS),
        dataLine(row(21, { 决定内容: '一、责令改正\r\n二、罚款\n三、公示' })),
        dataLine(row(22, { 决定内容: '只有\r一行' })),
        dataLine(row(23, { 统一社会信用代码: 'bad' })),
      ].join('\r\n') +
      '\r\n';
    const { job, errors } = await run('quoted.csv', text, 'valid');
    expect(job).toMatchObject({ status: 'succeeded', processed_rows: 3, inserted_rows: 2, error_rows: 1 });
    expect(errors.map((e) => e.row_no)).toEqual([4]);
    expect((await decision('示应急罚〔2026〕921号'))?.content).toBe('一、责令改正\r\n二、罚款\n三、公示');
  });

  it('an unclosed quote that would swallow the following rows rejects the file instead of merging them', async () => {
    const text =
      '\ufeff' +
      [
        line(HEADERS),
        dataLine(row(31)),
        dataLine(row(32)).replace('第32号决定内容', '"第32号决定内容'),
        dataLine(row(33)),
      ].join('\r\n') +
      '\r\n';
    const { job, errors } = await run('unclosed.csv', text, 'valid');
    expect(job.status).toBe('rejected');
    expect(job.inserted_rows).toBe(0);
    expect(job.message).toMatch(/引号/);
    expect(errors[0]).toMatchObject({ column_name: '文件' });
    expect(await decision('示应急罚〔2026〕931号')).toBeUndefined();
  });

  it('a GBK file (Excel "CSV" on Chinese Windows) gets 文件编码不是UTF-8, not 表头不一致', async () => {
    const text = [line(HEADERS), dataLine(row(41)), dataLine(row(42))].join('\r\n') + '\r\n';
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.equals(Buffer.from(text, 'utf8'))).toBe(false);
    for (const mode of ['all', 'valid'] as const) {
      const { job, errors } = await run('gbk.csv', gbk, mode);
      expect(job).toMatchObject({ status: 'rejected', inserted_rows: 0 });
      expect(job.message).toContain('文件编码不是UTF-8，请另存为UTF-8编码的CSV');
      expect(errors.map((e) => e.reason).join()).not.toContain('表头');
    }
  });

  it('a file named .xlsx that is not a workbook gets a Chinese error, not a stack trace', async () => {
    for (const bytes of [Buffer.from('这不是工作簿'), Buffer.from('PK\u0003\u0004garbage-after-the-magic')]) {
      const { job, errors } = await run('fake.xlsx', bytes, 'valid', 'xlsx');
      expect(job).toMatchObject({ status: 'rejected', inserted_rows: 0 });
      expect(job.message).toContain('不是有效的 .xlsx 工作簿');
      expect(errors[0]).toMatchObject({ row_no: 0, column_name: '文件' });
    }
  });
});
