/**
 * `gongkai import enterprises <file> --agency <code> [--mode all|valid] [--errors <report.xlsx|.csv>]`: the
 * registry import with a progress bar (CSV: total from the import's line count; .xlsx: rows read so far).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT, withContainer } from '../../cli/context.js';
import { systemActor } from '../../platform/actor.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { createImportJob, errorReportCsv, runImport, writeErrorReportXlsx } from './enterprises.import.js';

function importGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('批量导入')
  );
}

export function registerEnterpriseCommands(program: Command): void {
  importGroup(program)
    .command('enterprises')
    .description('导入监管企业名录（.xlsx 或 .csv，按导入模板）；同一统一社会信用代码重复导入为更新')
    .argument('<file>', '导入文件')
    .requiredOption('--agency <code>', '机关代码，如 shili-yjj')
    .option('--mode <mode>', 'all：全部正确才导入；valid：仅导入正确行', 'all')
    .option(
      '--errors <file>',
      '有错误时把错误报告（行号、列、错误原因）写到该文件：.xlsx 为 Excel，否则为 CSV',
    )
    .option('--no-progress', '不显示进度条')
    .action(
      async (file: string, opts: { agency: string; mode: string; errors?: string; progress: boolean }) => {
        if (opts.mode !== 'all' && opts.mode !== 'valid')
          throw new CliError('--mode 只能是 all 或 valid', EXIT.usage);
        if (!existsSync(file)) throw new CliError(`文件不存在：${file}`, EXIT.usage);
        await withContainer(async (c) => {
          const agency = await orgRepo.findByCode(c.ctx.db, opts.agency);
          if (!agency) throw new CliError(`机关代码不存在：${opts.agency}`, EXIT.usage);
          const actor = systemActor('命令行导入企业名录', agency.id);
          const job = await createImportJob(c.ctx, actor, {
            fileName: path.basename(file),
            mode: opts.mode as 'all' | 'valid',
          });
          // cli-progress is loaded by the import command, not by every process that registers it (issue 12).
          const { default: cliProgress } = await import('cli-progress');
          const bar = opts.progress
            ? new cliProgress.SingleBar(
                { format: '导入 {bar} {percentage}% | {value}/{total} 行 | {phase}', hideCursor: true },
                cliProgress.Presets.shades_classic,
              )
            : null;
          bar?.start(1, 0, { phase: '读取' });
          const phases = { reading: '读取', merging: '写入', done: '完成' } as const;
          const done = await runImport(c.ctx, actor, job, file, (p) => {
            if (!bar) return;
            // CSV: the import counts the lines first; .xlsx: the total grows with the rows read.
            bar.setTotal(Math.max(p.total ?? 0, p.processed, 1));
            bar.update(p.processed, { phase: phases[p.phase] });
          });
          bar?.update(done.processed_rows, { phase: '完成' });
          bar?.stop();
          console.log(done.message ?? '');
          if (done.error_rows > 0 && opts.errors) {
            const out = createWriteStream(opts.errors);
            if (opts.errors.toLowerCase().endsWith('.xlsx')) {
              const finished = once(out, 'finish');
              await writeErrorReportXlsx(c.ctx, done, out);
              await finished;
            } else {
              for await (const chunk of errorReportCsv(c.ctx, done)) out.write(chunk);
              await new Promise<void>((r) => out.end(() => r()));
            }
            console.log(`错误报告：${opts.errors}`);
          }
          if (done.status !== 'succeeded') throw new CliError('', EXIT.failure);
        });
      },
    );
}
