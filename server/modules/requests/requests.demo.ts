/**
 * Demo cases for 示例市应急管理局, created through the service so every row, event, letter and audit
 * entry is real. Dates are relative to the clock's today (working days back), so the demo is coherent
 * whenever it is seeded: closed cases over the past ~18 months (2025–2026 when seeded in late 2026),
 * open cases with deadlines near today. Covers every statutory outcome, a 补正, an extension, a fee, a
 * third-party consultation and appeals.
 */
import type { Ctx } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import { addDays, compareIso } from '../../platform/calendar/iso-date.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { creditCodeCheckChar, orgCodeCheckChar } from '../../platform/validation/credit-code.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import type { Org } from '../orgs/orgs.repository.js';
import { findByUsername } from '../users/users.repository.js';
import type { OutcomeCode } from './outcomes.js';
import type { ApplicantTypeKey, RequestChannel } from './requests.tables.js';
import * as repo from './requests.repository.js';
import * as service from './requests.service.js';

function idCard(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

function creditCode(seq: number): string {
  const body8 = `MA${String(3000 + seq).padStart(6, '0')}`.slice(0, 8);
  const first17 = `91370300${body8}${orgCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The working day n working days before `from` (n ≥ 1). */
function workdaysBefore(cal: WorkCalendar, from: string, n: number): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

interface Spec {
  ago: number; // working days before today that the application was received
  type: ApplicantTypeKey;
  name: string;
  channel: RequestChannel;
  description: string;
  outcome?: OutcomeCode; // closed cases
  answerAfter?: number; // working days after receipt the reply was sent
  reason?: string;
  extras?: ('supplement' | 'extension' | 'fee' | 'third_party' | 'appeal_review' | 'appeal_suit')[];
  open?: 'registered' | 'assigned' | 'drafting' | 'awaiting';
}

const SPECS: Spec[] = [
  {
    ago: 380,
    type: 'natural',
    name: '张建国',
    channel: 'online',
    description: '2024年度示例市安全生产委员会全体会议纪要',
    outcome: 'withheld_process_information',
    answerAfter: 12,
    reason: '会议纪要属于内部讨论记录，公开后可能影响决策过程。',
    extras: ['appeal_review'],
  },
  {
    ago: 370,
    type: 'commercial',
    name: '示例市华安化工有限公司',
    channel: 'registered_mail',
    description: '本公司2024年危险化学品经营许可证延续审查意见',
    outcome: 'provided',
    answerAfter: 9,
    reason: '以电子文本形式提供。',
  },
  {
    ago: 360,
    type: 'natural',
    name: '李秀兰',
    channel: 'in_person',
    description: '2024年示例市生产安全事故统计月报（1—12月）',
    outcome: 'already_published',
    answerAfter: 3,
    reason: '该信息已在本局政府信息公开网站“统计信息”栏目公开，网址：/catalog/statistics。',
  },
  {
    ago: 350,
    type: 'legalService',
    name: '示例市明理律师事务所',
    channel: 'email',
    description: '某建材公司“4·17”机械伤害事故调查报告及批复',
    outcome: 'partially_provided',
    answerAfter: 18,
    reason: '调查报告中涉及伤亡人员个人信息的部分已作区分处理。',
    extras: ['third_party', 'appeal_suit'],
  },
  {
    ago: 340,
    type: 'natural',
    name: '王卫东',
    channel: 'online',
    description: '示例市应急管理局2023年公务接待清单',
    outcome: 'withheld_internal_affairs',
    answerAfter: 15,
    reason: '属于后勤管理方面的内部事务信息。',
  },
  {
    ago: 330,
    type: 'research',
    name: '示例大学公共安全研究院',
    channel: 'email',
    description: '2019—2024年全市较大以上生产安全事故原始调查卷宗',
    outcome: 'requires_creation',
    answerAfter: 19,
    reason: '申请内容需对大量卷宗进行汇总、加工。',
  },
  {
    ago: 320,
    type: 'natural',
    name: '赵明',
    channel: 'ordinary_mail',
    description: '某小区燃气管道改造工程竣工验收资料',
    outcome: 'not_this_agency',
    answerAfter: 8,
    reason: '燃气管道工程验收不属于本局职责。',
  },
  {
    ago: 300,
    type: 'natural',
    name: '孙丽',
    channel: 'online',
    description: '本人去年反映某工厂夜间噪音扰民问题的处理情况',
    outcome: 'petition_complaint',
    answerAfter: 6,
    reason: '请通过12345政务服务便民热线反映。',
  },
  {
    ago: 290,
    type: 'publicInterest',
    name: '示例市绿色家园环保志愿者协会',
    channel: 'online',
    description: '示例市化工园区企业名单及重大危险源分布图',
    outcome: 'withheld_security_stability',
    answerAfter: 17,
    reason: '重大危险源精确分布信息公开后可能危及公共安全。',
  },
  {
    ago: 280,
    type: 'natural',
    name: '周强',
    channel: 'in_person',
    description: '示例市应急管理局内设机构定岗定编方案',
    outcome: 'withheld_state_secret',
    answerAfter: 10,
    reason: '该文件已依法定密。',
  },
  {
    ago: 270,
    type: 'commercial',
    name: '示例市宏远矿业有限公司',
    channel: 'registered_mail',
    description: '对本公司2024年行政处罚案件全部执法卷宗',
    outcome: 'withheld_enforcement_file',
    answerAfter: 14,
    reason: '属于行政执法案卷信息，可依法申请阅卷。',
  },
  {
    ago: 260,
    type: 'natural',
    name: '吴芳',
    channel: 'online',
    description: '某企业职工王某的工伤认定材料',
    outcome: 'withheld_third_party',
    answerAfter: 16,
    reason: '涉及第三方个人隐私，第三方不同意公开。',
  },
  {
    ago: 250,
    type: 'natural',
    name: '郑伟',
    channel: 'online',
    description: '某公司安全生产许可证及工商登记档案',
    outcome: 'special_access_regime',
    answerAfter: 7,
    reason: '工商登记档案请向市场监督管理部门依法查询。',
  },
  {
    ago: 240,
    type: 'natural',
    name: '冯静',
    channel: 'online',
    description: '2023年示例市安全生产专项资金使用明细',
    outcome: 'withheld_prohibited_by_law',
    answerAfter: 13,
    reason: '相关信息依《中华人民共和国统计法》第九条不得对外提供单个调查对象资料。',
  },
  {
    ago: 230,
    type: 'natural',
    name: '陈涛',
    channel: 'online',
    description: '示例市应急避难场所建设规划',
    outcome: 'information_not_exist',
    answerAfter: 11,
    reason: '经检索，本局未制作该规划。',
  },
  {
    ago: 220,
    type: 'natural',
    name: '张建国',
    channel: 'online',
    description: '2024年度示例市安全生产委员会全体会议纪要',
    outcome: 'repeated_application',
    answerAfter: 5,
    reason: '本局已于前次申请作出答复。',
  },
  {
    ago: 210,
    type: 'natural',
    name: '褚红',
    channel: 'online',
    description: '《示例市应急管理年鉴（2024）》纸质版一册',
    outcome: 'publication_request',
    answerAfter: 4,
    reason: '可在示例市图书馆查阅或向出版社购买。',
  },
  {
    ago: 200,
    type: 'natural',
    name: '卫兵',
    channel: 'online',
    description: '全市所有企业近十年所有安全检查记录',
    outcome: 'unreasonable_volume',
    answerAfter: 12,
    reason: '申请数量明显超过合理范围，经要求说明理由，申请人未能说明合理理由。',
  },
  {
    ago: 190,
    type: 'natural',
    name: '蒋涛',
    channel: 'online',
    description: '请对本人持有的2022年答复书的真实性予以确认',
    outcome: 'confirm_or_reissue',
    answerAfter: 6,
    reason: '该请求不属于政府信息公开申请。',
  },
  {
    ago: 180,
    type: 'natural',
    name: '沈阳',
    channel: 'online',
    description: '关于那次检查的文件',
    outcome: 'unclear_after_supplement',
    answerAfter: 25,
    reason: '补正后仍未能明确所需信息的名称或特征。',
    extras: ['supplement'],
  },
  {
    ago: 170,
    type: 'natural',
    name: '韩梅',
    channel: 'online',
    description: '关于某个事故的材料',
    outcome: 'supplement_not_provided',
    extras: ['supplement'],
  },
  {
    ago: 150,
    type: 'other',
    name: '示例市某社区居民委员会',
    channel: 'online',
    description: '2025年1—6月全市安全生产执法检查企业名单及检查结果（共42项）',
    outcome: 'fee_not_paid',
    extras: ['fee'],
  },
  {
    ago: 120,
    type: 'natural',
    name: '杨帆',
    channel: 'online',
    description: '2025年示例市防汛抗旱应急预案',
    outcome: 'withdrawn',
    answerAfter: 3,
    reason: '申请人已自行获取。',
  },
  {
    ago: 100,
    type: 'natural',
    name: '朱敏',
    channel: 'fax',
    description: '2025年示例市森林防火期划定通告',
    outcome: 'other',
    answerAfter: 9,
    reason: '该通告已由市人民政府发布，已告知申请人获取途径并转交。',
  },
  {
    ago: 60,
    type: 'natural',
    name: '秦岚',
    channel: 'online',
    description: '2025年示例市危险化学品企业安全生产标准化达标名单',
    outcome: 'provided',
    answerAfter: 10,
    reason: '以电子邮件方式提供。',
  },
  {
    ago: 45,
    type: 'natural',
    name: '许诺',
    channel: 'online',
    description: '2025年示例市危险化学品企业安全生产标准化达标名单',
    outcome: 'provided',
    answerAfter: 8,
    reason: '以电子邮件方式提供。',
  },
  {
    ago: 35,
    type: 'legalService',
    name: '示例市公正律师事务所',
    channel: 'registered_mail',
    description: '某建筑工地“9·3”高处坠落事故调查处理情况',
    outcome: 'partially_provided',
    answerAfter: 30,
    reason: '对涉及个人信息的部分作区分处理。',
    extras: ['extension'],
  },
  // open cases, deadlines near today
  {
    ago: 17,
    type: 'natural',
    name: '何平',
    channel: 'in_person',
    description: '示例市2025年度应急物资储备库名录',
    open: 'drafting',
  },
  {
    ago: 15,
    type: 'commercial',
    name: '示例市安达物流有限公司',
    channel: 'email',
    description: '道路运输危险货物企业安全检查通报（2026年第三季度）',
    open: 'assigned',
    extras: ['fee'],
  },
  {
    ago: 8,
    type: 'natural',
    name: '吕青',
    channel: 'online',
    description: '本街道地震应急避难场所的位置和容量',
    open: 'assigned',
    extras: ['supplement'],
  },
  {
    ago: 3,
    type: 'research',
    name: '示例市安全科学研究所',
    channel: 'registered_mail',
    description: '2026年示例市安全生产执法计划',
    open: 'registered',
  },
  {
    ago: 1,
    type: 'natural',
    name: '施晓',
    channel: 'online',
    description: '示例市应急管理局2026年部门预算公开说明',
    open: 'awaiting',
  },
];

/** Seeds the demo cases (only for the demo agency; the service does all the work). */
export async function seedRequestsDemo(ctx: Ctx, agency: Org): Promise<void> {
  await service.withoutCaseViews(() => seedCases(ctx, agency));
}

async function seedCases(ctx: Ctx, agency: Org): Promise<void> {
  const actor = systemActor('演示数据', agency.id);
  const cal = await service.calendarFor(ctx);
  const today = todayInChina(ctx.clock);
  const division = (await orgRepo.listAll(ctx.db)).find(
    (o) => o.parent_id === agency.id && o.name === '安全生产基础科',
  );
  const handler = await findByUsername(ctx.db, 'clerk');
  if (!division || !handler) return;
  const after = (d: string, n: number) => {
    const r = cal.addWorkdays(d, n).date;
    return compareIso(r, today) > 0 ? today : r;
  };
  let seq = 0;
  for (const s of SPECS) {
    seq++;
    const received = workdaysBefore(cal, today, s.ago);
    const isOrg = s.type !== 'natural';
    const confirm = ['online', 'email', 'fax', 'ordinary_mail'].includes(s.channel);
    const { case: c } = await service.createCase(ctx, actor, {
      channel: s.channel,
      applicantType: s.type,
      applicantName: s.name,
      contactPerson: isOrg ? '刘经办' : null,
      idDocType: isOrg ? 'credit_code' : 'resident_id',
      idNumber: isOrg
        ? creditCode(seq)
        : idCard('370302', `19${70 + (seq % 30)}0${1 + (seq % 9)}1${seq % 10}`, 100 + seq),
      phone: `1380533${String(1000 + seq).slice(-4)}`,
      email: s.channel === 'email' ? `applicant${seq}@example.com` : null,
      address: `示例市张店区人民路${seq}号`,
      postcode: '255000',
      description: s.description,
      requestedForm: 'electronic',
      deliveryMethod: s.channel === 'email' ? 'email' : 'post',
      submittedAt: s.channel === 'registered_mail' ? workdaysBefore(cal, received, 1) : received,
      ...(s.channel === 'registered_mail' ? { signedForOn: received } : {}),
      ...(confirm && s.open !== 'awaiting' ? { confirmedOn: received } : {}),
      itemCount: s.extras?.includes('fee') ? 42 : 1,
    });
    if (s.open === 'awaiting') continue;
    const id = c.id;
    if (s.extras?.includes('supplement')) {
      await service.requestSupplement(ctx, actor, id, {
        date: after(received, 3),
        items: ['请明确所需信息的名称、文号或形成时间', '请说明所涉事故或检查的时间、地点'],
        supplementDeadline: after(received, 13),
      });
      if (s.outcome === 'supplement_not_provided') {
        await service.expireSupplement(ctx, actor, id, { date: after(received, 14) });
        continue;
      }
      if (s.open) {
        await service.assignCase(ctx, actor, id, { divisionId: division.id, handlerId: handler.id });
        continue;
      }
      await service.receiveSupplement(ctx, actor, id, {
        date: after(received, 8),
        note: '申请人来电补充说明',
      });
    }
    if (s.open !== 'registered')
      await service.assignCase(ctx, actor, id, { divisionId: division.id, handlerId: handler.id });
    if (s.extras?.includes('fee')) {
      await service.sendFeeNotice(ctx, actor, id, {
        date: after(received, 2),
        basis: 'per_item',
        quantity: 42,
      });
      if (s.outcome === 'fee_not_paid') {
        await service.expireFee(ctx, actor, id, { date: after(received, 23) });
        continue;
      }
    }
    if (s.extras?.includes('third_party'))
      await service.sendConsultation(ctx, actor, id, {
        kind: 'third_party',
        date: after(received, 4),
        party: '示例市某建材有限公司',
        matter: '事故调查报告中涉及贵公司生产工艺的内容',
      });
    if (s.extras?.includes('third_party'))
      await service.replyConsultation(ctx, actor, id, 'C1', {
        date: after(received, 9),
        opinion: 'disagree',
        note: '涉及商业秘密',
      });
    if (s.extras?.includes('extension')) {
      await service.approveExtension(ctx, actor, id, {
        date: after(received, 17),
        workdays: 15,
        reason: '所需信息涉及多个科室，需进一步检索核实',
      });
      await service.notifyExtension(ctx, actor, id, { date: after(received, 18) });
    }
    if (s.open) {
      if (s.open === 'drafting')
        await service.draftOutcome(ctx, actor, id, { outcomeCode: 'provided', reason: '以电子文本提供' });
      continue;
    }
    if (s.outcome === 'withdrawn') {
      await service.withdraw(ctx, actor, id, { date: after(received, s.answerAfter ?? 3), note: s.reason });
      continue;
    }
    const partial = s.outcome === 'partially_provided';
    await service.draftOutcome(ctx, actor, id, {
      outcomeCode: s.outcome!,
      reason: s.reason ?? '',
      ...(s.outcome === 'other' ? { legalBasis: '《中华人民共和国政府信息公开条例》第十条' } : {}),
      ...(s.outcome === 'not_this_agency'
        ? { referralAgency: '示例市住房和城乡建设局，联系电话0533-1234600' }
        : {}),
      ...(partial
        ? {
            withheldParts: [
              {
                part: '伤亡人员姓名、身份证号码、家庭住址',
                ground: 'withheld_third_party',
                reason: '属于个人隐私，公开会损害第三方合法权益',
              },
            ],
          }
        : {}),
    });
    await service.submitForReview(ctx, actor, id);
    const stage = (await repo.findCase(ctx.db, id))?.stage;
    if (stage === 'review') await service.reviewCase(ctx, actor, id, { passed: true });
    await service.signOff(ctx, actor, id, { approved: true });
    const replyOn = after(received, s.answerAfter ?? 10);
    await service.sendReply(ctx, actor, id, { date: replyOn });
    if (s.ago > 200) await service.archiveCase(ctx, actor, id);
    if (s.extras?.includes('appeal_review'))
      await service.recordAppeal(ctx, actor, id, {
        kind: 'review',
        filedOn: after(replyOn, 20),
        bodyName: '示例市人民政府',
        reference: '示政复〔2025〕18号',
        outcome: 'upheld',
        decidedOn: after(replyOn, 60),
      });
    if (s.extras?.includes('appeal_suit'))
      await service.recordAppeal(ctx, actor, id, {
        kind: 'litigation_direct',
        filedOn: after(replyOn, 30),
        bodyName: '示例市张店区人民法院',
        reference: '（2025）鲁0302行初56号',
        outcome: 'pending',
      });
  }
}
