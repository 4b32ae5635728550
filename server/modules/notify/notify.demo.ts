/**
 * Demo notification settings for 示例市应急管理局: the office, the leaders and the clerk receive their
 * console notices also by e-mail and SMS (invented addresses on the example domain), so a warning or an
 * approval request in the demo has real recipients. With nothing configured (no SMTP_URL / SMPP_URL)
 * the worker records these messages as “未发送（仅记录）”.
 */
import { systemActor, userActor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Org } from '../orgs/orgs.repository.js';
import { listUsers } from '../users/users.service.js';
import { savePrefs } from './notify.service.js';

const DEMO_CONTACTS: Record<string, { mobile: string; email: string; quiet?: [string, string] }> = {
  office: { mobile: '13905330101', email: 'wang.zhengwu@shili.example.gov.cn' },
  clerk: { mobile: '13905330102', email: 'li.xinxi@shili.example.gov.cn', quiet: ['22:00', '07:00'] },
  leader: { mobile: '13905330103', email: 'sun.fenguan@shili.example.gov.cn' },
  principal: { mobile: '13905330104', email: 'zhou.juzhang@shili.example.gov.cn' },
};

export async function notifyDemo(ctx: Ctx, agency: Org): Promise<void> {
  const { items } = await listUsers(
    ctx,
    systemActor('演示数据'),
    { orgId: agency.id },
    { limit: 100, offset: 0 },
  );
  for (const u of items) {
    const c = DEMO_CONTACTS[u.username];
    if (!c) continue;
    const actor = userActor({
      userId: u.id,
      name: u.displayName,
      orgId: u.orgId,
      divisionId: u.divisionId,
      roles: u.roles,
    });
    await savePrefs(ctx, actor, {
      email: c.email,
      mobile: c.mobile,
      emailEnabled: true,
      smsEnabled: true,
      mutedKinds: [],
      quietStart: c.quiet?.[0] ?? null,
      quietEnd: c.quiet?.[1] ?? null,
    });
  }
}
