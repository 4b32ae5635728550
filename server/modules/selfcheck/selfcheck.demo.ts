/**
 * Demo content of the self-check: one deliberately broken internal link. A 工作动态 item links to the
 * draft 安全生产标准化建设工作方案 (征求意见稿) that was later withdrawn (撤回), so its page is gone
 * and the link answers 404 — the kind of dead link the 检查指标 counts. (The demo's stale column,
 * 统计信息, comes from the catalog demo.) Dates are relative to today; content goes through the
 * catalog's real workflow (as the system actor, recorded in the audit log as 演示数据).
 */
import { systemActor, type Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { fixedClock, todayInChina } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import type { Org } from '../orgs/orgs.repository.js';
import * as catalog from '../catalog/index.js';

const CHECKLIST = {
  stateSecret: { involved: false },
  workSecret: { involved: false },
  commercialSecret: { involved: false },
  privacy: { involved: false },
  sensitive: { involved: false },
};

async function publish(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  columnId: string,
  input: { title: string; bodyHtml: string; generatedOn: string },
): Promise<string> {
  const id = await catalog.createItem(ctx, actor, { ...input, columnId, orgId });
  await catalog.submit(ctx, actor, id);
  await catalog.startReview(ctx, actor, id);
  await catalog.review(ctx, actor, id, {
    checklist: CHECKLIST,
    opinion: '经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。',
    decision: 'pass',
  });
  await catalog.approve(ctx, actor, id, '同意发布。');
  return id;
}

/** The title of the withdrawn draft and of the news item that still links to it (tests read these). */
export const DEMO_WITHDRAWN_TITLE = '示例市安全生产标准化建设工作方案（征求意见稿）';
export const DEMO_LINKING_TITLE = '市应急管理局召开全市安全生产标准化建设推进会';

export async function selfcheckDemo(ctx: Ctx, agency: Org): Promise<void> {
  const columns = await catalog.listPublishedColumns(ctx, agency.id);
  const tzgg = columns.find((c) => c.code === 'tzgg');
  const gzdt = columns.find((c) => c.code === 'gzdt');
  if (!tzgg || !gzdt) return;
  const actor = systemActor('演示数据', agency.id);
  const today = todayInChina(ctx.clock);
  const at = (daysAgo: number, hour: number) => ({
    ...ctx,
    clock: fixedClock(`${addDays(today, -daysAgo)}T0${hour}:00:00Z`),
  });
  const draftId = await publish(at(9, 1), actor, agency.id, tzgg.id, {
    title: DEMO_WITHDRAWN_TITLE,
    bodyHtml: '<p>为推进全市企业安全生产标准化建设，市应急管理局起草了工作方案，现公开征求意见。</p>',
    generatedOn: addDays(today, -10),
  });
  await publish(at(8, 2), actor, agency.id, gzdt.id, {
    title: DEMO_LINKING_TITLE,
    bodyHtml:
      '<p>市应急管理局召开全市安全生产标准化建设推进会，通报各区县工作进展，部署下一阶段重点任务。' +
      `会议要求各单位对照<a href="/a/${agency.code}/items/${draftId}">安全生产标准化建设工作方案</a>抓好落实。</p>`,
    generatedOn: addDays(today, -8),
  });
  await catalog.withdraw(at(3, 3), actor, draftId, '征求意见结束，方案修改后另行发布');
}
