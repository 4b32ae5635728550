/**
 * Demo content of the supervision module, relative to today so it looks right on any day:
 * - an overdue 依申请公开 case of 示例市应急管理局 (received 26 working days ago, still in 办理) when the
 *   requests demo has none, so the supervisor's board shows a red count to drill into;
 * - 督办 tasks from the government's supervisor (吴督查) to 示例市应急管理局: one accepted on time two
 *   weeks ago, one overdue (not yet answered), and one open (issued from the overdue case's board row).
 */
import { fixedClock, todayInChina } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import type { Org } from '../orgs/orgs.repository.js';
import { requestCaseFacts, requestCaseList } from '../requests/index.js';
import * as requests from '../requests/requests.service.js';
import * as userRepo from '../users/users.repository.js';
import { isRole } from '../users/roles.js';
import { suggestedTitle } from './supervision.rules.js';
import * as tasks from './tasks.js';

function workdaysBefore(cal: WorkCalendar, from: string, n: number): string {
  let d = from;
  for (let left = n; left > 0;) {
    d = addDays(d, -1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

async function actorOf(ctx: Ctx, username: string): Promise<Actor | null> {
  const u = await userRepo.findByUsername(ctx.db, username);
  if (!u) return null;
  return userActor({
    userId: u.id,
    name: u.display_name,
    orgId: u.org_id,
    divisionId: u.division_id,
    roles: u.roles.filter(isRole),
  });
}

/** A ctx whose clock reads 10:00 (China) of a past day: the task's dates are that day's. */
function on(ctx: Ctx, day: string): Ctx {
  return { ...ctx, clock: fixedClock(`${day}T02:00:00.000Z`) };
}

async function ensureOverdueCase(ctx: Ctx, agency: Org, cal: WorkCalendar, today: string) {
  const asOf = { today, calendar: cal };
  const [facts] = await requestCaseFacts(ctx.db, [agency.id], asOf);
  if (!facts || facts.overdue === 0) {
    const division = (await orgRepo.subtree(ctx.db, agency.id)).find((o) => o.name === '安全生产基础科');
    const handler = await userRepo.findByUsername(ctx.db, 'clerk');
    const received = workdaysBefore(cal, today, 26);
    const actor = systemActor('演示数据', agency.id);
    const first17 = '37030219800315472';
    const { case: c } = await requests.createCase(ctx, actor, {
      channel: 'online',
      applicantType: 'natural',
      applicantName: '邓明',
      idDocType: 'resident_id',
      idNumber: first17 + idCardCheckChar(first17),
      phone: '13805331888',
      address: '示例市张店区共青团路18号',
      postcode: '255000',
      description: '2026年示例市危险化学品重大危险源企业名单及监管责任人',
      requestedForm: 'electronic',
      deliveryMethod: 'post',
      submittedAt: received,
      confirmedOn: received,
    });
    if (division && handler)
      await requests.assignCase(ctx, actor, c.id, { divisionId: division.id, handlerId: handler.id });
  }
  return (await requestCaseList(ctx.db, [agency.id], asOf, 'overdue'))[0] ?? null;
}

export async function supervisionDemo(ctx: Ctx, agency: Org): Promise<void> {
  const cal = await loadWorkCalendar(ctx);
  const today = todayInChina(ctx.clock);
  const overdueCase = await ensureOverdueCase(ctx, agency, cal, today);
  const supervisor = await actorOf(ctx, 'supervisor');
  const office = await actorOf(ctx, 'office');
  if (!supervisor || !office) return;

  // Two weeks ago: a column check, answered in time and accepted.
  const early = workdaysBefore(cal, today, 10);
  const done = await tasks.issueTask(on(ctx, early), supervisor, {
    targetOrgId: agency.id,
    title: '栏目 政策解读 更新不及时',
    body: '经检查，你局门户网站“政策解读”栏目近期更新不及时，请补充发布近期政策文件的解读材料，并建立栏目更新台账。',
    workdays: 5,
  });
  await tasks.replyTask(on(ctx, workdaysBefore(cal, today, 7)), office, done.id, {
    text: '已补充发布《示例市安全生产条例》等3项政策解读，并建立栏目更新台账，明确办公室每周检查一次。',
  });
  await tasks.acceptTask(on(ctx, workdaysBefore(cal, today, 6)), supervisor, done.id, {
    note: '经核查已整改到位。',
  });

  // Eight working days ago with five days to answer: now overdue and not yet answered.
  await tasks.issueTask(on(ctx, workdaysBefore(cal, today, 8)), supervisor, {
    targetOrgId: agency.id,
    title: '双公示信息公示时限自查',
    body: '请对本年度行政许可、行政处罚决定是否在7个工作日内公示开展自查，报送自查情况和整改措施。',
    workdays: 5,
  });

  // Today, from the board row of the overdue case.
  if (overdueCase)
    await tasks.issueTask(ctx, supervisor, {
      targetOrgId: agency.id,
      title: suggestedTitle('request_case', overdueCase.caseNumber, { overdue: true }),
      body: `你局依申请公开案件${overdueCase.caseNumber}已超过法定答复期限（${overdueCase.answerDue}），请立即办理答复申请人，并说明逾期原因。`,
      workdays: 3,
      source: {
        kind: 'request_case',
        id: overdueCase.id,
        label: overdueCase.caseNumber,
        link: `/requests/${overdueCase.id}`,
      },
    });
}
