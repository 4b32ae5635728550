import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { runReportCheck } from '../../modules/annual-report/index.js';
import { CliError } from '../context.js';
import { modules } from '../../modules/index.js';

/** Prints a pure command's output and turns a non-zero exit into a CliError carrying that code. */
function finish(result: { stdout: string[] | string; exitCode: number }): void {
  const lines = Array.isArray(result.stdout) ? result.stdout.join('\n') : result.stdout;
  if (lines) console.log(lines.replace(/\n$/, ''));
  if (result.exitCode !== 0) throw new CliError('', result.exitCode);
}

/** Commands contributed by domain modules (annual report here; the rest through each module's `cli`). */
export function registerExtraCommands(program: Command): void {
  // `calendar add-workdays` is contributed by calendarModule.cli (server/modules/calendar/calendar.cli.ts).
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
