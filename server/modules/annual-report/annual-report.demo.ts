/**
 * Demo content of the annual report: the demo agency's report on the last year that is due, generated from
 * the demo's own records, its 【请填写】 passages written, approved by the leader and published on
 * 20 January (on time, before the 31 January deadline of 第四十九条). Relative to today: from 20 January
 * on that is last year's report; earlier in January it is the year before's, as on a real site.
 */
import { fixedClock, todayInChina } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { Org } from '../orgs/orgs.repository.js';
import { actorForUsername } from '../users/users.actors.js';
import * as service from './annual-report.service.js';
import { reportSources } from './report-sources.js';

const PUBLISH_DAY = '01-20';

/** What the office writes where the data cannot speak (a 【请填写…】 prompt left would block approval). */
const PASSAGE: Record<string, string> = {
  one: '本机关按照本年度政务公开工作要点，围绕安全生产和应急管理重点工作，逐项落实了主动公开、依申请公开和政府信息管理等各项任务。',
  five: '本机关将持续加强政务公开队伍建设，完善信息发布审核机制，提升公开内容的时效性和实用性。',
  six: '本机关无其他需要报告的事项。',
};

export function demoReportYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= PUBLISH_DAY ? year - 1 : year - 2;
}

export async function annualReportDemo(ctx: Ctx, agency: Org): Promise<void> {
  const office = await actorForUsername(ctx, 'office');
  const leader = await actorForUsername(ctx, 'leader');
  if (!office || !leader) return;
  const year = demoReportYear(todayInChina(ctx.clock));
  // Every step happens on the publication day, 10:00 China time, so the report's dates read as on time.
  const onDay = { ...ctx, clock: fixedClock(`${year + 1}-${PUBLISH_DAY}T02:00:00.000Z`) };
  const draft = await service.generate(onDay, office, reportSources(ctx), { orgId: agency.id, year });
  const texts = JSON.parse(draft.texts_json) as Record<string, string>;
  const filled: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts))
    if (/【请填写[^】]*】/.test(text))
      filled[key] = text.replace(/【请填写[^】]*】/g, PASSAGE[key] ?? PASSAGE.six!);
  await service.updateTexts(onDay, office, draft.id, filled);
  await service.check(onDay, office, draft.id);
  await service.approve(onDay, leader, draft.id);
  await service.publish(onDay, office, draft.id);
}
