/**
 * Demo content of 互动交流 for the demo agency, dated relative to today: about four months of letters
 * in every kind (most answered and rated, some published), one overdue, a few open; common replies;
 * one open consultation and one closed with its 采纳情况.
 */
import type { Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { addDays, compareIso } from '../../platform/calendar/iso-date.js';
import { inTransaction } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import type { Org } from '../orgs/orgs.repository.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { findByUsername } from '../users/users.repository.js';
import { searchIndex } from '../search/search.service.js';
import { loadWorkCalendar } from '../calendar/calendar.service.js';
import * as repo from './interaction.repository.js';
import type { ItemRow } from './interaction.repository.js';
import { dataKey, newQueryCode, queryCodeHash, sealIdentity } from './interaction.common.js';
import { letterDocument } from './publication.js';
import {
  DEFAULT_SETTINGS,
  maskContact,
  maskName,
  redactForPublication,
  type Identity,
} from './interaction.rules.js';
import type { InteractionChannel, InteractionKind, Rating } from './interaction.tables.js';

interface Sample {
  kind: InteractionKind;
  subject: string;
  body: string;
  reply: string;
  channel: InteractionChannel;
}

const SAMPLES: Sample[] = [
  {
    kind: 'mailbox',
    channel: 'portal',
    subject: '建议加强小区周边加油站安全检查',
    body: '我家小区旁边的加油站晚上经常有车辆违规停放，存在安全隐患，建议加强检查。',
    reply:
      '感谢您的建议。我局已会同属地应急管理部门对该加油站开展专项检查，责令其规范车辆停放并加强夜间巡查，后续将纳入“双随机”抽查。',
  },
  {
    kind: 'mailbox',
    channel: 'letter',
    subject: '关于老旧小区燃气管道改造的建议',
    body: '老旧小区燃气管道老化严重，希望政府加快改造进度。',
    reply:
      '您反映的问题已转燃气主管部门。根据全市城镇燃气管道老化更新改造计划，该小区已列入今年第二批改造清单，预计年底前完工。',
  },
  {
    kind: 'consult',
    channel: 'portal',
    subject: '申请安全生产许可证需要哪些材料',
    body: '我公司准备申请危险化学品经营许可证，请问需要准备哪些材料，办理时限多久？',
    reply:
      '您好。申请危险化学品经营许可证的材料清单和办理流程已在本网站“政务服务—办事指南”栏目公开；法定办理时限为30日，承诺时限为10个工作日。',
  },
  {
    kind: 'consult',
    channel: 'phone',
    subject: '咨询政府信息公开申请的收费标准',
    body: '来电咨询依申请公开是否收费。',
    reply:
      '已电话答复：依申请公开一般不收费；申请数量、频次明显超过合理范围的，按《政府信息公开信息处理费管理办法》收取信息处理费。',
  },
  {
    kind: 'complaint',
    channel: 'portal',
    subject: '举报某工厂违规存放危险化学品',
    body: '某工业园区一工厂在仓库外露天堆放化学品桶，无任何防护措施。',
    reply: '经现场核查，该企业存在危险化学品储存不规范问题，已依法责令限期整改，并立案调查。感谢您的举报。',
  },
  {
    kind: 'complaint',
    channel: 'phone',
    subject: '反映施工工地夜间动火作业无人监护',
    body: '12350来电反映某工地夜间动火作业无人监护。',
    reply: '执法人员已到现场检查，责令施工单位停止违规动火作业，完善动火审批和监护制度。',
  },
  {
    kind: 'hotline',
    channel: 'hotline_12345',
    subject: '市民反映商场消防通道被占用',
    body: '12345平台转办：某商场消防通道堆放杂物。',
    reply: '已联系消防救援部门联合检查，商场已清理消防通道，并建立日常巡查制度。',
  },
  {
    kind: 'site_error',
    channel: 'portal',
    subject: '“办事指南”栏目链接无法打开',
    body: '政务服务栏目中“危险化学品经营许可”办事指南的链接显示404。',
    reply: '感谢您的纠错。链接错误已修复，现可正常访问。',
  },
];

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];
const RATINGS: Rating[] = ['satisfied', 'satisfied', 'basic', 'satisfied', 'unsatisfied', 'satisfied'];

const COMPLAINT_FROM_REQUEST_REPLY =
  '您反映的问题我局已受理并组织核查。经现场检查，该企业存在的问题已责令限期整改，我局将跟踪复查整改落实情况。感谢您对安全生产工作的支持和监督。';

export async function seedInteractionDemo(ctx: Ctx, agency: Org): Promise<void> {
  const today = todayInChina(ctx.clock);
  const now = nowIso(ctx.clock);
  const calendar = await loadWorkCalendar(ctx);
  const divisions = (await orgRepo.listAll(ctx.db)).filter(
    (o) => o.parent_id === agency.id && o.kind === 'division',
  );
  const division = divisions.find((d) => d.name === '安全生产基础科') ?? divisions[0];
  const clerk = await findByUsername(ctx.db, 'clerk');
  const unit = `${agency.name}${division?.name ?? ''}`;
  const index = searchIndex(ctx);

  await inTransaction(ctx, async (trx) => {
    const key = await dataKey(trx, now);
    for (const [kind, s] of Object.entries(DEFAULT_SETTINGS))
      await repo.putSettings(trx, {
        org_id: agency.id,
        kind: kind as InteractionKind,
        enabled: 1,
        handler_division_id: division?.id ?? null,
        accept_workdays: s.acceptWorkdays,
        answer_workdays: s.answerWorkdays,
        publishable: s.publishable ? 1 : 0,
        sign_off_required: s.signOffRequired ? 1 : 0,
        updated_at: now,
        updated_by: null,
      });
    for (const [title, body] of [
      ['感谢来信（通用开头）', '感谢您对应急管理工作的关心和支持。'],
      [
        '已转属地处理',
        '您反映的问题属于属地管理事项，我局已转交所在区县应急管理局核查处理，并督促其按期反馈。',
      ],
      [
        '依申请公开指引',
        '如需获取政府信息，请通过本网站“依申请公开”栏目提出申请，我们将在20个工作日内答复。',
      ],
    ])
      await repo.putSnippet(trx, {
        id: newId(),
        org_id: agency.id,
        title: title!,
        body: body!,
        updated_at: now,
      });

    // ~4 months: one item every ~4 days, cycling through the samples.
    const docs = [];
    let n = 0;
    for (let back = 120; back >= 0; back -= 4) {
      const s = SAMPLES[n % SAMPLES.length]!;
      n++;
      const receivedOn = addDays(today, -back);
      if (!calendar.isWorkday(receivedOn) && s.channel !== 'portal') continue;
      const name = NAMES[n % NAMES.length]!;
      const anonymous = s.kind === 'complaint' && n % 2 === 0;
      const identity: Identity | null = anonymous
        ? null
        : { name, phone: `1390533${String(1000 + n).slice(-4)}`, email: null, address: null };
      const settings = DEFAULT_SETTINGS[s.kind];
      const answerDue = calendar.addWorkdays(receivedOn, settings.answerWorkdays).date;
      // Recent ones are still open; one older one is left overdue on purpose.
      const overdueOne = back === 40;
      const open = back < 12 || overdueOne;
      const repliedOn = open
        ? null
        : calendar.addWorkdays(receivedOn, Math.min(settings.answerWorkdays - 1, 3 + (n % 6))).date;
      const repliedDone = repliedOn && compareIso(repliedOn, today) <= 0 ? repliedOn : null;
      const rating = repliedDone && n % 3 !== 0 ? RATINGS[n % RATINGS.length]! : null;
      const publish = Boolean(repliedDone) && settings.publishable && !anonymous && n % 2 === 1;
      const seq = await repo.nextCounter(trx, agency.id, Number(receivedOn.slice(0, 4)));
      const number = `${agency.code.toUpperCase()}-HD-${receivedOn.slice(0, 4)}-${String(seq).padStart(6, '0')}`;
      const status: ItemRow['status'] = repliedDone
        ? rating
          ? 'archived'
          : 'replied'
        : back < 4
          ? 'received'
          : 'assigned';
      const publishedAt = publish ? `${addDays(repliedDone!, 1)}T02:00:00.000Z` : null;
      const item: ItemRow = {
        id: newId(),
        org_id: agency.id,
        number,
        query_code_hash: queryCodeHash(key, newQueryCode()),
        kind: s.kind,
        channel: s.channel,
        status,
        subject: s.subject,
        body: identity ? `${s.body}（来信人：${identity.name}，电话${identity.phone}）` : s.body,
        anonymous: anonymous ? 1 : 0,
        identity_enc: identity ? sealIdentity(key, identity) : null,
        name_masked: identity ? maskName(identity.name) : null,
        contact_masked: identity ? maskContact(identity) : null,
        notify_by: null,
        publish_consent: publish ? 1 : 0,
        submitted_at: `${receivedOn}T01:30:00.000Z`,
        received_on: receivedOn,
        order_number:
          s.kind === 'hotline' ? `12345-${receivedOn.replace(/-/g, '')}-${String(n).padStart(4, '0')}` : null,
        order_hash: null,
        external_due_on: s.kind === 'hotline' ? answerDue : null,
        accepted_on: status === 'received' ? null : calendar.addWorkdays(receivedOn, 1).date,
        decision_reason: null,
        transferred_to_org_id: null,
        merged_into_id: null,
        request_case_id: null,
        request_case_number: null,
        enforcement_ref:
          s.kind === 'complaint' && repliedDone
            ? `示应急罚立〔${receivedOn.slice(0, 4)}〕${String(n).padStart(3, '0')}号`
            : null,
        division_id: status === 'received' ? null : (division?.id ?? null),
        handler_id: status === 'received' ? null : (clerk?.id ?? null),
        draft_reply: repliedDone ? s.reply : null,
        draft_scan: repliedDone ? '[]' : null,
        scan_passed_at: repliedDone ? `${repliedDone}T01:00:00.000Z` : null,
        signed_by: repliedDone && settings.signOffRequired ? '孙分管' : null,
        signed_at: repliedDone && settings.signOffRequired ? `${repliedDone}T01:30:00.000Z` : null,
        reply: repliedDone ? s.reply : null,
        reply_unit: repliedDone ? unit : null,
        replied_on: repliedDone,
        replied_at: repliedDone ? `${repliedDone}T02:00:00.000Z` : null,
        answer_restart_on: null,
        reopen_count: 0,
        rating,
        rating_comment: rating === 'unsatisfied' ? '希望加快处理进度' : null,
        rated_at: rating ? `${repliedDone}T08:00:00.000Z` : null,
        archived_on: rating ? repliedDone : null,
        published: publish ? 1 : 0,
        published_at: publishedAt,
        published_month: publishedAt ? addDays(repliedDone!, 1).slice(0, 7) : null,
        public_subject: null,
        public_question: null,
        public_reply: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      };
      if (publish) {
        const names = identity ? [identity.name] : [];
        item.public_subject = redactForPublication(item.subject, names).text;
        item.public_question = redactForPublication(item.body, names).text;
        item.public_reply = redactForPublication(item.reply ?? '', names).text;
        docs.push(letterDocument(item));
      }
      await repo.insertItem(trx, item);
    }
    await index.upsertMany(trx, docs, now);

    // Complaints the requests demo handed over (信访举报投诉类申请, answered on the request side) were
    // handled like the others: accepted the next working day and answered within the limit, so the demo
    // shows no complaint left unanswered for months; one handed over in the last days is still open.
    const complaintLimit = DEFAULT_SETTINGS.complaint.answerWorkdays;
    for (const item of await repo.itemsFromRequests(trx, agency.id)) {
      if (item.status !== 'received') continue;
      const repliedOn = calendar.addWorkdays(item.received_on, Math.min(complaintLimit - 1, 6)).date;
      if (compareIso(repliedOn, today) > 0) continue;
      await repo.updateItem(trx, item.id, {
        status: 'replied',
        accepted_on: calendar.addWorkdays(item.received_on, 1).date,
        division_id: division?.id ?? null,
        handler_id: clerk?.id ?? null,
        draft_reply: COMPLAINT_FROM_REQUEST_REPLY,
        draft_scan: '[]',
        scan_passed_at: `${repliedOn}T01:00:00.000Z`,
        reply: COMPLAINT_FROM_REQUEST_REPLY,
        reply_unit: unit,
        replied_on: repliedOn,
        replied_at: `${repliedOn}T02:00:00.000Z`,
        updated_at: now,
      });
    }

    // One consultation open now (重大行政决策, 30 days), one closed with its 采纳情况.
    const openId = newId();
    await repo.insertConsultation(trx, {
      id: openId,
      org_id: agency.id,
      title: '《示例市安全生产隐患排查治理办法（征求意见稿）》公开征求意见',
      summary: '为规范生产经营单位隐患排查治理工作，我局起草了本办法征求意见稿，现向社会公开征求意见。',
      draft_text:
        '第一条　为了建立安全生产隐患排查治理长效机制，根据《中华人民共和国安全生产法》，制定本办法。\n第二条　本市行政区域内生产经营单位的隐患排查治理及其监督管理，适用本办法。\n第三条　生产经营单位是隐患排查治理的责任主体，主要负责人对本单位隐患排查治理工作全面负责。',
      catalog_item_id: null,
      major_decision: 1,
      short_period_reason: null,
      opens_on: addDays(today, -10),
      closes_on: addDays(today, 20),
      comment_display: 'moderated',
      published_at: `${addDays(today, -10)}T01:00:00.000Z`,
      adoption_summary: null,
      final_text: null,
      result_published_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    await repo.insertComment(trx, {
      id: newId(),
      org_id: agency.id,
      consultation_id: openId,
      author: '某化工企业',
      body: '建议明确重大隐患判定标准的适用范围。',
      status: 'approved',
      adopted: null,
      adoption_note: null,
      created_at: `${addDays(today, -5)}T03:00:00.000Z`,
      moderated_at: `${addDays(today, -4)}T03:00:00.000Z`,
      moderated_by: '王政务',
    });
    await repo.insertComment(trx, {
      id: newId(),
      org_id: agency.id,
      consultation_id: openId,
      author: null,
      body: '第三条建议增加全员岗位责任的内容。',
      status: 'pending',
      adopted: null,
      adoption_note: null,
      created_at: `${addDays(today, -2)}T03:00:00.000Z`,
      moderated_at: null,
      moderated_by: null,
    });

    const closedId = newId();
    const closedOpens = addDays(today, -80);
    await repo.insertConsultation(trx, {
      id: closedId,
      org_id: agency.id,
      title: '《示例市生产安全事故应急预案管理实施细则（草案）》公开征求意见',
      summary: '根据《生产安全事故应急预案管理办法》，我局起草了实施细则草案，公开征求社会意见。',
      draft_text:
        '第一条　为规范生产安全事故应急预案管理工作，制定本细则。\n第二条　应急预案的编制应当遵循以人为本、依法依规、符合实际、注重实效的原则。',
      catalog_item_id: null,
      major_decision: 1,
      short_period_reason: null,
      opens_on: closedOpens,
      closes_on: addDays(closedOpens, 30),
      comment_display: 'moderated',
      published_at: `${closedOpens}T01:00:00.000Z`,
      adoption_summary:
        '征求意见期间共收到意见3条，采纳2条。未采纳的1条意见建议取消应急预案备案，因《生产安全事故应急预案管理办法》明确规定备案制度，未予采纳。',
      final_text:
        '第一条　为规范生产安全事故应急预案管理工作，提高应急预案的针对性和可操作性，制定本细则。\n第二条　应急预案的编制应当遵循以人为本、依法依规、符合实际、注重实效的原则，以应急处置为核心。',
      result_published_at: `${addDays(closedOpens, 45)}T02:00:00.000Z`,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    for (const [body, adopted, note] of [
      ['建议在第一条增加提高预案针对性和可操作性的表述。', 1, '已采纳，修改第一条。'],
      ['建议第二条突出以应急处置为核心。', 1, '已采纳。'],
      ['建议取消应急预案备案要求，减轻企业负担。', 0, '备案制度系上位法规定，未予采纳。'],
    ] as const)
      await repo.insertComment(trx, {
        id: newId(),
        org_id: agency.id,
        consultation_id: closedId,
        author: null,
        body,
        status: 'approved',
        adopted,
        adoption_note: note,
        created_at: `${addDays(closedOpens, 5)}T03:00:00.000Z`,
        moderated_at: `${addDays(closedOpens, 6)}T03:00:00.000Z`,
        moderated_by: '王政务',
      });
  });
}
