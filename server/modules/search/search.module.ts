import type { Command } from 'commander';
import type { GongkaiModule } from '../module.js';
import { withContainer } from '../../cli/context.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { DomainError } from '../../platform/errors.js';
import { chinaDateOf } from '../../platform/clock.js';
import { createReindexRegistry, publicSearch, reindex, reindexProviders } from './search.service.js';

/** `gongkai search …`: rebuild the index from its sources, and query it from the shell. */
function searchCli(program: Command): void {
  const search = program.command('search').description('全文检索索引');
  search
    .command('reindex')
    .description('从数据源重建检索索引（默认全部类型；每种类型在一个事务中重建）')
    .option('--kind <kind...>', '只重建这些类型（如 item decision）')
    .action(async (opts: { kind?: string[] }) => {
      await withContainer(async (c) => {
        if (reindexProviders(c.ctx).length === 0) {
          console.log('没有已注册的检索数据源');
          return;
        }
        const results = await reindex(c.ctx, {
          kinds: opts.kind,
          onBatch: (kind, n) => process.stderr.write(`\r${kind}: 已索引 ${n} 条`),
        });
        process.stderr.write('\n');
        for (const r of results)
          console.log(`${r.label}（${r.kind}）：移除 ${r.removed} 条，重建 ${r.indexed} 条`);
      });
    });
  search
    .command('query')
    .description('在某机关的门户索引中检索（运维排查用）')
    .argument('<q>', '检索词')
    .option('--agency <code>', '机关代码（默认门户默认机关）')
    .option('--page <n>', '页码', '1')
    .action(async (q: string, opts: { agency?: string; page: string }) => {
      await withContainer(async (c) => {
        const agency = opts.agency
          ? await orgRepo.findByCode(c.ctx.db, opts.agency)
          : await orgRepo.findDefault(c.ctx.db);
        if (!agency) throw new DomainError('not_found', '机关不存在', { agency: opts.agency }, 'not_found');
        const r = await publicSearch(c.ctx, { q, orgIds: [agency.id], page: Number(opts.page) || 1 });
        console.log(`共 ${r.total}${r.totalCapped ? '+' : ''} 条，第 ${r.page}/${r.pageCount} 页`);
        if (r.notice) console.log(r.notice);
        for (const h of r.hits) console.log(`${chinaDateOf(h.publishedAt)}  ${h.title}  ${h.url}`);
      });
    });
}

/** Search module: the index (search.service.ts) is used by catalog, enforcement and the portal. */
export const searchModule: GongkaiModule = {
  name: 'search',
  wire(c) {
    // Wired before the modules with public documents, which register their reindex sources on it.
    c.providers.provide('search.reindex', createReindexRegistry());
  },
  cli: searchCli,
};
