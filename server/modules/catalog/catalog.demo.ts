import type { Ctx } from '../../platform/context.js';
import { fixedClock } from '../../platform/clock.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import { isRole } from '../users/roles.js';
import type { Org } from '../orgs/orgs.repository.js';
import * as service from './index.js';
import type { ColumnView } from './catalog.views.js';
import type { DocKind, UpdateClass } from './catalog.tables.js';

interface ColumnSpec {
  code: string;
  name: string;
  updateClass: UpdateClass;
  art20: number[];
  channels?: string[];
  second?: boolean;
  children?: ColumnSpec[];
}

/** Default column tree of an 应急管理局 (seed 002's categories; 第二十条 items as in statute spec §1.2). */
export const DEFAULT_COLUMNS: ColumnSpec[] = [
  {
    code: 'jgzn',
    name: '机构职能',
    updateClass: 'static',
    art20: [2],
    children: [
      { code: 'jgzn-zn', name: '机构职能', updateClass: 'static', art20: [2] },
      { code: 'jgzn-ld', name: '领导信息', updateClass: 'static', art20: [2] },
      { code: 'jgzn-ns', name: '内设机构', updateClass: 'static', art20: [2] },
    ],
  },
  {
    code: 'zcwj',
    name: '政策文件',
    updateClass: 'periodic',
    art20: [1],
    children: [
      {
        code: 'zcfg',
        name: '政策法规',
        updateClass: 'periodic',
        art20: [1],
        children: [
          { code: 'gz', name: '规章', updateClass: 'periodic', art20: [1], second: true },
          {
            code: 'gfxwj',
            name: '规范性文件',
            updateClass: 'periodic',
            art20: [1],
            second: true,
            channels: ['wechat'],
          },
          { code: 'qtwj', name: '其他文件', updateClass: 'periodic', art20: [1] },
        ],
      },
      { code: 'zcjd', name: '政策解读', updateClass: 'periodic', art20: [1], channels: ['wechat'] },
    ],
  },
  { code: 'ghjh', name: '规划计划', updateClass: 'periodic', art20: [3] },
  { code: 'gzdt', name: '工作动态', updateClass: 'dynamic', art20: [15], channels: ['wechat', 'weibo'] },
  { code: 'tzgg', name: '通知公告', updateClass: 'periodic', art20: [15], channels: ['wechat', 'sms'] },
  {
    code: 'xzzf',
    name: '行政执法',
    updateClass: 'periodic',
    art20: [5, 6],
    children: [
      { code: 'xzxk', name: '行政许可', updateClass: 'periodic', art20: [5] },
      { code: 'xzcf', name: '行政处罚', updateClass: 'periodic', art20: [6] },
      { code: 'zfjc', name: '执法检查', updateClass: 'periodic', art20: [13] },
      { code: 'gpdb', name: '挂牌督办', updateClass: 'periodic', art20: [13], channels: ['weibo'] },
    ],
  },
  {
    code: 'yjgl',
    name: '应急管理',
    updateClass: 'periodic',
    art20: [12],
    children: [
      { code: 'yjya', name: '应急预案', updateClass: 'periodic', art20: [12], second: true },
      {
        code: 'yjxx',
        name: '预警信息',
        updateClass: 'dynamic',
        art20: [12],
        channels: ['wechat', 'weibo', 'sms'],
      },
      { code: 'sgdc', name: '事故调查报告', updateClass: 'periodic', art20: [12, 13], second: true },
    ],
  },
  {
    code: 'bsfw',
    name: '办事服务',
    updateClass: 'static',
    art20: [5],
    children: [
      { code: 'bszn', name: '办事指南', updateClass: 'static', art20: [5] },
      { code: 'aqcs', name: '安全常识', updateClass: 'dynamic', art20: [13], channels: ['wechat'] },
    ],
  },
  { code: 'rsxx', name: '人事信息', updateClass: 'periodic', art20: [14] },
  { code: 'czyjs', name: '财政预决算', updateClass: 'periodic', art20: [7] },
  { code: 'tjxx', name: '统计信息', updateClass: 'periodic', art20: [4] },
  { code: 'jyta', name: '建议提案办理', updateClass: 'periodic', art20: [15] },
  {
    code: 'zfxxgk',
    name: '政府信息公开',
    updateClass: 'static',
    art20: [15],
    children: [
      { code: 'gkzn', name: '政府信息公开指南', updateClass: 'static', art20: [15] },
      { code: 'gkzd', name: '政府信息公开制度', updateClass: 'static', art20: [15] },
      { code: 'gknb', name: '政府信息公开年报', updateClass: 'periodic', art20: [15] },
    ],
  },
];

interface ItemSpec {
  key?: string;
  column: string;
  title: string;
  body: string;
  generatedOn: string;
  publishedOn: string;
  docNumber?: string;
  docKind?: DocKind;
  topic?: string;
  summary?: string;
}

const P = (...paras: string[]) => paras.map((p) => `<p>${p}</p>`).join('');

const ITEMS: ItemSpec[] = [
  {
    key: 'reward-old',
    column: 'gfxwj',
    title: '示例市应急管理局关于印发《示例市安全生产举报奖励实施办法》的通知',
    docNumber: '示应急发〔2025〕3号',
    docKind: 'normative',
    topic: '安全生产',
    generatedOn: '2025-02-20',
    publishedOn: '2025-03-04',
    summary: '规定安全生产重大事故隐患和违法行为举报的受理、核查与奖励标准。',
    body: P(
      '各区县应急管理局，市直有关单位：',
      '为鼓励社会公众举报安全生产重大事故隐患和违法行为，现将《示例市安全生产举报奖励实施办法》印发给你们，请认真贯彻执行。',
      '本办法自2025年4月1日起施行，有效期五年。',
    ),
  },
  {
    key: 'reward-new',
    column: 'gfxwj',
    title: '示例市应急管理局关于印发《示例市安全生产举报奖励办法（修订）》的通知',
    docNumber: '示应急发〔2025〕41号',
    docKind: 'normative',
    topic: '安全生产',
    generatedOn: '2025-12-15',
    publishedOn: '2025-12-26',
    summary: '提高重大事故隐患举报奖励标准，明确匿名举报的奖励兑付方式。',
    body: P(
      '各区县应急管理局，市直有关单位：',
      '根据《生产安全事故隐患排查治理规定》和上级有关要求，我局对《示例市安全生产举报奖励实施办法》进行了修订，现予印发。',
      '本办法自2026年1月10日起施行，《示例市安全生产举报奖励实施办法》（示应急发〔2025〕3号）同时废止。',
    ),
  },
  {
    key: 'reward-jd',
    column: 'zcjd',
    title: '《示例市安全生产举报奖励办法（修订）》政策解读',
    topic: '安全生产',
    generatedOn: '2025-12-24',
    publishedOn: '2025-12-26',
    body: P(
      '一、修订背景。原办法实施以来，群众举报积极性明显提高，但奖励标准偏低、兑付程序较繁。',
      '二、主要内容。修订后的办法将重大事故隐患举报奖励上限提高至30万元，并允许匿名举报人凭举报编号领取奖励。',
      '三、施行时间。自2026年1月10日起施行。',
    ),
  },
  {
    column: 'gfxwj',
    title: '示例市应急管理局关于规范危险化学品经营许可管理的通知',
    docNumber: '示应急规〔2025〕2号',
    docKind: 'normative',
    topic: '危险化学品',
    generatedOn: '2025-05-08',
    publishedOn: '2025-05-20',
    body: P(
      '为进一步规范危险化学品经营许可工作，优化审批流程，现就有关事项通知如下。',
      '一、经营许可实行网上办理，申请材料一次告知。',
    ),
  },
  {
    column: 'qtwj',
    title: '关于开展2025年全市“安全生产月”活动的通知',
    docNumber: '示应急发〔2025〕18号',
    topic: '安全生产',
    generatedOn: '2025-05-26',
    publishedOn: '2025-05-30',
    body: P('今年6月是第24个全国“安全生产月”，主题为“人人讲安全、个个会应急——查找身边安全隐患”。'),
  },
  {
    column: 'ghjh',
    title: '示例市“十四五”应急体系规划中期评估报告',
    topic: '规划',
    generatedOn: '2025-09-10',
    publishedOn: '2025-09-19',
    body: P('规划实施以来，全市应急管理体系和能力现代化建设取得阶段性成效，主要指标总体进展顺利。'),
  },
  {
    column: 'gzdt',
    title: '市应急管理局召开全市安全生产工作会议',
    generatedOn: '2026-01-08',
    publishedOn: '2026-01-08',
    body: P('1月8日，全市安全生产工作会议召开，总结2025年工作，部署2026年重点任务。'),
  },
  {
    column: 'gzdt',
    title: '市应急管理局开展危险化学品企业专项检查',
    generatedOn: '2025-11-12',
    publishedOn: '2025-11-13',
    body: P('11月12日，市应急管理局组织执法人员对辖区12家危险化学品生产企业开展专项检查。'),
  },
  {
    column: 'gzdt',
    title: '全市森林防灭火工作部署会召开',
    generatedOn: '2026-02-10',
    publishedOn: '2026-02-11',
    body: P('会议要求各地压实森林防灭火责任，严格管控野外火源，做好春季防火各项准备。'),
  },
  {
    column: 'gzdt',
    title: '市应急管理局组织开展2025年防汛应急演练',
    generatedOn: '2025-06-18',
    publishedOn: '2025-06-18',
    body: P('6月18日，市防汛抗旱指挥部办公室在示例河畔组织开展防汛应急综合演练。'),
  },
  {
    column: 'gzdt',
    title: '“安全生产月”宣传咨询日活动在市民广场举行',
    generatedOn: '2025-06-16',
    publishedOn: '2025-06-16',
    body: P('活动现场设置咨询台和体验区，向市民普及安全生产和应急避险知识。'),
  },
  {
    column: 'gzdt',
    title: '市应急管理局党委理论学习中心组开展集体学习',
    generatedOn: '2026-02-26',
    publishedOn: '2026-02-26',
    body: P('局党委理论学习中心组围绕安全生产治本攻坚三年行动开展集体学习研讨。'),
  },
  {
    column: 'tzgg',
    title: '关于2026年春节期间烟花爆竹安全管理的通告',
    generatedOn: '2026-01-19',
    publishedOn: '2026-01-20',
    body: P('为保障春节期间人民群众生命财产安全，现就烟花爆竹经营、燃放安全管理有关事项通告如下。'),
  },
  {
    column: 'tzgg',
    title: '关于征集安全生产社会监督员的公告',
    generatedOn: '2025-08-11',
    publishedOn: '2025-08-12',
    body: P('为发挥社会监督作用，我局面向社会公开征集安全生产社会监督员20名。'),
  },
  {
    column: 'yjya',
    title: '示例市生产安全事故应急预案（2025年修订）',
    docNumber: '示应急发〔2025〕26号',
    topic: '应急预案',
    generatedOn: '2025-07-08',
    publishedOn: '2025-07-15',
    body: P('本预案适用于本市行政区域内发生的生产安全事故应对工作。'),
  },
  {
    column: 'yjya',
    title: '示例市危险化学品事故应急预案',
    topic: '应急预案',
    generatedOn: '2025-09-29',
    publishedOn: '2025-10-10',
    body: P('为规范危险化学品事故应急处置，最大限度减少人员伤亡和财产损失，制定本预案。'),
  },
  {
    column: 'yjxx',
    title: '示例市森林火险橙色预警信号',
    generatedOn: '2026-02-27',
    publishedOn: '2026-02-27',
    body: P('受持续干燥天气影响，预计未来三天我市大部地区森林火险等级为四级，请严格管控野外用火。'),
  },
  {
    column: 'yjxx',
    title: '示例市暴雨蓝色预警及防范提示',
    generatedOn: '2025-07-22',
    publishedOn: '2025-07-22',
    body: P('预计今天夜间到明天白天我市有暴雨，请注意防范城市内涝和山洪地质灾害。'),
  },
  {
    column: 'sgdc',
    title: '示例市某化工有限公司“4·12”较大中毒窒息事故调查报告',
    topic: '事故调查',
    // Formed in mid-August but published late in September: the dashboard shows it as late (第二十六条).
    generatedOn: '2025-08-15',
    publishedOn: '2025-09-28',
    body: P('2025年4月12日，示例市某化工有限公司在检修作业中发生一起较大中毒窒息事故，造成3人死亡。'),
  },
  {
    column: 'gpdb',
    title: '关于对示例市某建材有限公司重大事故隐患挂牌督办的通知',
    generatedOn: '2025-08-04',
    publishedOn: '2025-08-05',
    body: P('经检查，该公司粉尘涉爆区域存在重大事故隐患，现予挂牌督办，限期60日整改。'),
  },
  {
    column: 'zfjc',
    title: '示例市应急管理局2025年度安全生产监督检查计划',
    generatedOn: '2025-03-03',
    publishedOn: '2025-03-10',
    body: P('全年计划检查生产经营单位320家，重点检查危险化学品、工贸和烟花爆竹行业。'),
  },
  {
    column: 'xzcf',
    title: '行政处罚决定信息公示（示应急罚〔2025〕15号）',
    generatedOn: '2025-10-16',
    publishedOn: '2025-10-20',
    body: P(
      '当事人：示例市某物流有限公司。违法事实：未按规定对从业人员进行安全生产教育和培训。处罚决定：罚款人民币三万元。',
    ),
  },
  {
    column: 'bszn',
    title: '危险化学品经营许可证核发办事指南',
    generatedOn: '2025-03-28',
    publishedOn: '2025-04-01',
    body: P('办理依据：《危险化学品安全管理条例》。办理时限：20个工作日。收费标准：不收费。'),
  },
  {
    column: 'aqcs',
    title: '家庭燃气安全使用常识',
    generatedOn: '2025-12-01',
    publishedOn: '2025-12-01',
    body: P('使用燃气时保持通风，用后关闭阀门；闻到燃气味时切勿开关电器，应立即开窗并到室外报警。'),
  },
  {
    column: 'aqcs',
    title: '夏季防溺水安全知识',
    generatedOn: '2025-07-01',
    publishedOn: '2025-07-01',
    body: P('不私自下水游泳，不在无安全设施、无救援人员的水域游泳。'),
  },
  {
    column: 'rsxx',
    title: '示例市应急管理局关于拟任职干部的公示',
    generatedOn: '2025-11-03',
    publishedOn: '2025-11-03',
    body: P('公示期为2025年11月3日至11月7日（5个工作日）。'),
  },
  {
    column: 'czyjs',
    title: '示例市应急管理局2025年部门预算',
    generatedOn: '2025-02-12',
    publishedOn: '2025-02-14',
    body: P('2025年收支总预算4862.35万元，其中一般公共预算拨款4712.35万元。'),
  },
  {
    column: 'czyjs',
    title: '示例市应急管理局2024年度部门决算',
    generatedOn: '2025-08-18',
    publishedOn: '2025-08-20',
    body: P('2024年度收入总计4598.12万元，支出总计4576.80万元。'),
  },
  {
    column: 'tjxx',
    title: '2025年全市生产安全事故统计情况',
    generatedOn: '2026-01-22',
    publishedOn: '2026-01-26',
    body: P('2025年全市共发生生产安全事故38起、死亡41人，同比分别下降11.6%和8.9%。'),
  },
  {
    column: 'jyta',
    title: '关于市政协十届四次会议第128号提案的答复',
    generatedOn: '2025-07-25',
    publishedOn: '2025-07-30',
    body: P('您提出的《关于加强城镇燃气安全管理的提案》收悉，现答复如下。'),
  },
  {
    column: 'gkzn',
    title: '示例市应急管理局政府信息公开指南',
    generatedOn: '2025-01-13',
    publishedOn: '2025-01-15',
    body: P('为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。'),
  },
  {
    column: 'gknb',
    title: '示例市应急管理局2024年政府信息公开工作年度报告',
    generatedOn: '2025-01-20',
    publishedOn: '2025-01-24',
    body: P(
      '本报告根据《中华人民共和国政府信息公开条例》要求编制，报告中所列数据统计期限自2024年1月1日起至12月31日止。',
    ),
  },
  {
    column: 'jgzn-zn',
    title: '示例市应急管理局主要职责',
    generatedOn: '2025-01-10',
    publishedOn: '2025-01-10',
    body: P(
      '负责全市应急管理工作，指导各区县各部门应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作。',
    ),
  },
];

async function userByName(ctx: Ctx, username: string): Promise<Actor | null> {
  const u = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!u) return null;
  const roles = (await ctx.db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute())
    .map((r) => r.role)
    .filter(isRole);
  return userActor({ userId: u.id, name: u.display_name, orgId: u.org_id, divisionId: u.division_id, roles });
}

/** Builds a column tree for an agency from specs (used by the demo and by tests). */
export async function createColumnTree(
  ctx: Ctx,
  actor: Actor,
  orgId: string,
  specs: ColumnSpec[],
): Promise<Map<string, ColumnView>> {
  const out = new Map<string, ColumnView>();
  const walk = async (list: ColumnSpec[], parentId: string | null) => {
    for (const s of list) {
      const col = await service.createColumn(ctx, actor, {
        orgId,
        parentId,
        code: s.code,
        name: s.name,
        updateClass: s.updateClass,
        art20Items: s.art20,
        channels: s.channels ?? [],
        secondApproval: s.second ?? false,
      });
      out.set(s.code, col);
      if (s.children) await walk(s.children, col.id);
    }
  };
  await walk(specs, null);
  return out;
}

/**
 * Demo: the default column tree and ~30 published items, each driven through the real workflow
 * (clerk drafts → reviewer 保密审查 → leader (and principal) approve) with the clock set to its
 * publication day, so every item has its 索引号, history and audit trail. Two items are left waiting.
 */
export async function catalogDemo(ctx: Ctx, agency: Org): Promise<void> {
  const office = (await userByName(ctx, 'office')) ?? systemActor('演示数据', agency.id);
  const clerk = await userByName(ctx, 'clerk');
  const reviewer = await userByName(ctx, 'reviewer');
  const leader = await userByName(ctx, 'leader');
  const principal = await userByName(ctx, 'principal');
  const columns = await createColumnTree(ctx, office, agency.id, DEFAULT_COLUMNS);
  if (!clerk || !reviewer || !leader || !principal) return;
  const ids = new Map<string, string>();
  const sorted = [...ITEMS].sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
  for (const spec of sorted) {
    const clock = fixedClock(`${spec.publishedOn}T01:00:00Z`); // 09:00 in China
    const c: Ctx = { ...ctx, clock };
    const column = columns.get(spec.column)!;
    const id = await service.createItem(c, clerk, {
      columnId: column.id,
      title: spec.title,
      bodyHtml: spec.body,
      summary: spec.summary ?? null,
      generatedOn: spec.generatedOn,
      docNumber: spec.docNumber ?? null,
      docKind: spec.docKind ?? 'other',
      topic: spec.topic ?? null,
    });
    if (spec.key) ids.set(spec.key, id);
    await publishThroughWorkflow(c, clock, { clerk, reviewer, leader, principal }, id, column.secondApproval);
    // The demo has no gateway and must not claim delivery: mark channel rows as recorded by the demo.
    await ctx.db
      .updateTable('catalog_deliveries')
      .set({
        status: 'recorded',
        attempts: 1,
        next_attempt_at: null,
        external_ref: '演示数据，未实际发送',
        completed_at: clock.now().toISOString(),
      })
      .where('item_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }
  const jd = ids.get('reward-jd');
  const oldId = ids.get('reward-old');
  const newId = ids.get('reward-new');
  if (jd && newId)
    await service.addLink({ ...ctx, clock: fixedClock('2025-12-26T03:00:00Z') }, clerk, jd, {
      toItemId: newId,
      kind: 'interprets',
    });
  if (oldId && newId)
    await service.setValidity({ ...ctx, clock: fixedClock('2026-01-10T01:00:00Z') }, office, oldId, {
      validity: 'repealed',
      date: '2026-01-10',
      replacedByItemId: newId,
      note: '被《示例市安全生产举报奖励办法（修订）》替代',
    });
  // Work in progress for the queues: one waiting for 保密审查, one for the leader.
  const waiting1 = await service.createItem(ctx, clerk, {
    columnId: columns.get('tzgg')!.id,
    title: '关于做好2026年清明节期间森林防火工作的通知',
    bodyHtml: P('清明节期间祭扫用火增多，森林火险等级高，请各地切实加强野外火源管控。'),
    generatedOn: null,
  });
  await service.submit(ctx, clerk, waiting1);
  const waiting2 = await service.createItem(ctx, clerk, {
    columnId: columns.get('gzdt')!.id,
    title: '市应急管理局开展春季安全生产大检查',
    bodyHtml: P('市应急管理局部署开展为期一个月的春季安全生产大检查。'),
    generatedOn: null,
  });
  await service.submit(ctx, clerk, waiting2);
  await service.startReview(ctx, reviewer, waiting2);
  await service.review(ctx, reviewer, waiting2, {
    checklist: noneInvolved(),
    opinion: '经审查，不涉及国家秘密、工作秘密和个人隐私，同意公开。',
    decision: 'pass',
  });
}

export function noneInvolved() {
  return {
    stateSecret: { involved: false },
    workSecret: { involved: false },
    commercialSecret: { involved: false },
    privacy: { involved: false },
    sensitive: { involved: false },
  };
}

async function publishThroughWorkflow(
  c: Ctx,
  clock: ReturnType<typeof fixedClock>,
  people: { clerk: Actor; reviewer: Actor; leader: Actor; principal: Actor },
  id: string,
  secondApproval: boolean,
): Promise<void> {
  const step = () => clock.advance(10 * 60_000);
  await service.submit(c, people.clerk, id);
  step();
  await service.startReview(c, people.reviewer, id);
  await service.review(c, people.reviewer, id, {
    checklist: noneInvolved(),
    opinion: '经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。',
    decision: 'pass',
  });
  step();
  await service.approve(c, people.leader, id, '同意发布。');
  if (secondApproval) {
    step();
    await service.approve(c, people.principal, id, '同意。');
  }
}
