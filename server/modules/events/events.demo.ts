/**
 * Demo content, dated relative to today so the demo looks lived-in on any day of the year: a year of
 * press conferences, a past hearing with its 笔录 and an announced one open for registration, a
 * forum, an open day awaiting its record, a planned conference; this year's press plan; and a year of
 * deputies' suggestions and members' proposals — replied and published, one due soon, one overdue.
 */
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { Org } from '../orgs/orgs.repository.js';
import * as repo from './events.repository.js';
import { addMonths } from './events.rules.js';
import type { EventKind, EventState, EventsTable, ProposalsTable } from './events.tables.js';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An ISO timestamp at 10:00 China time on a China date. */
const at = (date: string) => `${addDays(date, 0)}T02:00:00.000Z`;

export async function eventsDemo(ctx: Ctx, agency: Org): Promise<void> {
  const today = todayInChina(ctx.clock);
  const now = nowIso(ctx.clock);
  const year = Number(today.slice(0, 4));
  const ev = (
    kind: EventKind,
    state: EventState,
    offsetDays: number,
    title: string,
    extra: Partial<EventsTable> = {},
  ): EventsTable => {
    const date = addDays(today, offsetDays);
    const held = state === 'held' || state === 'published';
    return {
      id: newId(),
      org_id: agency.id,
      kind,
      title,
      event_date: date,
      event_time: '10:00',
      place: '市应急管理局三楼会议室',
      host: agency.name,
      spokespersons: '局党委委员、副局长 王明\n政策法规科科长 李华',
      topic: title,
      related_json: '[]',
      state,
      announcement: null,
      announced_at: null,
      registration_deadline: null,
      registration_quota: null,
      record_text:
        held && state === 'published'
          ? `${title}于${date}召开。发布人介绍了有关情况，并回答了记者提问。`
          : null,
      video_url: null,
      attendance: held ? 40 : null,
      outcome: null,
      opinions_handling: null,
      held_at: held ? at(date) : null,
      published_at: state === 'published' ? at(addDays(date, 1)) : null,
      cancel_reason: null,
      filed_with: kind === 'press_conference' && held ? '中共示例市委宣传部' : null,
      filed_on: kind === 'press_conference' && held ? addDays(date, -7) : null,
      filing_number: null,
      created_by: null,
      created_at: at(addDays(date, -30)),
      updated_at: now,
      ...extra,
    };
  };

  const upcomingHearingDate = addDays(today, 20);
  const events: EventsTable[] = [
    ev('press_conference', 'published', -300, '全市安全生产形势新闻发布会'),
    ev('press_conference', 'published', -120, '《示例市安全生产条例》实施情况新闻发布会', {
      related_json: JSON.stringify([{ title: '示例市安全生产条例', href: '/catalog' }]),
    }),
    ev('policy_briefing', 'published', -60, '危险化学品安全专项整治政策吹风会'),
    ev('campaign', 'published', -170, '“安全生产月”宣传咨询日活动', { place: '市民广场' }),
    ev('forum', 'published', -200, '应急管理与城市安全政务论坛', { place: '市会展中心' }),
    ev('hearing', 'published', -90, '烟花爆竹经营（批发）许可布点规划听证会', {
      announcement: '本机关拟调整烟花爆竹批发经营布点规划，现举行听证会，欢迎公民、法人和其他组织报名参加。',
      announced_at: at(addDays(today, -120)),
      registration_deadline: addDays(today, -100),
      registration_quota: 15,
      record_text:
        '听证会由政策法规科科长主持。听证参加人12人到会，分别就布点数量、安全距离和经营时段陈述了意见。',
      opinions_handling:
        '共收到意见23条，采纳9条（主要是安全距离和仓储条件），部分采纳5条，未采纳9条并说明了理由。',
    }),
    ev('open_day', 'held', -25, '应急管理局政府开放日：走进应急指挥中心', {
      place: '市安全生产应急救援指挥中心',
    }),
    ev('hearing', 'announced', 20, '非煤矿山安全生产行政处罚裁量基准听证会', {
      event_date: upcomingHearingDate,
      announcement:
        '为规范非煤矿山安全生产行政处罚裁量权，本机关拟修订裁量基准，现公开举行听证。凡年满18周岁、与本事项有利害关系的公民、法人或其他组织均可报名。',
      announced_at: at(addDays(today, -5)),
      registration_deadline: addDays(today, 10),
      registration_quota: 12,
      attendance: null,
    }),
    ev('press_conference', 'planned', 40, '年度应急管理工作新闻发布会'),
  ];

  const p = (
    kind: 'suggestion' | 'proposal',
    number: string,
    assignedOffset: number,
    title: string,
    extra: Partial<ProposalsTable> = {},
  ): ProposalsTable => {
    const assigned = addDays(today, assignedOffset);
    return {
      id: newId(),
      org_id: agency.id,
      kind,
      number,
      year: Number(assigned.slice(0, 4)),
      session: kind === 'suggestion' ? '市十六届人大三次会议' : '市政协十二届三次会议',
      title,
      proposers: kind === 'suggestion' ? '张建国\n刘芳' : '赵晓明',
      role: 'lead',
      lead_unit: null,
      assigned_on: assigned,
      deadline: addMonths(assigned, 3),
      division: '政策法规科',
      state: 'assigned',
      reply_text: null,
      reply_class: null,
      replied_on: null,
      reply_number: null,
      feedback: null,
      feedback_note: null,
      feedback_on: null,
      publication: 'pending',
      public_text: null,
      public_is_summary: 0,
      withhold_reason: null,
      published_at: null,
      created_by: null,
      created_at: at(assigned),
      updated_at: now,
      ...extra,
    };
  };
  const replied = (offset: number, cls: 'A' | 'B' | 'C', text: string): Partial<ProposalsTable> => ({
    state: 'closed',
    reply_text: text,
    reply_class: cls,
    replied_on: addDays(today, offset),
    reply_number: `示应急函〔${year}〕${Math.abs(offset)}号`,
    feedback: 'satisfied',
    feedback_on: addDays(today, offset + 10),
    publication: 'published',
    public_text: text,
    published_at: at(addDays(today, offset + 12)),
  });
  const proposals: ProposalsTable[] = [
    p(
      'suggestion',
      '152',
      -160,
      '关于加强老旧小区消防安全隐患整治的建议',
      replied(
        -90,
        'A',
        '您提出的建议已全部采纳。\n本局会同住建、消防部门开展了老旧小区消防安全专项整治，排查整治隐患1236处。',
      ),
    ),
    p(
      'proposal',
      '87',
      -150,
      '关于提升基层应急救援能力的提案',
      replied(
        -80,
        'B',
        '基层应急救援站建设已列入今明两年工作计划。\n今年已建成乡镇（街道）应急救援站12个，其余将于明年完成。',
      ),
    ),
    p('suggestion', '203', -140, '关于危险化学品运输车辆动态监管的建议', {
      ...replied(-75, 'C', '因涉及跨部门数据共享，目前条件尚不具备，留作今后工作参考。'),
      feedback: 'basically_satisfied',
    }),
    p('proposal', '45', -130, '关于建立企业安全生产信用联合惩戒机制的提案', {
      role: 'co',
      lead_unit: '示例市发展和改革委员会',
      ...replied(-70, 'B', '本局已将会办意见函复主办单位，并配合建立严重失信主体名单管理制度。'),
    }),
    p('suggestion', '311', -70, '关于在中小学开展应急避险演练的建议'),
    p('proposal', '102', -86, '关于加强汛期地质灾害预警信息发布的提案'),
    p('suggestion', '298', -95, '关于小微企业安全生产技术服务的建议', { deadline: addDays(today, -3) }),
  ];

  await inTransaction(ctx, async (trx) => {
    for (const e of events) await repo.insertEvent(trx, e);
    const reg = (name: string, affiliation: string, phone: string, status: 'pending' | 'selected') =>
      repo.insertRegistration(trx, {
        id: newId(),
        event_id: events[7]!.id,
        org_id: agency.id,
        name,
        affiliation,
        phone,
        email: null,
        statement: '希望细化裁量情节的认定标准。',
        status,
        created_at: at(addDays(today, -3)),
        decided_at: status === 'selected' ? at(addDays(today, -1)) : null,
      });
    await reg('周磊', '示例矿业有限公司', '13905330001', 'selected');
    await reg('孙丽', '居民代表', '13905330002', 'pending');
    await repo.upsertPlan(trx, {
      org_id: agency.id,
      year,
      planned_count: 4,
      note: '每季度至少召开一次新闻发布会或政策吹风会',
      filed_with: '中共示例市委宣传部',
      filed_on: `${year}-01-15` <= today ? `${year}-01-15` : today,
      updated_at: now,
    });
    for (const x of proposals) await repo.insertProposal(trx, x);
    const co = proposals[5]!;
    await repo.insertCoOpinion(trx, {
      id: newId(),
      proposal_id: co.id,
      org_id: agency.id,
      unit: '示例市自然资源和规划局',
      due_on: addDays(co.assigned_on, 28),
      opinion: '同意提案意见，地质灾害气象风险预警由本局与气象局联合发布。',
      received_on: addDays(co.assigned_on, 20),
      created_at: at(co.assigned_on),
    });
    await repo.insertContact(trx, {
      id: newId(),
      proposal_id: co.id,
      org_id: agency.id,
      method: 'phone',
      contacted_on: addDays(co.assigned_on, 7),
      note: '电话联系赵晓明委员，了解提案背景。',
      created_at: at(addDays(co.assigned_on, 7)),
    });
  });
}
