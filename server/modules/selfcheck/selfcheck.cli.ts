/**
 * `gongkai selfcheck run [--agency <code>] [--base-url <url>] [--max-pages <n>]`: checks one agency's
 * portal (or every agency's) now, stores the dated report(s) and prints the findings by severity.
 * `gongkai selfcheck trend --agency <code>`: the agency's reports of the last year as a table.
 */
import type { Command } from 'commander';
import { CliError, EXIT, withContainer } from '../../cli/context.js';
import { systemActor } from '../../platform/actor.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { isAgencyKind } from '../orgs/orgs.rules.js';
import { runCheck } from './selfcheck.check.js';
import { httpFetcher } from './selfcheck.fetch.js';
import { fetcherFor } from './selfcheck.schedule.js';
import * as service from './selfcheck.service.js';

async function agenciesOf(db: Parameters<typeof orgRepo.listAll>[0], code?: string) {
  if (code) {
    const org = await orgRepo.findByCode(db, code);
    if (!org || !isAgencyKind(org.kind)) throw new CliError(`没有代码为 ${code} 的机关`, EXIT.usage);
    return [org];
  }
  return (await orgRepo.listAll(db)).filter((o) => isAgencyKind(o.kind) && !o.retired_at);
}

export function selfcheckCli(program: Command): void {
  const cmd = program
    .command('selfcheck')
    .description('检查指标自查（门户网站可用性、更新、互动回应、错别字）');
  cmd
    .command('run')
    .description('立即检查门户网站并保存自查报告（不指定机关时检查全部机关）')
    .option('--agency <code>', '机关代码，如 shili-yjj')
    .option('--base-url <url>', '通过 HTTP 检查已部署的门户（默认在进程内检查，无需网络）')
    .option('--max-pages <n>', '最多检查的页面数', '20000')
    .action(async (opts: { agency?: string; baseUrl?: string; maxPages: string }) => {
      const maxPages = Number(opts.maxPages);
      if (!Number.isInteger(maxPages) || maxPages < 1)
        throw new CliError('--max-pages 须为正整数', EXIT.usage);
      await withContainer(async (c) => {
        const actor = systemActor('命令行自查');
        let failed = 0;
        for (const org of await agenciesOf(c.ctx.db, opts.agency)) {
          const fetcher = opts.baseUrl ? httpFetcher(opts.baseUrl) : await fetcherFor(c);
          if (!fetcher) throw new CliError('门户尚未就绪', EXIT.failure);
          const id = await runCheck(c.ctx, { ...actor, orgId: org.id }, org.id, {
            fetcher,
            trigger: 'cli',
            maxPages,
          });
          const d = await service.getReport(c.ctx, actor, id);
          const r = d.report;
          if (r.status === 'failed') failed++;
          console.log(
            `${r.orgName}（${r.runOn}）：检查页面${r.pagesCrawled}个，链接${r.linksChecked}个；` +
              `单项否决${r.veto}项，扣分${r.deduct}项，提示${r.hint}项${r.error ? `；失败：${r.error}` : ''}`,
          );
          for (const g of d.groups)
            for (const f of g.findings)
              console.log(
                `  [${f.severityLabel}] ${f.indicatorLabel}：${f.title}` +
                  `${f.url ? `  位置：${f.url}` : ''}${f.foundOn ? `  所在页面：${f.foundOn}` : ''}`,
              );
          console.log(`  报告编号：${id}`);
        }
        if (failed > 0) throw new CliError(`${failed}个机关检查失败`, EXIT.failure);
      });
    });
  cmd
    .command('trend')
    .description('某机关最近一年的自查结果趋势')
    .requiredOption('--agency <code>', '机关代码')
    .action(async (opts: { agency: string }) => {
      await withContainer(async (c) => {
        const [org] = await agenciesOf(c.ctx.db, opts.agency);
        const t = await service.trend(c.ctx, systemActor('命令行自查'), org!.id);
        if (t.points.length === 0) return console.log('暂无自查报告');
        console.table(
          t.points.map((p) => ({ 日期: p.runOn, 单项否决: p.veto, 扣分: p.deduct, 提示: p.hint })),
        );
      });
    });
}
