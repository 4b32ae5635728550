/**
 * Demo content for 示例市应急管理局: the 权责清单 事项 of last year and this year, licensing, penalty and coercion
 * decisions (most published, a few in the workflow, one corrected with its notice), two accident
 * investigation reports and three 挂牌督办 hazards. All names and codes are invented.
 */
import { systemActor } from '../../platform/actor.js';
import { fixedClock, todayInChina } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import type { Ctx } from '../../platform/context.js';
import type { Org } from '../orgs/orgs.repository.js';
import type { DecisionInput } from './enforcement.rules.js';
import type { DecisionKind } from './enforcement.tables.js';
import { sampleCreditCode } from './sample-credit-codes.js';
import * as service from './enforcement.service.js';
import type { WorkflowAction } from './workflow.rules.js';

/** 权责清单 事项; `since` is the first year relative to this year (-1: listed since last year, 0: new this year). */
const ITEMS: { kind: DecisionKind; code: string; name: string; basis: string; since: -1 | 0 }[] = [
  {
    kind: 'license',
    code: 'XK-001',
    name: '危险化学品经营许可证核发',
    basis: '《危险化学品安全管理条例》第三十三条',
    since: -1,
  },
  {
    kind: 'license',
    code: 'XK-002',
    name: '烟花爆竹经营（零售）许可',
    basis: '《烟花爆竹安全管理条例》第十六条',
    since: -1,
  },
  {
    kind: 'license',
    code: 'XK-003',
    name: '危险化学品安全使用许可证核发',
    basis: '《危险化学品安全管理条例》第二十九条',
    since: 0,
  },
  {
    kind: 'penalty',
    code: 'CF-001',
    name: '对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚',
    basis: '《中华人民共和国安全生产法》第九十七条',
    since: -1,
  },
  {
    kind: 'penalty',
    code: 'CF-002',
    name: '对生产经营单位未建立事故隐患排查治理制度的处罚',
    basis: '《中华人民共和国安全生产法》第一百零二条',
    since: -1,
  },
  {
    kind: 'penalty',
    code: 'CF-003',
    name: '对生产经营单位主要负责人未履行安全生产管理职责的处罚',
    basis: '《中华人民共和国安全生产法》第九十四条',
    since: -1,
  },
  {
    kind: 'coercion',
    code: 'QZ-001',
    name: '查封违法生产、储存、使用、经营危险化学品的场所',
    basis: '《危险化学品安全管理条例》第七条',
    since: -1,
  },
];

const ENTERPRISES = [
  '示例市恒安化工有限公司',
  '示例市鑫达危险化学品经营有限公司',
  '示例市东港石化储运有限公司',
  '示例市华泰精细化工有限公司',
  '示例市永盛金属制品有限公司',
  '示例市顺通物流有限公司',
];

type Demo = DecisionInput & { publish: 'published' | 'review' | 'draft'; correct?: string };

/** A demo decision before its number: `ago` days before today, numbered by `series` in date order. */
type DemoSpec = Omit<Demo, 'decisionNumber' | 'decisionDate' | 'validFrom' | 'validTo'> & {
  ago: number;
  series: keyof typeof SERIES;
  /** Validity of a licence in days from the decision date. */
  validDays?: number;
};

/**
 * 文号 series: the year of the decision date and a sequence number that grows with the date inside a
 * year (the first number and the step make them look like a year's running numbers).
 */
const SERIES = {
  whjy: {
    format: (y: string, n: number) => `（鲁示）WH安经〔${y}〕${String(n).padStart(4, '0')}号`,
    first: 12,
    step: 15,
  },
  whsy: {
    format: (y: string, n: number) => `（鲁示）WH安使〔${y}〕${String(n).padStart(4, '0')}号`,
    first: 1,
    step: 4,
  },
  yhls: { format: (y: string, n: number) => `示应急烟零许〔${y}〕${n}号`, first: 88, step: 9 },
  cf: { format: (y: string, n: number) => `示应急罚〔${y}〕${n}号`, first: 7, step: 8 },
  qz: { format: (y: string, n: number) => `示应急强〔${y}〕${n}号`, first: 3, step: 2 },
} as const;

/** 2026-12-07 → 2026年12月7日 */
function zhDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

function specs(): DemoSpec[] {
  const ent = (i: number) => ({
    counterpartyType: 'legal_person' as const,
    counterpartyName: ENTERPRISES[i]!,
    creditCode: sampleCreditCode(1000 + i),
  });
  return [
    {
      kind: 'license',
      series: 'whjy',
      ago: 290,
      validDays: 3 * 365 - 1,
      itemName: '危险化学品经营许可证核发',
      ...ent(1),
      legalRepresentative: '刘志强',
      legalBasis: '《危险化学品安全管理条例》第三十五条',
      content: '准予危险化学品经营许可（不带储存设施），经营品种：汽油、柴油、甲醇。',
      handlingDivision: '危险化学品监督管理科',
      publish: 'published',
    },
    {
      kind: 'license',
      series: 'whjy',
      ago: 200,
      validDays: 3 * 365 - 1,
      itemName: '危险化学品经营许可证核发',
      ...ent(2),
      legalRepresentative: '陈海涛',
      legalBasis: '《危险化学品安全管理条例》第三十五条',
      content: '准予危险化学品经营许可（带储存设施），经营品种：液化石油气、丙烯。',
      handlingDivision: '危险化学品监督管理科',
      publish: 'published',
    },
    {
      kind: 'license',
      series: 'yhls',
      ago: 40,
      validDays: 90,
      itemName: '烟花爆竹经营（零售）许可',
      counterpartyType: 'individual_business',
      counterpartyName: '示例市城关李记烟花爆竹零售店',
      creditCode: sampleCreditCode(2001, '92'),
      legalRepresentative: '李国庆',
      legalBasis: '《烟花爆竹安全管理条例》第十九条',
      content: '准予烟花爆竹零售经营许可，经营期限至{validTo}。',
      handlingDivision: '安全生产基础科',
      publish: 'published',
    },
    {
      kind: 'license',
      series: 'whjy',
      ago: 75,
      validDays: 3 * 365 - 1,
      itemName: '危险化学品经营许可证核发',
      ...ent(0),
      legalRepresentative: '王建国',
      legalBasis: '《危险化学品安全管理条例》第三十五条',
      content: '准予危险化学品经营许可证延期，经营品种：硫酸、盐酸、氢氧化钠。',
      handlingDivision: '危险化学品监督管理科',
      publish: 'published',
    },
    {
      kind: 'license',
      series: 'whsy',
      ago: 6,
      validDays: 3 * 365 - 1,
      itemName: '危险化学品安全使用许可证核发',
      ...ent(3),
      legalRepresentative: '赵明',
      legalBasis: '《危险化学品安全管理条例》第二十九条',
      content: '准予危险化学品安全使用许可，使用品种：液氯。',
      handlingDivision: '危险化学品监督管理科',
      publish: 'review',
    },
    {
      kind: 'penalty',
      series: 'cf',
      ago: 230,
      itemName: '对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚',
      ...ent(4),
      legalRepresentative: '孙立新',
      legalBasis: '《中华人民共和国安全生产法》第九十七条第三项',
      content:
        '违法事实：未按规定对新入职的3名从业人员进行安全生产教育和培训。处罚结果：责令限期改正，罚款人民币二万元。',
      fineFen: 2_000_000,
      handlingDivision: '执法监督科',
      publish: 'published',
    },
    {
      kind: 'penalty',
      series: 'cf',
      ago: 126,
      itemName: '对生产经营单位未建立事故隐患排查治理制度的处罚',
      ...ent(0),
      legalRepresentative: '王建国',
      legalBasis: '《中华人民共和国安全生产法》第一百零二条',
      content:
        '违法事实：未建立事故隐患排查治理制度，未如实记录事故隐患排查治理情况。处罚结果：罚款人民币五万元。',
      fineFen: 5_000_000,
      handlingDivision: '执法监督科',
      publish: 'published',
      correct: '原决定书罚款金额大写书写错误，依法更正。',
    },
    {
      kind: 'penalty',
      series: 'cf',
      ago: 125,
      itemName: '对生产经营单位主要负责人未履行安全生产管理职责的处罚',
      counterpartyType: 'natural_person',
      counterpartyName: '张建华',
      legalBasis: '《中华人民共和国安全生产法》第九十四条',
      content:
        '违法事实：作为示例市华泰精细化工有限公司主要负责人，未组织制定并实施本单位安全生产教育和培训计划。处罚结果：罚款人民币三万元。',
      fineFen: 3_000_000,
      handlingDivision: '执法监督科',
      publish: 'published',
    },
    {
      kind: 'penalty',
      series: 'cf',
      ago: 45,
      itemName: '对生产经营单位未建立事故隐患排查治理制度的处罚',
      ...ent(5),
      legalRepresentative: '周文斌',
      legalBasis: '《中华人民共和国安全生产法》第一百零二条',
      content:
        '违法事实：危险化学品运输车辆停车场未设置安全警示标志。处罚结果：责令限期改正，罚款人民币一万五千元。',
      fineFen: 1_500_000,
      confiscationFen: null,
      handlingDivision: '执法监督科',
      publish: 'published',
    },
    {
      kind: 'penalty',
      series: 'cf',
      ago: 18,
      itemName: '对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚',
      ...ent(3),
      legalRepresentative: '赵明',
      legalBasis: '《中华人民共和国安全生产法》第九十七条第三项',
      content:
        '违法事实：特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业。处罚结果：罚款人民币四万元。',
      fineFen: 4_000_000,
      handlingDivision: '执法监督科',
      publish: 'published',
    },
    {
      kind: 'penalty',
      series: 'cf',
      ago: 3,
      itemName: '对生产经营单位未建立事故隐患排查治理制度的处罚',
      ...ent(2),
      legalRepresentative: '陈海涛',
      legalBasis: '《中华人民共和国安全生产法》第一百零二条',
      content: '违法事实：储罐区可燃气体报警装置未定期检测。处罚结果：罚款人民币三万元。',
      fineFen: 3_000_000,
      handlingDivision: '执法监督科',
      publish: 'draft',
    },
    {
      kind: 'coercion',
      series: 'qz',
      ago: 160,
      itemName: '查封违法生产、储存、使用、经营危险化学品的场所',
      counterpartyType: 'legal_person',
      counterpartyName: '示例市利民日用化学品有限公司',
      creditCode: sampleCreditCode(3001),
      legalRepresentative: '吴海',
      legalBasis: '《危险化学品安全管理条例》第七条第一款第四项',
      content: '对该公司未取得危险化学品经营许可证擅自储存的甲醇（约12吨）及储存场所予以查封，期限30日。',
      handlingDivision: '执法监督科',
      publish: 'published',
    },
  ];
}

/**
 * The demo decisions as of `today` (China date): every date a fixed number of days before today, so the
 * register looks lived-in on any day of the year (penalties inside their 12-month publicity period, a
 * licence in review, a penalty in draft); 文号 carry the decision's year and grow with the date.
 */
export function enforcementDemoDecisions(today: string): Demo[] {
  const dated = specs().map((s) => ({ ...s, decisionDate: addDays(today, -s.ago) }));
  const next = new Map<string, number>();
  const numberOf = new Map<DemoSpec, string>();
  for (const d of [...dated].sort((a, b) => a.decisionDate.localeCompare(b.decisionDate))) {
    const year = d.decisionDate.slice(0, 4);
    const series = SERIES[d.series];
    const key = `${d.series}:${year}`;
    const n = next.get(key) ?? series.first;
    next.set(key, n + series.step);
    numberOf.set(d, series.format(year, n));
  }
  return dated.map((d) => {
    const { ago: _ago, series: _series, validDays, ...rest } = d;
    const validTo = validDays === undefined ? undefined : addDays(d.decisionDate, validDays);
    return {
      ...rest,
      decisionNumber: numberOf.get(d)!,
      content: rest.content.replace('{validTo}', validTo ? zhDate(validTo) : ''),
      ...(validTo ? { validFrom: d.decisionDate, validTo } : {}),
    };
  });
}

/** A clock at 10:00 China time on `date`, or the real clock when that is not in the past. */
function clockOn(ctx: Ctx, date: string): Ctx {
  const at = `${date}T02:00:00Z`;
  return at < ctx.clock.now().toISOString() ? { ...ctx, clock: fixedClock(at) } : ctx;
}

/** Adds the module's demo content to the demo agency. */
export async function enforcementDemo(ctx: Ctx, agency: Org): Promise<void> {
  const actor = systemActor('演示数据', agency.id);
  const today = todayInChina(ctx.clock);
  const thisYear = Number(today.slice(0, 4));
  for (const year of [thisYear - 1, thisYear])
    for (const item of ITEMS.filter((i) => thisYear + i.since <= year))
      await service.createItem(
        ctx,
        actor,
        { year, kind: item.kind, code: item.code, name: item.name, basis: item.basis },
        agency.id,
      );

  const steps: Record<Demo['publish'], WorkflowAction[]> = {
    draft: [],
    review: ['submit'],
    published: ['submit', 'pass_review', 'approve'],
  };
  // Registered on the decision day, through review and approval two days later (inside the 7 working
  // days), a correction a month on: the register's dates and the on-time figures look like a real year's.
  for (const d of enforcementDemoDecisions(today)) {
    const { publish, correct, ...input } = d;
    const created = await service.createDecision(clockOn(ctx, d.decisionDate), actor, input, agency.id);
    for (const step of steps[publish])
      await service.transitionDecision(clockOn(ctx, addDays(d.decisionDate, 2)), actor, created.id, step);
    if (correct)
      await service.changeLegalStatus(clockOn(ctx, addDays(d.decisionDate, 30)), actor, created.id, {
        status: 'corrected',
        reason: correct,
        changes: { ...input, content: input.content.replace('五万元', '伍万元整') },
      });
  }

  // “M·D” names an accident by the day it happened (the usual 事故 naming).
  const md = (iso: string) => `${Number(iso.slice(5, 7))}·${iso.slice(8, 10)}`;
  const hm = (iso: string, time: string) => `${zhDate(iso)}${time}`;
  const occurred1 = addDays(today, -265);
  const occurred2 = addDays(today, -120);
  const accidents: service.AccidentInput[] = [
    {
      title: `示例市永盛金属制品有限公司“${md(occurred1)}”机械伤害事故调查报告`,
      level: 'general',
      occurredOn: occurred1,
      place: '示例市经济开发区永盛金属制品有限公司冲压车间',
      enterpriseName: ENTERPRISES[4]!,
      creditCode: sampleCreditCode(1004),
      deaths: 1,
      injuries: 0,
      directLossFen: 145_000_000,
      summary: `${hm(occurred1, '9时20分许')}，该公司冲压车间操作工在未停机的情况下进入冲床危险区域清理废料，被冲床滑块挤压，经抢救无效死亡。`,
      conclusions:
        '经调查认定，这是一起因违章作业、安全防护装置失效、企业安全管理不到位导致的一般生产安全责任事故。',
      responsibilityHandling:
        '对该公司处以罚款人民币五十万元；对公司主要负责人处以上一年年收入百分之四十的罚款；建议公司对车间主任等3名责任人员给予内部处理。',
      approvedOn: addDays(occurred1, 85),
    },
    {
      title: `示例市顺通物流有限公司“${md(occurred2)}”车辆伤害事故调查报告`,
      level: 'general',
      occurredOn: occurred2,
      place: '示例市港城路顺通物流园区装卸区',
      enterpriseName: ENTERPRISES[5]!,
      creditCode: sampleCreditCode(1005),
      deaths: 1,
      injuries: 2,
      directLossFen: 210_000_000,
      summary: `${hm(occurred2, '14时许')}，一辆叉车在装卸区倒车时与作业人员发生碰撞，造成1人死亡、2人受伤。`,
      conclusions:
        '经调查认定，这是一起因叉车司机无证驾驶、现场未设置人车分流措施导致的一般生产安全责任事故。',
      responsibilityHandling:
        '对该公司处以罚款人民币六十万元；叉车司机涉嫌重大责任事故罪，移送司法机关处理；对分管安全负责人给予罚款处理。',
      approvedOn: addDays(occurred2, 80),
    },
  ];
  for (const a of accidents) {
    const published = clockOn(ctx, addDays(a.approvedOn!, 3));
    const saved = await service.saveAccident(published, actor, null, a, agency.id);
    for (const step of steps.published)
      await service.transitionRecord(published, actor, 'accident', saved.id, step);
  }

  const hazards: service.HazardInput[] = [
    {
      title: '液氯储罐区安全距离不足重大事故隐患',
      enterpriseName: ENTERPRISES[3]!,
      creditCode: sampleCreditCode(1003),
      description:
        '液氯储罐区与厂外居民区的安全距离不符合《危险化学品生产装置和储存设施外部安全防护距离确定方法》要求。',
      listedOn: addDays(today, -210),
      deadline: addDays(today, -10),
      responsibleUnit: '示例市应急管理局',
      measures: '减少液氯储存量，增设紧急切断和氯气吸收装置，实施储罐区搬迁。',
      rectificationStatus: 'delisted',
      delistedOn: addDays(today, -14),
    },
    {
      title: '液化石油气储罐未设置紧急切断装置重大事故隐患',
      enterpriseName: ENTERPRISES[2]!,
      creditCode: sampleCreditCode(1002),
      description:
        '液化石油气储罐进出口管道未设置紧急切断装置，属于《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》规定的重大事故隐患。',
      listedOn: addDays(today, -50),
      deadline: addDays(today, 130),
      responsibleUnit: '示例市应急管理局',
      measures: '委托有资质单位设计并安装紧急切断装置，整改期间降低储存量。',
      rectificationStatus: 'in_progress',
    },
    {
      title: '有限空间作业未实行审批重大事故隐患',
      enterpriseName: ENTERPRISES[0]!,
      creditCode: sampleCreditCode(1000),
      description: '污水处理池等有限空间作业未实行作业审批，未配备气体检测和应急救援装备。',
      listedOn: addDays(today, -20),
      deadline: addDays(today, 70),
      responsibleUnit: '示例市经济开发区应急管理办公室',
      measures: '建立有限空间作业审批制度，配备四合一气体检测仪和正压式空气呼吸器。',
      rectificationStatus: 'pending',
    },
  ];
  for (const h of hazards) {
    // Published the day after listing; a delisted hazard is saved as delisted, the day after its delisting.
    const listed = clockOn(ctx, addDays(h.delistedOn ?? h.listedOn, 1));
    const saved = await service.saveHazard(listed, actor, null, h, agency.id);
    for (const step of steps.published)
      await service.transitionRecord(listed, actor, 'hazard', saved.id, step);
  }
}
