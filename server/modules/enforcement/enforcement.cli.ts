/**
 * `gongkai import decisions <file> --agency <code> [--mode all|valid] [--errors <report.xlsx>]`: the same
 * streamed import as the console, with a progress bar. Files of any size (the console caps uploads at 50 MB).
 */
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT, withContainer } from '../../cli/context.js';
import { systemActor } from '../../platform/actor.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { createImportJob, runImport, writeErrorReport } from './enforcement.import.js';

/** Finds or creates the `import` command group (other modules may add sub-commands to it too). */
function importGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('批量导入')
  );
}

export function registerEnforcementCommands(program: Command): void {
  importGroup(program)
    .command('decisions')
    .description('导入行政许可、行政处罚、行政强制决定（.xlsx 或 .csv，按导入模板）；同一文号重复导入为更新')
    .argument('<file>', '导入文件')
    .requiredOption('--agency <code>', '机关代码，如 shili-yjj')
    .option('--mode <mode>', 'all：全部正确才导入；valid：仅导入正确行', 'all')
    .option('--errors <file>', '有错误时把错误报告写到该 .xlsx 文件')
    .option('--no-progress', '不显示进度条')
    .action(
      async (file: string, opts: { agency: string; mode: string; errors?: string; progress: boolean }) => {
        if (opts.mode !== 'all' && opts.mode !== 'valid')
          throw new CliError('--mode 只能是 all 或 valid', EXIT.usage);
        if (!existsSync(file)) throw new CliError(`文件不存在：${file}`, EXIT.usage);
        await withContainer(async (c) => {
          const agency = await orgRepo.findByCode(c.ctx.db, opts.agency);
          if (!agency) throw new CliError(`机关代码不存在：${opts.agency}`, EXIT.usage);
          const actor = systemActor('命令行批量导入', agency.id);
          const job = await createImportJob(c.ctx, actor, {
            fileName: path.basename(file),
            mode: opts.mode as 'all' | 'valid',
            orgId: agency.id,
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
          const phases: Record<string, string> = { reading: '读取', checking: '校验', merging: '写入' };
          const done = await runImport(c.ctx, actor, job, file, (p) => {
            if (!bar) return;
            bar.setTotal(Math.max(p.total ?? p.processed, p.processed, 1));
            bar.update(p.processed, { phase: phases[p.phase] ?? p.phase });
          });
          bar?.update(done.processed_rows, { phase: '完成' });
          bar?.stop();
          console.log(done.message ?? '');
          if (done.error_rows > 0 && opts.errors) {
            const out = createWriteStream(opts.errors);
            await writeErrorReport(c.ctx, done, out);
            await new Promise<void>((r) => out.on('finish', () => r()));
            console.log(`错误报告：${opts.errors}`);
          }
          if (done.status !== 'succeeded') throw new CliError('', EXIT.failure);
        });
      },
    );
}
