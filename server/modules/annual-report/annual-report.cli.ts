/**
 * `gongkai report …`: `check <file>` (checker of existing reports, pure) and `generate` (a report of
 * an agency and year from live data, in Word, Excel, HTML or the SVG chart).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { CliError, EXIT, withContainer } from '../../cli/context.js';
import { todayInChina } from '../../platform/clock.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './annual-report.repository.js';
import { runReportCheck } from './checker/cli.js';
import { formatForYear, formatById } from './formats/registry.js';
import { generateReport } from './generator.js';
import { gatherFacts } from './annual-report.service.js';
import { OUTPUT_KINDS, renderOutput, type OutputKind } from './render/index.js';
import { toReportDocument } from './render/model.js';
import { reportSources } from './report-sources.js';
import { stepProgress, timedSources } from './cli-progress.js';
import type { ReportTexts } from './narrative-draft.js';
import type { ReportTables } from './types.js';

/** Prints a pure command's output and turns a non-zero exit into a CliError carrying that code. */
function finish(result: { stdout: string[] | string; exitCode: number }): void {
  const lines = Array.isArray(result.stdout) ? result.stdout.join('\n') : result.stdout;
  if (lines) console.log(lines.replace(/\n$/, ''));
  if (result.exitCode !== 0) throw new CliError('', result.exitCode);
}

export function registerReportCommands(program: Command): void {
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

  report
    .command('generate')
    .description(
      '按业务数据生成某机关某年度的年度报告（使用控制台中已编辑的正文；进度输出到标准错误；有错误时以 1 退出）',
    )
    .requiredOption('--year <year>', '报告年度，如 2025')
    .requiredOption('--agency <code>', '机关代码，如 shili-yjj')
    .option('--format <format>', `输出格式：${OUTPUT_KINDS.join('|')}`, 'docx')
    .option('--out <file>', '输出文件（默认为报告标题）')
    .action(async (opts: { year: string; agency: string; format: string; out?: string }) => {
      const year = Number(opts.year);
      if (!/^\d{4}$/.test(opts.year)) throw new CliError(`报告年度无效：${opts.year}`, EXIT.usage);
      if (!(OUTPUT_KINDS as readonly string[]).includes(opts.format))
        throw new CliError(`不支持的输出格式：${opts.format}（可选 ${OUTPUT_KINDS.join('、')}）`, EXIT.usage);
      // Progress goes to stderr, so the result lines on stdout stay as they were for scripts.
      const write = (line: string): void => {
        process.stderr.write(`${line}\n`);
      };
      const now = (): number => performance.now();
      const progress = stepProgress(5, write, now);
      await withContainer(async (c) => {
        const ctx = c.ctx;
        progress.step('读取机关和已有报告');
        const org = await orgRepo.findByCode(ctx.db, opts.agency);
        if (!org) throw new CliError(`机关不存在：${opts.agency}`, EXIT.failure);
        if (year > Number(todayInChina(ctx.clock).slice(0, 4)))
          throw new CliError(`报告年度不能晚于今年：${year}`, EXIT.usage);
        const working = await repo.findByOrgYear(ctx.db, org.id, year);
        const format = working ? formatById(working.format_id) : formatForYear(year);
        const previous = await repo.publishedVersion(ctx.db, org.id, year - 1);
        progress.step('汇总业务数据');
        const facts = await gatherFacts(ctx, timedSources(reportSources(ctx), write, now), org.id, year);
        progress.step('生成表格与正文并校验');
        const r = generateReport({
          format,
          year,
          agencyName: org.name,
          facts,
          ...(previous ? { previous: JSON.parse(previous.tables_json) as ReportTables } : {}),
          ...(working ? { texts: JSON.parse(working.texts_json) as ReportTexts } : {}),
        });
        const doc = toReportDocument({
          format,
          year,
          agency: { name: org.name, address: org.address, postcode: org.postcode, phone: org.phone },
          tables: r.tables,
          rendered: r.rendered,
          catalog: facts.catalog,
        });
        progress.step(`生成 ${opts.format} 文件`);
        const file = await renderOutput(doc, opts.format as OutputKind);
        const out = opts.out ?? file.fileName;
        progress.step(`写入 ${out}`);
        await writeFile(out, file.bytes);
        progress.done();
        console.log(`已生成：${out}（${format.title}，sha256 ${file.sha256}）`);
        const errors = r.findings.filter((f) => f.severity === 'error');
        for (const f of r.findings)
          console.log(`[${f.severity === 'error' ? '错误' : '警告'}] ${f.ruleId} ${f.messageZh}`);
        if (errors.length) throw new CliError(`校验发现${errors.length}项错误`, EXIT.failure);
        console.log('校验通过：表格勾稽关系、正文数字与各项规则均一致');
      });
    });
}
