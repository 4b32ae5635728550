import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { runAddWorkdays } from '../../platform/calendar/add-workdays-command.js';
import { runReportCheck } from '../../modules/annual-report/index.js';
import { CliError } from '../context.js';
import { modules } from '../../modules/index.js';

/** Prints a pure command's output and turns a non-zero exit into a CliError carrying that code. */
function finish(result: { stdout: string[] | string; exitCode: number }): void {
  const lines = Array.isArray(result.stdout) ? result.stdout.join('\n') : result.stdout;
  if (lines) console.log(lines.replace(/\n$/, ''));
  if (result.exitCode !== 0) throw new CliError('', result.exitCode);
}

/** Commands contributed by domain modules (calendar, annual report …). */
export function registerExtraCommands(program: Command): void {
  const calendar = program.command('calendar').description('工作日历');
  calendar
    .command('add-workdays')
    .description(
      '计算某日之后第 n 个工作日（起算日不计入）；涉及尚未发布放假安排的年份时仍打印预估日期并以 3 退出',
    )
    .argument('<date>', '起算日期 YYYY-MM-DD')
    .argument('<n>', '工作日数')
    .action((date: string, n: string) => finish(runAddWorkdays([date, n], new WorkCalendar())));

  const report = program.command('report').description('政府信息公开工作年度报告');
  report
    .command('check')
    .description(
      '检查已发布年报（文本、pdftotext -layout 输出、HTML 或 .docx）中表格的勾稽关系；0 一致，1 有错误，2 无法读取',
    )
    .argument('<file>', '年报文件')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, opts: { json?: boolean }) =>
      finish(await runReportCheck(opts.json ? [file, '--json'] : [file], readFile)),
    );

  for (const m of modules) m.cli?.(program);
}
