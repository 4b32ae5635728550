/**
 * Demo content: 示例市人民政府 scores its departments. Last quarter's set from the default indicators,
 * computed, with the manual indicator scored for 示例市应急管理局; this quarter's set copied from it
 * and computed to date. Relative to today, so it looks right on any day of the year.
 */
import type { Ctx } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import type { Org } from '../orgs/orgs.repository.js';
import { computeCards, setManualScore } from './scorecards.cards.js';
import { createSet } from './scorecards.sets.js';
import { periodOf, previousPeriod } from './scorecards.rules.js';

export async function scorecardsDemo(ctx: Ctx, agency: Org, government: Org): Promise<void> {
  const actor = systemActor('演示数据', government.id);
  const current = periodOf(todayInChina(ctx.clock), 'quarter');
  const last = await createSet(ctx, actor, {
    period: previousPeriod(current),
    note: '按《政府信息公开工作考核办法》，季度考核结果纳入年度绩效考核。',
  });
  await computeCards(ctx, actor, last.id);
  const manual = last.indicators.find((i) => i.kind === 'manual');
  if (manual)
    await setManualScore(ctx, actor, last.id, {
      indicatorId: manual.id,
      agencyId: agency.id,
      score: 9,
      evidence: '已调整政务公开工作领导小组，制定年度工作要点；本季度组织培训1次，缺少培训签到表扣1分。',
    });
  const now = await createSet(ctx, actor, { period: current, copyFromPrevious: true });
  await computeCards(ctx, actor, now.id);
}
