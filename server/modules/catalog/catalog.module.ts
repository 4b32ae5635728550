import type { Command } from 'commander';
import type { GongkaiModule } from '../module.js';
import { withContainer } from '../../cli/context.js';
import { recountPublicCounts } from './catalog.counts.js';
import { loadWorkCalendar, onCalendarChanged } from '../calendar/calendar.service.js';
import {
  buildTimelinessCountsIfMissing,
  recountTimelinessCounts,
  timelinessCountsBuilt,
} from './catalog.timeliness.repository.js';
import { systemClock } from '../../platform/clock.js';
import { configureFileStorage, fileStorage, localStorageFor } from '../../platform/storage/storage.js';
import { wireCatalogChannels } from './catalog.channels.js';
import { catalogDemo } from './catalog.demo.js';
import { runDuePublications } from './catalog.jobs.js';
import { catalogRoutes } from './catalog.routes.js';
import { registerCatalogPortal, wireCatalogSearchSync } from './portal/index.js';

/** How often the web/worker process publishes due scheduled items (channel releases are the notify queue's). */
const JOB_INTERVAL_MS = 30_000;

/** Makes sure attachments have a store: local disk under DATA_DIR unless one was configured. */
export function ensureFileStorage(dataDir: string): void {
  try {
    fileStorage();
  } catch {
    configureFileStorage(localStorageFor(dataDir));
  }
}

/** `gongkai catalog recount`: rebuilds the portal's list counters after a load that bypassed the service. */
function catalogCli(program: Command): void {
  program
    .command('catalog')
    .description('主动公开')
    .command('recount')
    .description('按已发布信息重新统计门户栏目条数与筛选项（批量导入或数据修复后运行）')
    .action(async () => {
      await withContainer(async (c) => {
        const { rows } = await c.ctx.db.transaction().execute((trx) => recountPublicCounts(trx));
        console.log(`已重新统计：${rows} 个计数行`);
        const late = await c.ctx.db
          .transaction()
          .execute(async (trx) => recountTimelinessCounts(trx, await loadWorkCalendar({ db: trx })));
        console.log(`已重新统计逾期发布计数：${late.rows} 行`);
      });
    });
}

/** Catalog module (主动公开): columns, items, workflow, channels. */
export const catalogModule: GongkaiModule = {
  name: 'catalog',
  // The search/portal-cache sync follows publications in every process that builds a container
  // (server, worker, CLI, demo seed), on that container's event bus; so does the release ledger, which
  // follows the notify queue's messages (the notify module provides catalog.releaseQueue).
  wire: (c) => {
    wireCatalogSearchSync(c);
    wireCatalogChannels(c);
    // Late publication (第二十六条) is counted in working days: a changed schedule recounts the
    // counters inside the change's transaction (when they have been built).
    onCalendarChanged(c.events, 'catalog', async (trxCtx, change) => {
      if (!(await timelinessCountsBuilt(trxCtx.db))) return;
      await recountTimelinessCounts(trxCtx.db, change.calendar);
      return { module: 'catalog', summary: `主动公开：已按${change.year}年放假安排重新统计逾期发布计数` };
    });
  },
  async routes(app, c, portal) {
    ensureFileStorage(c.config.dataDir);
    await catalogRoutes(app, c);
    await registerCatalogPortal(app, c, portal);
    // Scheduled publication runs on real time only: tests drive it with a fixed clock through
    // runDuePublications (or POST /api/catalog/run-due) so nothing fires behind their back.
    if (c.config.role !== 'web' && c.ctx.clock === systemClock) {
      // A database upgraded to this release (or loaded in bulk) has no late-publication counters yet: the
      // worker builds them once in the background; until then the readers count the items (right, slower).
      void c.ctx.db
        .transaction()
        .execute((trx) => buildTimelinessCountsIfMissing(trx, () => loadWorkCalendar({ db: trx })))
        .then((r) => {
          if (r.built) app.log.info({ rows: r.rows }, 'catalog: late-publication counters built');
        })
        .catch((err: unknown) =>
          app.log.error({ err }, 'catalog: building the late-publication counters failed'),
        );
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        void (async () => {
          try {
            await runDuePublications(c.ctx);
          } catch (err) {
            app.log.error({ err }, 'catalog jobs failed');
          } finally {
            running = false;
          }
        })();
      }, JOB_INTERVAL_MS);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    }
  },
  demo: (ctx, agency) => catalogDemo(ctx, agency),
  cli: catalogCli,
};
