/**
 * The daily self-check of every agency's portal, run by the worker (`gongkai worker`, or the server
 * unless ROLE=web): from 02:00 China time, one agency per worker tick, each once a day. The crawl goes
 * through the Fastify app's `inject` (the app this process serves, or one built for the worker).
 */
import type { Container } from '../../container.js';
import type { App } from '../../http/app.js';
import { systemActor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { isAgencyKind } from '../orgs/orgs.rules.js';
import * as repo from './selfcheck.repository.js';
import { runCheck } from './selfcheck.check.js';
import { injectFetcher } from './selfcheck.fetch.js';
import type { PageFetcher } from './selfcheck.crawl.js';

/** Hour (China time) from which the day's scheduled checks run. */
export const SCHEDULE_HOUR = 2;

const apps = new WeakMap<Container, { app: App; ready: boolean }>();
const built = new WeakMap<Container, Promise<App>>();
const doneDay = new WeakMap<Container, string>();

/**
 * Remembers the app serving this container (called from the module's routes). It is used only once it
 * is ready: an `inject` before that would boot the app while other modules still register routes.
 */
export function rememberApp(c: Container, app: App): void {
  const entry = { app, ready: false };
  apps.set(c, entry);
  app.addHook('onReady', async () => {
    entry.ready = true;
  });
}

/** A fetcher over this process's app (null until it is ready), or over one built for a worker-only process. */
export async function fetcherFor(c: Container): Promise<PageFetcher | null> {
  const served = apps.get(c);
  if (served) return served.ready ? injectFetcher(served.app) : null;
  let p = built.get(c);
  if (!p) {
    // Imported on demand: the HTTP app imports every module, this one included.
    p = import('../../http/app.js').then(async ({ buildApp }) => {
      const a = await buildApp(c, { logger: false });
      await a.ready();
      return a;
    });
    built.set(c, p);
  }
  return injectFetcher(await p);
}

/** China hour of a clock's now. */
function chinaHour(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}

const inFlight = new WeakMap<Container, Promise<void>>();

/**
 * Starts one scheduled check if one is due and none is running; returns how many started (0 or 1).
 * The crawl runs in the background so the worker's other jobs (the sending queue) are not held up.
 */
export async function scheduledCheck(c: Container): Promise<number> {
  if (inFlight.has(c)) return 0;
  const started = await (nextScheduledCheck(c) ?? null);
  if (!started) return 0;
  const running = started.done
    .catch((err: unknown) => console.error('selfcheck: scheduled check failed', err))
    .finally(() => inFlight.delete(c));
  inFlight.set(c, running);
  return 1;
}

/** Starts the next due check (its completion in `done`), or null when none is due. */
export function nextScheduledCheck(c: Container): Promise<{ done: Promise<void> } | null> | null {
  const ctx = c.ctx;
  if (chinaHour(ctx.clock.now()) < SCHEDULE_HOUR) return null;
  if (doneDay.get(c) === todayInChina(ctx.clock)) return null;
  return findDue(c);
}

async function findDue(c: Container): Promise<{ done: Promise<void> } | null> {
  const ctx = c.ctx;
  const today = todayInChina(ctx.clock);
  const agencies = (await orgRepo.listAll(ctx.db)).filter((o) => isAgencyKind(o.kind) && !o.retired_at);
  for (const a of agencies) {
    if (await repo.reportRanToday(ctx.db, a.id, today, 'schedule')) continue;
    const fetcher = await fetcherFor(c);
    if (!fetcher) return null; // the app is still starting: next tick
    const done = runCheck(ctx, systemActor('检查指标定时自查', a.id), a.id, { fetcher, trigger: 'schedule' });
    return { done: done.then(() => undefined) };
  }
  doneDay.set(c, today);
  return null;
}
