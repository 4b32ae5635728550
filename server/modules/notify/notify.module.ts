import type { Command } from 'commander';
import type { Container } from '../../container.js';
import { withContainer } from '../../cli/context.js';
import { nowIso, systemClock } from '../../platform/clock.js';
import type { ReleaseQueue } from '../catalog/catalog.channels.js';
import { announceIds } from './notify.events.js';
import { requeueFailed } from './notify.log.js';
import * as repo from './notify.repository.js';
import { enqueuePost } from './notify.service.js';
import type { GongkaiModule } from '../module.js';
import { notifyDemo } from './notify.demo.js';
import { notifyFeeds } from './notify.feeds.js';
import { notifyPortal } from './notify.portal.js';
import { notifyRoutes } from './notify.routes.js';
import { runSubscriptionDigests, type SubscriptionEnv } from './notify.subscriptions.js';
import { buildTransports, closeTransports, runNotifyQueue, type Transports } from './notify.worker.js';

/** How often the worker looks for due messages and runs the modules' periodic jobs. */
const WORKER_INTERVAL_MS = 2_000;

const transportsByContainer = new WeakMap<Container, Transports>();

/** The transports of this container (built once: one SMPP session, one SMTP pool per process). */
export function transportsOf(c: Container): Transports {
  let t = transportsByContainer.get(c);
  if (!t) transportsByContainer.set(c, (t = buildTransports(c.ctx, c.config)));
  return t;
}

/** Sends what is due now (the console's "run now" and tests). */
export function runQueueNow(c: Container): Promise<number> {
  return runNotifyQueue(c.ctx, transportsOf(c), { publicBaseUrl: c.config.publicBaseUrl });
}

/**
 * The catalog's channel releases on this queue (explicit wiring: provided on the container, which the
 * catalog reads as `catalog.releaseQueue`; the catalog does not import notify).
 */
export function releaseQueueOf(c: Container): ReleaseQueue {
  const ctx = c.ctx;
  return {
    async enqueue(trx, clock, r) {
      const { id } = await enqueuePost(trx, clock, {
        orgId: r.orgId,
        channel: r.channel,
        title: r.title,
        text: r.summary,
        link: r.path,
        idempotencyKey: `catalog.release:${r.deliveryId}`,
        source: { module: 'catalog', id: r.itemId },
      });
      return { messageId: id };
    },
    async cancel(trx, clock, ids, reason) {
      await announceIds(ctx, trx, await repo.cancelPending(trx, ids, nowIso(clock), reason));
    },
    async retry(trx, id) {
      await requeueFailed(ctx, trx, id);
    },
    async markRecorded(trx, clock, ids, note) {
      await announceIds(ctx, trx, await repo.recordPending(trx, ids, nowIso(clock), note));
    },
    runNow: () => runQueueNow(c),
  };
}

const linkEnv = (c: Container): SubscriptionEnv => ({
  secret: c.config.sessionSecret,
  baseUrl: c.config.publicBaseUrl,
});

/** Runs every module's periodic job once (the notify queue is the notify module's). */
export async function runWorkerJobs(c: Container): Promise<number> {
  const { modules } = await import('../index.js');
  let done = 0;
  for (const m of modules) if (m.worker) done += await m.worker(c);
  return done;
}

/** Starts the periodic worker loop; returns a function that stops it (and waits for the current run). */
export function startWorker(c: Container, onError: (err: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runWorkerJobs(c)
      .then(() => undefined)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, WORKER_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    const t = transportsByContainer.get(c);
    if (t) await closeTransports(t);
    transportsByContainer.delete(c);
  };
}

function notifyCli(program: Command): void {
  program
    .command('worker')
    .description('运行发送队列（邮件、短信、微信、微博）与各模块的定时任务（预警催办等），直至收到 SIGTERM')
    .action(async () => {
      await withContainer(async (c) => {
        const stop = startWorker(c, (err) => console.error('worker job failed', err));
        console.log('发送队列工作进程已启动（Ctrl+C 退出）');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await stop();
      });
    });
}

/** Notify module: the sending queue and its worker, templates, the staff notification centre. */
export const notifyModule: GongkaiModule = {
  name: 'notify',
  wire: (c) => c.providers.provide('catalog.releaseQueue', releaseQueueOf(c)),
  async routes(app, c, portal) {
    await notifyRoutes(app, c, () => runQueueNow(c));
    portal.add({ nav: (_a, base) => [{ href: `${base}/dingyue`, label: '邮件订阅', group: '政务公开' }] });
    notifyPortal(app, c, portal, linkEnv(c));
    notifyFeeds(app, c, portal);
    // The worker runs on real time only: tests drive it through runQueueNow / POST /api/notify/run.
    if (c.config.role !== 'web' && c.ctx.clock === systemClock) {
      const stop = startWorker(c, (err) => app.log.error({ err }, 'worker jobs failed'));
      app.addHook('onClose', stop);
    } else
      app.addHook('onClose', async () => {
        const t = transportsByContainer.get(c);
        if (t) await closeTransports(t);
        transportsByContainer.delete(c);
      });
  },
  // the subscription digests enqueue mails the next run of the queue sends
  worker: async (c) => (await runSubscriptionDigests(c.ctx, linkEnv(c))) + (await runQueueNow(c)),
  demo: notifyDemo,
  cli: notifyCli,
};
