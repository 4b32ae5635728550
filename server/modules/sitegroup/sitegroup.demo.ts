/**
 * Demo site group (站群): two more departments under 示例市人民政府 — 示例市交通运输局 and
 * 示例市生态环境局 — each with its portal identifiers, subordinate units, an office account
 * (jt-office, hb-office; printed with the other demo logins), a few columns and items published through
 * the catalog's workflow, dated relative to today so every column is current on any day. Each department
 * also has one item still waiting for 保密审查: it must never appear on any public page.
 * The government gets the ICP and 公安 record numbers its own portal footer needs.
 */
import type { Ctx } from '../../platform/context.js';
import { fixedClock, todayInChina } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/iso-date.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import { createOrg, updateOrgSettings } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import type { OrgSettingsInput } from '../orgs/orgs.rules.js';
import { createUser } from '../users/users.service.js';
import { DEMO_PASSWORD } from '../demo/demo.seed.js';
import { approve, createColumn, createItem, review, startReview, submit } from '../catalog/index.js';

interface DemoColumn {
  code: string;
  name: string;
  updateClass: 'static' | 'periodic' | 'dynamic';
  art20: number[];
}

interface DemoItem {
  column: string;
  title: string;
  body: string;
  /** Published this many days before today (China); 成文日期 two days earlier. */
  ago: number;
  docNumber?: string;
}

export interface DemoDepartment {
  code: string;
  name: string;
  settings: OrgSettingsInput;
  units: string[];
  office: { username: string; name: string };
  columns: DemoColumn[];
  items: DemoItem[];
  /** Submitted, waiting for 保密审查: never public. */
  pending: { column: string; title: string; body: string };
}

const P = (...paras: string[]) => paras.map((p) => `<p>${p}</p>`).join('');

const COMMON_COLUMNS: DemoColumn[] = [
  { code: 'jgzn', name: '机构职能', updateClass: 'static', art20: [2] },
  { code: 'tzgg', name: '通知公告', updateClass: 'periodic', art20: [15] },
  { code: 'gzdt', name: '工作动态', updateClass: 'dynamic', art20: [15] },
];

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  {
    code: 'shili-jtj',
    name: '示例市交通运输局',
    settings: {
      shortName: '市交通运输局',
      creditCode: '11370300004300457E',
      address: '示例市人民路58号交通大厦',
      postcode: '255000',
      officeHours: '工作日 上午8:30—12:00，下午13:30—17:30（法定节假日除外）',
      phone: '0533-1235100',
      fax: '0533-1235101',
      email: 'jtj@shili.example.gov.cn',
      footerSponsor: '示例市交通运输局',
      siteCode: '3703000021',
      icpNumber: '鲁ICP备00000000号-3',
      policeRecordNumber: '鲁公网安备 37030002000021号',
    },
    units: ['示例市公路事业发展中心', '示例市交通运输综合行政执法支队'],
    office: { username: 'jt-office', name: '钱通达' },
    columns: [...COMMON_COLUMNS, { code: 'xzxk', name: '行政许可', updateClass: 'periodic', art20: [5] }],
    items: [
      {
        column: 'jgzn',
        title: '示例市交通运输局主要职责',
        body: P(
          '贯彻执行国家和省有关交通运输工作的方针政策和法律法规，拟订全市公路、水路交通运输发展规划并组织实施。',
          '负责全市道路运输、城市客运市场监管，指导交通运输综合行政执法工作，负责交通运输安全生产监督管理。',
        ),
        ago: 240,
      },
      {
        column: 'tzgg',
        title: '关于做好冬季道路运输安全生产工作的通知',
        body: P(
          '各区县交通运输局、各道路运输企业：入冬以来雨雪冰冻天气增多，道路运输安全生产形势严峻。',
          '请各单位落实企业安全生产主体责任，加强“两客一危”车辆动态监控，严禁疲劳驾驶和超速行驶。',
        ),
        ago: 5,
        docNumber: '示交运发〔2026〕41号',
      },
      {
        column: 'tzgg',
        title: '关于公开征求《示例市网络预约出租汽车经营服务管理实施细则（征求意见稿）》意见的公告',
        body: P(
          '为规范网络预约出租汽车经营服务行为，我局起草了实施细则征求意见稿，现向社会公开征求意见。',
          '意见反馈截止日期为公告发布之日起30日，可通过电子邮件或信函方式提出。',
        ),
        ago: 40,
      },
      {
        column: 'gzdt',
        title: '市交通运输局开展“两客一危”车辆安全隐患排查',
        body: P('市交通运输局组织执法人员对全市客运站和危险货物运输企业开展安全隐患排查，督促整改问题。'),
        ago: 3,
      },
      {
        column: 'gzdt',
        title: '示例市农村公路养护提升工程全面完工',
        body: P('今年全市完成农村公路养护提升工程二百余公里，群众出行条件进一步改善。'),
        ago: 11,
      },
      {
        column: 'xzxk',
        title: '道路旅客运输经营许可办理结果公示',
        body: P('根据《中华人民共和国道路运输条例》，现将近期道路旅客运输经营许可办理结果予以公示。'),
        ago: 20,
      },
    ],
    pending: {
      column: 'tzgg',
      title: '关于调整城区部分公交线路走向的通告（送审稿）',
      body: P('因城市道路改造施工，拟调整城区部分公交线路走向，具体线路以正式通告为准。'),
    },
  },
  {
    code: 'shili-sthjj',
    name: '示例市生态环境局',
    settings: {
      shortName: '市生态环境局',
      creditCode: '11370300MB1584781J',
      address: '示例市生态路9号环保大楼',
      postcode: '255000',
      officeHours: '工作日 上午8:30—12:00，下午13:30—17:30（法定节假日除外）',
      phone: '0533-1236200',
      fax: '0533-1236201',
      email: 'sthjj@shili.example.gov.cn',
      footerSponsor: '示例市生态环境局',
      siteCode: '3703000034',
      icpNumber: '鲁ICP备00000000号-4',
      policeRecordNumber: '鲁公网安备 37030002000034号',
    },
    units: ['示例市生态环境监测中心'],
    office: { username: 'hb-office', name: '孙清源' },
    columns: [
      ...COMMON_COLUMNS,
      { code: 'hjzl', name: '环境质量', updateClass: 'periodic', art20: [13] },
      { code: 'xzcf', name: '行政处罚', updateClass: 'periodic', art20: [6] },
    ],
    items: [
      {
        column: 'jgzn',
        title: '示例市生态环境局主要职责',
        body: P(
          '负责建立健全全市生态环境基本制度，统筹协调重大生态环境问题，监督管理大气、水、土壤等污染防治。',
          '负责生态环境监测和信息发布，组织开展生态环境保护督察和执法检查。',
        ),
        ago: 250,
      },
      {
        column: 'tzgg',
        title: '关于开展重污染天气应急减排清单修订工作的通知',
        body: P(
          '各区县生态环境分局：为科学应对秋冬季重污染天气，请组织辖区涉气企业开展应急减排清单修订。',
          '修订后的清单请于通知印发之日起十五个工作日内报送市生态环境局。',
        ),
        ago: 8,
        docNumber: '示环发〔2026〕57号',
      },
      {
        column: 'gzdt',
        title: '市生态环境局开展入河排污口排查整治专项行动',
        body: P('市生态环境局组织对主要河流沿线入河排污口开展排查，建立问题清单并限期整治。'),
        ago: 2,
      },
      {
        column: 'gzdt',
        title: '示例市环境空气质量持续改善',
        body: P('今年以来，全市细颗粒物平均浓度同比下降，优良天数比例稳步提高。'),
        ago: 10,
      },
      {
        column: 'hjzl',
        title: '示例市上月环境空气质量状况',
        body: P('上月全市环境空气质量优良天数比例较去年同期上升，主要污染物为细颗粒物。'),
        ago: 6,
      },
      {
        column: 'xzcf',
        title: '示例市某化工有限公司超标排放大气污染物行政处罚决定',
        body: P(
          '经查，该公司废气排放口颗粒物浓度超过国家排放标准，违反《中华人民共和国大气污染防治法》第十八条规定。',
          '依据该法第九十九条，责令改正并处罚款。',
        ),
        ago: 25,
        docNumber: '示环罚〔2026〕19号',
      },
    ],
    pending: {
      column: 'tzgg',
      title: '关于印发示例市土壤污染防治工作方案的通知（送审稿）',
      body: P('为推进土壤污染防治工作，制定本工作方案，现印发给你们，请认真贯彻执行。'),
    },
  },
];

/** Reviews and approves like a department's 保密审查 and leadership would (the demo has no such users). */
const REVIEWER = systemActor('演示数据：部门保密审查与审批');

const NONE_INVOLVED = {
  stateSecret: { involved: false },
  workSecret: { involved: false },
  commercialSecret: { involved: false },
  privacy: { involved: false },
  sensitive: { involved: false },
};

async function seedDepartment(
  ctx: Ctx,
  government: Org,
  d: DemoDepartment,
  sortOrder: number,
): Promise<void> {
  const seeder = systemActor('演示数据');
  const org = await createOrg(ctx, seeder, {
    ...d.settings,
    parentId: government.id,
    kind: 'department',
    code: d.code,
    name: d.name,
    sortOrder,
  });
  for (const [i, name] of d.units.entries())
    await createOrg(ctx, seeder, {
      parentId: org.id,
      kind: 'unit',
      code: `${d.code}-u${i + 1}`,
      name,
      sortOrder: 100 + i,
    });
  const { user } = await createUser(ctx, seeder, {
    username: d.office.username,
    displayName: d.office.name,
    orgId: org.id,
    divisionId: null,
    roles: ['office'],
    password: DEMO_PASSWORD,
    mustChangePassword: false,
  });
  const office: Actor = userActor({
    userId: user.id,
    name: user.displayName,
    orgId: org.id,
    divisionId: null,
    roles: ['office'],
  });
  const columns = new Map<string, string>();
  for (const [i, col] of d.columns.entries()) {
    const view = await createColumn(ctx, office, {
      parentId: null,
      code: col.code,
      name: col.name,
      updateClass: col.updateClass,
      art20Items: col.art20,
      sortOrder: i,
    });
    columns.set(col.code, view.id);
  }
  const today = todayInChina(ctx.clock);
  const byDate = [...d.items].sort((a, b) => b.ago - a.ago);
  for (const item of byDate) {
    const pub = addDays(today, -item.ago);
    const clock = fixedClock(`${pub}T01:30:00Z`); // 09:30 in China
    const c: Ctx = { ...ctx, clock };
    const id = await createItem(c, office, {
      columnId: columns.get(item.column)!,
      title: item.title,
      bodyHtml: item.body,
      generatedOn: addDays(pub, -2),
      docNumber: item.docNumber ?? null,
    });
    await submit(c, office, id);
    clock.advance(20 * 60_000);
    await startReview(c, REVIEWER, id);
    await review(c, REVIEWER, id, {
      checklist: NONE_INVOLVED,
      opinion: '经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。',
      decision: 'pass',
    });
    clock.advance(20 * 60_000);
    await approve(c, REVIEWER, id, '同意发布。');
  }
  const pending = await createItem(ctx, office, {
    columnId: columns.get(d.pending.column)!,
    title: d.pending.title,
    bodyHtml: d.pending.body,
    generatedOn: addDays(today, -1),
  });
  await submit(ctx, office, pending);
}

/** Demo contributor of the sitegroup module (runs after the catalog's). */
export async function sitegroupDemo(ctx: Ctx, _agency: Org, government: Org): Promise<void> {
  await updateOrgSettings(ctx, systemActor('演示数据'), government.id, {
    email: 'zfb@shili.example.gov.cn',
    icpNumber: '鲁ICP备00000000号-2',
    policeRecordNumber: '鲁公网安备 37030002000002号',
  });
  for (const [i, d] of DEMO_DEPARTMENTS.entries()) await seedDepartment(ctx, government, d, 10 + i);
}
