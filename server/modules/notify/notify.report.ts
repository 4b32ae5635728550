import type { Ctx } from '../../platform/context.js';
import type { NotifyReportFacts } from '../annual-report/sources.js';
import { channelYearCounts } from './notify.log.js';

/**
 * The annual report's notification facts: per channel, what was delivered or platform-confirmed in
 * the year (the only thing a report may count as a release), what was only recorded (never sent —
 * the report warns), and what failed. Catalog releases to WeChat/Weibo/SMS are included.
 */
export async function notifyReportFacts(ctx: Ctx, orgId: string, year: number): Promise<NotifyReportFacts> {
  const channels: NotifyReportFacts['channels'] = {};
  for (const c of await channelYearCounts(ctx, orgId, year))
    channels[c.channel] = { delivered: c.delivered, recordedOnly: c.recorded, failed: c.failed };
  return { channels };
}
