/**
 * Demo risk warnings for 示例市应急管理局, relative to today so a fresh `npm start` shows both paths: a
 * 大风黄色预警 in force now (the banner on every portal page, recipients partly acknowledged, the rest
 * escalated by the worker after 30 minutes), and a 危险化学品安全生产 warning published nine days ago and
 * lifted (解除) eight days ago. The subordinate units get invented duty mobiles and e-mail addresses so
 * the push has recipients; with nothing configured the messages are recorded, not sent.
 */
import { systemActor, userActor } from '../../platform/actor.js';
import { fixedClock, nowIso } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { updateOrgSettings } from '../orgs/orgs.service.js';
import { activeSubordinates, type Org } from '../orgs/orgs.repository.js';
import { listUsers } from '../users/users.service.js';
import * as repo from './warnings.repository.js';
import { ackSignature } from './warnings.rules.js';
import { ackByLink, approveWarning, createWarning, liftWarning } from './warnings.service.js';

const HOUR = 3600_000;

/** Duty contacts (值班手机, 邮箱) of the demo's subordinate units, in their sort order. */
const UNIT_CONTACTS = [
  { phone: '13905330201', email: 'jiancha@shili.example.gov.cn' },
  { phone: '13905330202', email: 'weihua@shili.example.gov.cn' },
  { phone: '13905330203', email: 'jiuyuan@shili.example.gov.cn' },
];

export async function warningsDemo(ctx: Ctx, agency: Org): Promise<void> {
  const env = ctx.providers?.get('warnings.env');
  if (!env) throw new Error('warnings demo needs the container (providers: warnings.env)');
  const units = await activeSubordinates(ctx.db, agency.id);
  for (const [i, u] of units.filter((x) => !x.phone && !x.email).entries()) {
    const c = UNIT_CONTACTS[i];
    if (c) await updateOrgSettings(ctx, systemActor('演示数据'), u.id, c);
  }
  const { items } = await listUsers(
    ctx,
    systemActor('演示数据'),
    { orgId: agency.id },
    { limit: 100, offset: 0 },
  );
  const as = (username: string) => {
    const u = items.find((x) => x.username === username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return userActor({
      userId: u.id,
      name: u.displayName,
      orgId: u.orgId,
      divisionId: u.divisionId,
      roles: u.roles,
    });
  };
  const office = as('office');
  const leader = as('leader');
  const now = ctx.clock.now().getTime();

  // Nine days ago: a hazardous-chemicals warning, lifted the next day after the leak was contained.
  const past = { ...ctx, clock: fixedClock(new Date(now - 9 * 24 * HOUR).toISOString()) };
  const chem = await createWarning(past, office, {
    kind: 'work_safety',
    event: '危险化学品泄漏',
    level: 'orange',
    area: '示例市化工产业园区及周边3公里范围',
    effectiveAt: nowIso(past.clock),
    expiresAt: new Date(now - 6 * 24 * HOUR).toISOString(),
    source: '示例市应急管理局危险化学品监督管理科现场核查报告',
    content: '化工产业园区一储罐区发生液氨少量泄漏，已实施堵漏，园区周边空气质量持续监测中。',
    actions: '园区企业暂停动火、受限空间等特殊作业；周边居民关闭门窗，听从现场指挥人员疏导。',
    ackMinutes: 60,
    groups: ['unit', 'staff'],
    submit: true,
  });
  await approveWarning(past, leader, chem.id, env);
  past.clock.advance(25 * 60_000); // acknowledged within the hour asked for
  await ackAll(past, chem.id, env.secret);
  past.clock.set(new Date(now - 8 * 24 * HOUR).toISOString());
  await liftWarning(
    past,
    leader,
    chem.id,
    '泄漏点已完成封堵，园区周边空气监测数据连续24小时正常，现解除预警。',
    env,
  );

  // In force now: a 大风黄色预警 from the meteorological bureau, one hour old, expiring tomorrow.
  const wind = await createWarning(ctx, office, {
    kind: 'meteorological',
    event: '大风',
    level: 'yellow',
    area: '示例市全境，沿海及化工产业园区风力较大',
    effectiveAt: new Date(now - HOUR).toISOString(),
    expiresAt: new Date(now + 30 * HOUR).toISOString(),
    source: '示例市气象台发布的大风黄色预警信号',
    content: '预计未来24小时内全市将出现平均风力8级以上、阵风10级的大风天气。',
    actions:
      '停止高处作业、吊装作业和露天动火作业；加固临时设施和脚手架；危险化学品企业检查储罐、管线固定和防风措施。',
    ackMinutes: 30,
    groups: ['unit', 'staff'],
    submit: true,
  });
  await approveWarning(ctx, leader, wind.id, env);
  // two recipients acknowledged at once; the others wait for the worker's escalation
  const recipients = await repo.recipientsOf(ctx.db, wind.id, { limit: 2, offset: 0 });
  for (const r of recipients) await ackByLink(ctx, r.id, ackSignature(env.secret, r.id), env.secret);
}

/** Acknowledges every recipient of a warning through its signed link (the past demo warning). */
async function ackAll(ctx: Ctx, warningId: string, secret: string): Promise<void> {
  for (const r of await repo.recipientsOf(ctx.db, warningId, { limit: 1000, offset: 0 }))
    await ackByLink(ctx, r.id, ackSignature(secret, r.id), secret);
}
