/**
 * Demo content for 示例市应急管理局: the 权责清单 事项 of 2025 and 2026, licensing, penalty and coercion
 * decisions (most published, a few in the workflow, one corrected with its notice), two accident
 * investigation reports and three 挂牌督办 hazards. All names and codes are invented.
 */
import { systemActor } from '../../platform/actor.js';
import { todayInChina } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { Org } from '../orgs/orgs.repository.js';
import type { DecisionInput } from './enforcement.rules.js';
import type { DecisionKind } from './enforcement.tables.js';
import { sampleCreditCode } from './sample-credit-codes.js';
import * as service from './enforcement.service.js';
import type { WorkflowAction } from './workflow.rules.js';

const ITEMS: { kind: DecisionKind; code: string; name: string; basis: string; since: number }[] = [
  {
    kind: 'license',
    code: 'XK-001',
    name: '危险化学品经营许可证核发',
    basis: '《危险化学品安全管理条例》第三十三条',
    since: 2025,
  },
  {
    kind: 'license',
    code: 'XK-002',
    name: '烟花爆竹经营（零售）许可',
    basis: '《烟花爆竹安全管理条例》第十六条',
    since: 2025,
  },
  {
    kind: 'license',
    code: 'XK-003',
    name: '危险化学品安全使用许可证核发',
    basis: '《危险化学品安全管理条例》第二十九条',
    since: 2026,
  },
  {
    kind: 'penalty',
    code: 'CF-001',
    name: '对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚',
    basis: '《中华人民共和国安全生产法》第九十七条',
    since: 2025,
  },
  {
    kind: 'penalty',
    code: 'CF-002',
    name: '对生产经营单位未建立事故隐患排查治理制度的处罚',
    basis: '《中华人民共和国安全生产法》第一百零二条',
    since: 2025,
  },
  {
    kind: 'penalty',
    code: 'CF-003',
    name: '对生产经营单位主要负责人未履行安全生产管理职责的处罚',
    basis: '《中华人民共和国安全生产法》第九十四条',
    since: 2025,
  },
  {
    kind: 'coercion',
    code: 'QZ-001',
    name: '查封违法生产、储存、使用、经营危险化学品的场所',
    basis: '《危险化学品安全管理条例》第七条',
    since: 2025,
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

function decisions(): Demo[] {
  const ent = (i: number) => ({
    counterpartyType: 'legal_person' as const,
    counterpartyName: ENTERPRISES[i]!,
    creditCode: sampleCreditCode(1000 + i),
  });
  return [
    {
      kind: 'license',
      decisionNumber: '（鲁示）WH安经〔2025〕0012号',
      decisionDate: '2025-03-11',
      itemName: '危险化学品经营许可证核发',
      ...ent(1),
      legalRepresentative: '刘志强',
      legalBasis: '《危险化学品安全管理条例》第三十五条',
      content: '准予危险化学品经营许可（不带储存设施），经营品种：汽油、柴油、甲醇。',
      validFrom: '2025-03-11',
      validTo: '2028-03-10',
      handlingDivision: '危险化学品监督管理科',
      publish: 'published',
    },
    {
      kind: 'license',
      decisionNumber: '（鲁示）WH安经〔2025〕0027号',
      decisionDate: '2025-06-20',
      itemName: '危险化学品经营许可证核发',
      ...ent(2),
      legalRepresentative: '陈海涛',
      legalBasis: '《危险化学品安全管理条例》第三十五条',
      content: '准予危险化学品经营许可（带储存设施），经营品种：液化石油气、丙烯。',
      validFrom: '2025-06-20',
      validTo: '2028-06-19',
      handlingDivision: '危险化学品监督管理科',
      publish: 'published',
    },
    {
      kind: 'license',
      decisionNumber: '示应急烟零许〔2025〕88号',
      decisionDate: '2025-12-26',
      itemName: '烟花爆竹经营（零售）许可',
      counterpartyType: 'individual_business',
      counterpartyName: '示例市城关李记烟花爆竹零售店',
      creditCode: sampleCreditCode(2001, '92'),
      legalRepresentative: '李国庆',
      legalBasis: '《烟花爆竹安全管理条例》第十九条',
      content: '准予烟花爆竹零售经营许可，经营期限至2026年2月28日。',
      validFrom: '2025-12-26',
      validTo: '2026-02-28',
      handlingDivision: '安全生产基础科',
      publish: 'published',
    },
    {
      kind: 'license',
      decisionNumber: '（鲁示）WH安经〔2026〕0003号',
      decisionDate: '2026-01-15',
      itemName: '危险化学品经营许可证核发',
      ...ent(0),
      legalRepresentative: '王建国',
      legalBasis: '《危险化学品安全管理条例》第三十五条',
      content: '准予危险化学品经营许可证延期，经营品种：硫酸、盐酸、氢氧化钠。',
      validFrom: '2026-01-15',
      validTo: '2029-01-14',
      handlingDivision: '危险化学品监督管理科',
      publish: 'published',
    },
    {
      kind: 'license',
      decisionNumber: '（鲁示）WH安使〔2026〕0001号',
      decisionDate: '2026-02-09',
      itemName: '危险化学品安全使用许可证核发',
      ...ent(3),
      legalRepresentative: '赵明',
      legalBasis: '《危险化学品安全管理条例》第二十九条',
      content: '准予危险化学品安全使用许可，使用品种：液氯。',
      validFrom: '2026-02-09',
      validTo: '2029-02-08',
      handlingDivision: '危险化学品监督管理科',
      publish: 'review',
    },
    {
      kind: 'penalty',
      decisionNumber: '示应急罚〔2025〕7号',
      decisionDate: '2025-04-18',
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
      decisionNumber: '示应急罚〔2025〕15号',
      decisionDate: '2025-08-05',
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
      decisionNumber: '示应急罚〔2025〕16号',
      decisionDate: '2025-08-05',
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
      decisionNumber: '示应急罚〔2025〕23号',
      decisionDate: '2025-11-12',
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
      decisionNumber: '示应急罚〔2026〕2号',
      decisionDate: '2026-01-20',
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
      decisionNumber: '示应急罚〔2026〕5号',
      decisionDate: '2026-02-24',
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
      decisionNumber: '示应急强〔2025〕3号',
      decisionDate: '2025-09-02',
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

/** Adds the module's demo content to the demo agency. */
export async function enforcementDemo(ctx: Ctx, agency: Org): Promise<void> {
  const actor = systemActor('演示数据', agency.id);
  const today = todayInChina(ctx.clock);
  const thisYear = Number(today.slice(0, 4));
  for (const year of [2025, 2026].filter((y) => y <= thisYear))
    for (const item of ITEMS.filter((i) => i.since <= year))
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
  for (const d of decisions()) {
    if (d.decisionDate > today) continue;
    const { publish, correct, ...input } = d;
    const created = await service.createDecision(ctx, actor, input, agency.id);
    for (const step of steps[publish]) await service.transitionDecision(ctx, actor, created.id, step);
    if (correct)
      await service.changeLegalStatus(ctx, actor, created.id, {
        status: 'corrected',
        reason: correct,
        changes: { ...input, content: input.content.replace('五万元', '伍万元整') },
      });
  }

  const accidents: service.AccidentInput[] = [
    {
      title: '示例市永盛金属制品有限公司“3·18”机械伤害事故调查报告',
      level: 'general',
      occurredOn: '2025-03-18',
      place: '示例市经济开发区永盛金属制品有限公司冲压车间',
      enterpriseName: ENTERPRISES[4]!,
      creditCode: sampleCreditCode(1004),
      deaths: 1,
      injuries: 0,
      directLossFen: 145_000_000,
      summary:
        '2025年3月18日9时20分许，该公司冲压车间操作工在未停机的情况下进入冲床危险区域清理废料，被冲床滑块挤压，经抢救无效死亡。',
      conclusions:
        '经调查认定，这是一起因违章作业、安全防护装置失效、企业安全管理不到位导致的一般生产安全责任事故。',
      responsibilityHandling:
        '对该公司处以罚款人民币五十万元；对公司主要负责人处以上一年年收入百分之四十的罚款；建议公司对车间主任等3名责任人员给予内部处理。',
      approvedOn: '2025-06-30',
    },
    {
      title: '示例市顺通物流有限公司“8·09”车辆伤害事故调查报告',
      level: 'general',
      occurredOn: '2025-08-09',
      place: '示例市港城路顺通物流园区装卸区',
      enterpriseName: ENTERPRISES[5]!,
      creditCode: sampleCreditCode(1005),
      deaths: 1,
      injuries: 2,
      directLossFen: 210_000_000,
      summary: '2025年8月9日14时许，一辆叉车在装卸区倒车时与作业人员发生碰撞，造成1人死亡、2人受伤。',
      conclusions:
        '经调查认定，这是一起因叉车司机无证驾驶、现场未设置人车分流措施导致的一般生产安全责任事故。',
      responsibilityHandling:
        '对该公司处以罚款人民币六十万元；叉车司机涉嫌重大责任事故罪，移送司法机关处理；对分管安全负责人给予罚款处理。',
      approvedOn: '2025-11-20',
    },
  ];
  for (const a of accidents) {
    if (a.occurredOn > today || (a.approvedOn && a.approvedOn > today)) continue;
    const saved = await service.saveAccident(ctx, actor, null, a, agency.id);
    for (const step of steps.published)
      await service.transitionRecord(ctx, actor, 'accident', saved.id, step);
  }

  const hazards: service.HazardInput[] = [
    {
      title: '液氯储罐区安全距离不足重大事故隐患',
      enterpriseName: ENTERPRISES[3]!,
      creditCode: sampleCreditCode(1003),
      description:
        '液氯储罐区与厂外居民区的安全距离不符合《危险化学品生产装置和储存设施外部安全防护距离确定方法》要求。',
      listedOn: '2025-05-10',
      deadline: '2025-11-30',
      responsibleUnit: '示例市应急管理局',
      measures: '减少液氯储存量，增设紧急切断和氯气吸收装置，实施储罐区搬迁。',
      rectificationStatus: 'delisted',
      delistedOn: '2025-11-26',
    },
    {
      title: '液化石油气储罐未设置紧急切断装置重大事故隐患',
      enterpriseName: ENTERPRISES[2]!,
      creditCode: sampleCreditCode(1002),
      description:
        '液化石油气储罐进出口管道未设置紧急切断装置，属于《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》规定的重大事故隐患。',
      listedOn: '2025-10-15',
      deadline: '2026-04-15',
      responsibleUnit: '示例市应急管理局',
      measures: '委托有资质单位设计并安装紧急切断装置，整改期间降低储存量。',
      rectificationStatus: 'in_progress',
    },
    {
      title: '有限空间作业未实行审批重大事故隐患',
      enterpriseName: ENTERPRISES[0]!,
      creditCode: sampleCreditCode(1000),
      description: '污水处理池等有限空间作业未实行作业审批，未配备气体检测和应急救援装备。',
      listedOn: '2026-01-08',
      deadline: '2026-03-31',
      responsibleUnit: '示例市经济开发区应急管理办公室',
      measures: '建立有限空间作业审批制度，配备四合一气体检测仪和正压式空气呼吸器。',
      rectificationStatus: 'pending',
    },
  ];
  for (const h of hazards) {
    if (h.listedOn > today || (h.delistedOn && h.delistedOn > today)) continue;
    const saved = await service.saveHazard(ctx, actor, null, h, agency.id);
    for (const step of steps.published) await service.transitionRecord(ctx, actor, 'hazard', saved.id, step);
  }
}
