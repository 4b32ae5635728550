/**
 * Demo content for 示例市应急管理局 (dates relative to today): 36 enterprises (the six of the 双公示 demo
 * among them, so their decisions, accident reports and 挂牌督办 link by credit code), licences (some
 * expiring), six 执法人员, the enterprise login `qiye` (password as the other demo accounts) for 示例市恒安化工,
 * its self-reported major hazard escalated to 挂牌督办, this year's published plan with one draw and its
 * published results, a notice, and one enterprise on the 严重失信主体名单. Names and codes are invented.
 */
import { systemActor, userActor } from '../../platform/actor.js';
import { todayInChina, type Clock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { Org } from '../orgs/orgs.repository.js';
import { DEMO_PASSWORD } from '../demo/demo.seed.js';
import { sampleCreditCode } from '../enforcement/sample-credit-codes.js';
import { createAccount } from './accounts.service.js';
import { decideListing, noticeListing } from './credit.service.js';
import { createEnterprise } from './enterprises.service.js';
import {
  addInspector,
  createPlan,
  makeDraw,
  publishInspection,
  publishPlan,
  recordInspection,
} from './inspections.service.js';
import { inspectorIdsOf } from './inspections.repository.js';
import { createHazardReport, escalateHazard, sendNotice, submitMonthly } from './selfservice.service.js';
import type { SupervisionCategory } from './enterprises.tables.js';

export const DEMO_ENTERPRISE_USER = 'qiye';

const LINKED: [string, number, SupervisionCategory, string][] = [
  ['示例市恒安化工有限公司', 1000, 'hazchem_production', '2614'],
  ['示例市鑫达危险化学品经营有限公司', 1001, 'hazchem_business', '5162'],
  ['示例市东港石化储运有限公司', 1002, 'hazchem_business', '5941'],
  ['示例市华泰精细化工有限公司', 1003, 'hazchem_production', '2662'],
  ['示例市永盛金属制品有限公司', 1004, 'metallurgy_trade', '3311'],
  ['示例市顺通物流有限公司', 1005, 'other', '5431'],
  ['示例市利民日用化学品有限公司', 3001, 'hazchem_use', '2682'],
];
const NAMES = [
  '宏达',
  '瑞丰',
  '金桥',
  '天元',
  '广源',
  '新星',
  '隆盛',
  '博远',
  '国泰',
  '联创',
  '兴业',
  '德信',
  '鼎盛',
  '华瑞',
  '恒通',
  '正源',
  '中联',
  '万福',
  '聚丰',
  '嘉禾',
  '汇通',
  '昌盛',
  '永泰',
  '泰和',
  '安达',
  '富源',
  '长兴',
  '明珠',
  '嘉诚',
];
const KINDS: [string, SupervisionCategory, string][] = [
  ['化工', 'hazchem_production', '2614'],
  ['危险化学品经营', 'hazchem_business', '5162'],
  ['烟花爆竹', 'fireworks', '2672'],
  ['矿业', 'non_coal_mine', '1011'],
  ['钢铁', 'metallurgy_trade', '3120'],
  ['铝业', 'metallurgy_trade', '3216'],
  ['涂料', 'hazchem_use', '2641'],
];
const REGIONS = ['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323'];
const UNITS: Record<string, string> = {
  '370302': '淄川区应急管理局',
  '370303': '张店区应急管理局',
  '370304': '博山区应急管理局',
  '370305': '临淄区应急管理局',
  '370306': '周村区应急管理局',
  '370321': '桓台县应急管理局',
  '370322': '高青县应急管理局',
  '370323': '沂源县应急管理局',
};

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const SCALES = ['large', 'medium', 'small', 'micro'];

export async function enterprisesDemo(ctx: Ctx, agency: Org): Promise<void> {
  const actor = systemActor('演示数据', agency.id);
  const today = todayInChina(ctx.clock);
  const list: { name: string; code: string; category: SupervisionCategory; industry: string }[] = LINKED.map(
    ([name, n, category, industry]) => ({
      name,
      code: sampleCreditCode(n),
      category,
      industry,
    }),
  );
  for (let i = 0; list.length < 36; i++) {
    const [kind, category, industry] = KINDS[i % KINDS.length]!;
    list.push({
      name: `示例市${NAMES[i % NAMES.length]}${kind}有限公司`,
      code: sampleCreditCode(5000 + i),
      category,
      industry,
    });
  }
  const ids: string[] = [];
  for (const [i, e] of list.entries()) {
    const region = REGIONS[i % REGIONS.length]!;
    const licenced = e.category !== 'other' && e.category !== 'metallurgy_trade';
    const validTo = i % 5 === 0 ? addDays(today, 30 + i) : addDays(today, 400 + i * 10);
    const v = await createEnterprise(ctx, actor, {
      creditCode: e.code,
      name: e.name,
      formerNames: i === 3 ? ['示例市华泰化工厂'] : [],
      legalRepresentative: ['王建国', '李卫东', '张海涛', '刘志强', '陈立新', '赵明'][i % 6]!,
      registeredAddress: `示例市${UNITS[region]!.slice(0, 3)}工业园${i + 1}号`,
      operatingAddress: null,
      regionCode: region,
      industryCode: e.industry,
      category: e.category,
      scale: SCALES[i % 4]!,
      supervisingUnit: UNITS[region]!,
      contactName: '安全管理员',
      contactMobile: `1380533${String(1000 + i).padStart(4, '0')}`,
      contactEmail: null,
      licences: licenced
        ? [
            {
              kind:
                e.category === 'hazchem_production'
                  ? '安全生产许可证'
                  : e.category === 'fireworks'
                    ? '烟花爆竹经营（批发）许可证'
                    : e.category === 'non_coal_mine'
                      ? '安全生产许可证'
                      : e.category === 'hazchem_use'
                        ? '危险化学品安全使用许可证'
                        : '危险化学品经营许可证',
              number: `（鲁示）WH安许证字〔${today.slice(0, 4)}〕${String(100 + i).padStart(4, '0')}`,
              scope:
                e.category === 'hazchem_business'
                  ? '汽油、柴油、甲醇（不带储存设施）'
                  : '按许可证副本载明的范围',
              validFrom: addDays(validTo, -365 * 3),
              validTo,
              issuer: '示例市应急管理局',
            },
          ]
        : [],
    });
    ids.push(v.id);
  }

  for (const [i, name] of ['周国强', '孙立平', '吴海燕', '郑晓东', '冯建军', '何文静'].entries())
    await addInspector(ctx, actor, { name, certNo: `37030012${String(i + 1).padStart(4, '0')}` });
  const inspectorIds = await inspectorIdsOf(ctx.db, agency.id);

  // The enterprise login and its own work.
  const { account } = await createAccount(ctx, actor, {
    enterpriseId: ids[0]!,
    username: DEMO_ENTERPRISE_USER,
    displayName: '恒安化工安全管理员',
    password: DEMO_PASSWORD,
    mustChangePassword: false,
  });
  const ent = userActor({
    userId: account.userId,
    name: '恒安化工安全管理员',
    orgId: agency.id,
    divisionId: null,
    roles: ['enterprise'],
  });
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  await submitMonthly(ctx, ent, { month: lastMonth, noHazards: true, summary: '' });
  await createHazardReport(ctx, ent, {
    reportedOn: addDays(today, -3),
    place: '二车间储罐区',
    description: '储罐区可燃气体检测报警仪3台失效，未与紧急切断装置联锁。',
    level: 'general',
    measures: '更换报警仪并完成联锁调试。',
    responsiblePerson: '车间主任 孙某',
    deadline: addDays(today, 10),
    fundsYuan: 18000,
  });
  const major = await createHazardReport(ctx, ent, {
    reportedOn: addDays(today, -2),
    place: '甲类仓库',
    description: '甲类仓库与相邻厂房防火间距不足，且仓库内超量储存危险化学品。',
    level: 'major',
    measures: '清理超量储存物料，拆除违章搭建，增设防火墙。',
    responsiblePerson: '总经理 王建国',
    deadline: addDays(today, 45),
    fundsYuan: 260000,
  });
  await escalateHazard(ctx, actor, major.id, { responsibleUnit: null });
  await sendNotice(ctx, actor, {
    enterpriseId: null,
    title: '关于开展危险化学品安全专项检查的通知',
    body: '请各企业于本月底前完成隐患自查，并通过企业专区报送月度排查报告。',
  });

  // 双随机: this year's plan, one draw with a recorded seed, two results published.
  const plan = await createPlan(ctx, actor, {
    year: Number(today.slice(0, 4)),
    title: `${today.slice(0, 4)}年度安全生产“双随机、一公开”监管抽查计划`,
    content:
      '抽查对象：危险化学品生产、经营、使用企业和烟花爆竹、非煤矿山企业。\n抽查比例：每季度不低于5%。\n抽查事项：安全生产许可条件保持情况、重大危险源管控、隐患排查治理。',
  });
  await publishPlan(ctx, actor, plan.id);
  const draw = await makeDraw(ctx, actor, plan.id, {
    batch: '第一批',
    categories: ['hazchem_production', 'hazchem_business', 'hazchem_use'],
    regions: [],
    enterpriseCount: 4,
    inspectorsPerEnterprise: 2,
    seed: `${agency.code}-${today.slice(0, 4)}-1`,
  });
  for (const [i, a] of draw.result.slice(0, 2).entries()) {
    const r = await recordInspection(ctx, actor, {
      drawId: draw.id,
      enterpriseId: a.enterpriseId,
      inspectedOn: addDays(today, -5 + i),
      inspectorIds: a.inspectorIds,
      itemsChecked: '安全生产许可条件；重大危险源管控；隐患排查治理台账',
      findings: i === 0 ? '未发现问题。' : '隐患排查治理台账不完整，2处消防设施未定期检测。',
      hazardsFound: i === 0 ? 0 : 2,
      measures: i === 0 ? null : '责令15日内整改。',
      result: i === 0 ? 'compliant' : 'rectify',
    });
    await publishInspection(ctx, actor, r.id);
  }
  void inspectorIds;

  // One listing decided after its statement window (the notice is dated 30 days ago).
  const past: Clock = { now: () => new Date(Date.parse(`${addDays(today, -30)}T02:00:00Z`)) };
  const listing = await noticeListing({ ...ctx, clock: past }, actor, {
    enterpriseId: ids[8]!,
    criterion: 'resume_after_closure',
    facts: '该单位被依法责令停产整顿期间擅自恢复生产。',
  });
  await decideListing(ctx, actor, listing.id, { decisionNumber: `示应急失信〔${today.slice(0, 4)}〕1号` });
}
