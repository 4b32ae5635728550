/**
 * `gongkai report check <file> [--json]` — checks a published annual report for internal consistency.
 * Exit codes: 0 = consistent (tables 三 and 四 read completely, every rule ran, no error), 1 = at least
 * one error-level finding from cells read whole, 2 = not checked completely (a table or some of its rows
 * could not be read — never reported as consistent), or the file cannot be read, or bad usage.
 * I/O is injected (`readFile`) so the command stays testable; wiring to commander lives in server/cli.
 */
import { describeCell } from '../checks.js';
import { formatById, withTable3Of } from '../formats/registry.js';
import { checkReport, checkReportText, type CheckReportResult } from './check-report.js';

export interface CliResult {
  stdout: string;
  exitCode: 0 | 1 | 2;
}

export type ReadFile = (path: string) => Promise<Buffer | Uint8Array>;

const USAGE =
  '用法：gongkai report check <文件> [--json]（支持 .pdf、.txt（含 pdftotext -layout 输出）、.md、.html/.htm、.docx、.doc、.xlsx）';

/** Decodes text files: UTF-8 (with or without BOM), falling back to GB18030 when UTF-8 is invalid. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function formatName(r: CheckReportResult): string {
  switch (r.format) {
    case '2019':
      return '2019年（试行）格式';
    case '2021':
      return '2021年格式';
    case 'mixed':
      return `混合格式（表二为${r.formatDetail.table2}版，表三为${r.formatDetail.table3}版）`;
    default:
      return '未识别';
  }
}

/** Renders a result as the default human-readable (Chinese) text output. */
export function renderText(r: CheckReportResult): string {
  const lines: string[] = [`文件：${r.fileName}`];
  if (r.unreadable && r.findings.length === 0) {
    lines.push(`无法检查：${r.unreadable}`);
    const missing = [
      ...(r.reading.table3.found ? [] : ['表三（收到和处理政府信息公开申请情况）']),
      ...(r.reading.table4.found ? [] : ['表四（政府信息公开行政复议、行政诉讼情况）']),
    ];
    if (missing.length) lines.push(`缺少：${missing.join('、')}`);
    lines.push('结论：无法检查');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`格式：${formatName(r)}${r.year !== undefined ? `　年度：${r.year}` : ''}`);
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  const base = formatById(
    r.formatDetail.table2 ?? r.formatDetail.table3 ?? (r.format === '2019' ? '2019' : '2021'),
  );
  const fmt =
    r.formatDetail.table3 && r.formatDetail.table3 !== base.id
      ? withTable3Of(base, formatById(r.formatDetail.table3))
      : base;
  if (r.findings.length === 0) lines.push('未发现不一致。');
  else lines.push(`发现${r.findings.length}个问题（错误${errors}个，警告${warnings}个）：`);
  for (const f of r.findings) {
    lines.push(`  [${f.severity === 'error' ? '错误' : '警告'}] ${f.ruleId} ${f.messageZh}`);
    const located = f.cells.filter((c) => c.table !== 'narrative');
    if (located.length > 0 && located.length <= 6)
      lines.push(`      涉及：${located.map((c) => describeCell(fmt, c)).join('；')}`);
  }
  for (const n of r.notes) lines.push(`  [说明] ${n}`);
  const t3 = r.reading.table3;
  lines.push(
    `读取情况：表三${t3.found ? `读到${t3.rowsFound}/${t3.rowsExpected}行、${t3.columns}列，未读单元格${t3.cellsUnread}个` : '未读到'}；表四${
      r.reading.table4.found ? '已读到15列' : '未读到'
    }`,
  );
  const notRun = r.rules.filter((x) => x.status === 'not_run' && !x.reasonZh?.startsWith('单个文件'));
  for (const x of notRun) lines.push(`  [未检查] ${x.ruleId} ${x.descriptionZh}：${x.reasonZh ?? ''}`);
  lines.push(
    r.verdict === 'inconsistent'
      ? '结论：不一致'
      : r.verdict === 'consistent'
        ? warnings > 0
          ? '结论：一致（有警告）'
          : '结论：一致'
        : '结论：无法判定（表格未完整读取，已读部分未发现错误）',
  );
  return `${lines.join('\n')}\n`;
}

/** Runs `report check` with the given arguments (with or without the leading 'report check'). */
export async function runReportCheck(args: readonly string[], readFile: ReadFile): Promise<CliResult> {
  const rest =
    args[0] === 'report' && args[1] === 'check'
      ? args.slice(2)
      : args[0] === 'check'
        ? args.slice(1)
        : [...args];
  const json = rest.includes('--json');
  const files = rest.filter((a) => a !== '--json');
  const unknownFlag = files.find((a) => a.startsWith('--'));
  const file = files[0];
  if (!file || files.length > 1 || unknownFlag) return { stdout: `${USAGE}\n`, exitCode: 2 };

  const fail = (reason: string): CliResult => {
    const result: CheckReportResult = { ...checkReportText('', file), unreadable: reason };
    return { stdout: json ? `${JSON.stringify(result, null, 2)}\n` : renderText(result), exitCode: 2 };
  };

  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  if (!['txt', 'text', 'md', 'markdown', 'html', 'htm', 'docx', 'doc', 'xlsx', 'pdf'].includes(ext)) {
    return fail(
      `不支持的文件类型“${ext ? `.${ext}` : '无扩展名'}”，支持 .pdf、.txt、.md、.html、.htm、.docx、.doc、.xlsx`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return fail(code === 'ENOENT' ? '文件不存在' : `无法读取文件（${code ?? (e as Error).message}）`);
  }
  let result: CheckReportResult;
  try {
    result =
      ext === 'docx'
        ? await checkReport({ docx: bytes, fileName: file })
        : ext === 'doc'
          ? await checkReport({ doc: bytes, fileName: file })
          : ext === 'xlsx'
            ? await checkReport({ xlsx: bytes, fileName: file })
            : ext === 'pdf'
              ? await checkReport({ pdf: bytes, fileName: file })
              : ext === 'txt' || ext === 'text' || ext === 'md' || ext === 'markdown'
                ? await checkReport({ text: decodeText(bytes), fileName: file })
                : await checkReport({ html: decodeText(bytes), fileName: file });
  } catch (e) {
    return fail(`无法解析文件（${(e as Error).message}）`);
  }
  const exitCode = result.verdict === 'consistent' ? 0 : result.verdict === 'inconsistent' ? 1 : 2;
  return { stdout: json ? `${JSON.stringify(result, null, 2)}\n` : renderText(result), exitCode };
}
