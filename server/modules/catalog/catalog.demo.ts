import { inTransaction, type Ctx } from '../../platform/context.js';
import { fixedClock, todayInChina } from '../../platform/clock.js';
import { addDays, yearOf } from '../../platform/calendar/iso-date.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import { isRole } from '../users/roles.js';
import type { Org } from '../orgs/orgs.repository.js';
import { findByUsername } from '../users/users.repository.js';
import * as service from './index.js';
import type { ColumnView } from './catalog.views.js';
import type { DocKind, UpdateClass } from './catalog.tables.js';
import { releaseQueue } from './catalog.channels.js';
import * as repo from './catalog.repository.js';

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
      // 政府信息公开年报 is the annual-report module's /reports (one destination), not a catalog column.
    ],
  },
];

/** Dates of one demo item, for texts that name them. */
interface DemoDates {
  /** 成文日期 and 发布日期 (China, ISO). */
  gen: string;
  pub: string;
  /** Year of 发布日期 / 成文日期. */
  y: number;
  gy: number;
}

type Text = string | ((d: DemoDates) => string);

interface ItemSpec {
  key?: string;
  column: string;
  title: Text;
  body: Text;
  /** Published this many days before today (China). */
  ago: number;
  /** 成文日期 this many days before publication (default 1; > 20 working days makes the item late). */
  formed?: number;
  docNumber?: Text;
  docKind?: DocKind;
  topic?: string;
  summary?: string;
}

const P = (...paras: string[]) => paras.map((p) => `<p>${p}</p>`).join('');

/** "3月8日" from an ISO date. */
export function monthDay(iso: string): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/**
 * The demo agency's published items, placed relative to today so a fresh install always looks lived in:
 * every dynamic column updated within its 14 days, every periodic column within 6 months, except the
 * deliberate ones the dashboards show — 统计信息 not updated for 200 days (stale column) and the
 * 事故调查报告 published 45 days after it was formed (late under 条例第二十六条). Nothing else is late.
 */
const ITEMS: ItemSpec[] = [
  {
    key: 'reward-old',
    column: 'gfxwj',
    title: '示例市应急管理局关于印发《示例市安全生产举报奖励实施办法》的通知',
    docNumber: (d) => `示应急发〔${d.gy}〕3号`,
    docKind: 'normative',
    topic: '安全生产',
    ago: 330,
    formed: 7,
    summary: '规定安全生产重大事故隐患和违法行为举报的受理、核查与奖励标准。',
    body: (d) =>
      P(
        '各区县应急管理局，市直有关单位：',
        '为鼓励社会公众举报安全生产重大事故隐患和违法行为，现将《示例市安全生产举报奖励实施办法》印发给你们，请认真贯彻执行。',
        `本办法自${d.y}年${monthDay(addDays(d.pub, 28))}起施行，有效期五年。`,
      ),
  },
  {
    key: 'reward-new',
    column: 'gfxwj',
    title: '示例市应急管理局关于印发《示例市安全生产举报奖励办法（修订）》的通知',
    docNumber: (d) => `示应急发〔${d.gy}〕41号`,
    docKind: 'normative',
    topic: '安全生产',
    ago: 70,
    formed: 6,
    summary: '提高重大事故隐患举报奖励标准，明确匿名举报的奖励兑付方式。',
    body: (d) =>
      P(
        '各区县应急管理局，市直有关单位：',
        '根据《生产安全事故隐患排查治理规定》和上级有关要求，我局对《示例市安全生产举报奖励实施办法》进行了修订，现予印发。',
        `本办法自${yearMonthDay(addDays(d.pub, 15))}起施行，《示例市安全生产举报奖励实施办法》同时废止。`,
      ),
  },
  {
    key: 'reward-jd',
    column: 'zcjd',
    title: '《示例市安全生产举报奖励办法（修订）》政策解读',
    topic: '安全生产',
    ago: 70,
    formed: 2,
    body: (d) =>
      P(
        '一、修订背景。原办法实施以来，群众举报积极性明显提高，但奖励标准偏低、兑付程序较繁。',
        '二、主要内容。修订后的办法将重大事故隐患举报奖励上限提高至30万元，并允许匿名举报人凭举报编号领取奖励。',
        `三、施行时间。自${yearMonthDay(addDays(d.pub, 15))}起施行。`,
      ),
  },
  {
    column: 'gfxwj',
    title: '示例市应急管理局关于规范危险化学品经营许可管理的通知',
    docNumber: (d) => `示应急规〔${d.gy}〕2号`,
    docKind: 'normative',
    topic: '危险化学品',
    ago: 200,
    formed: 8,
    body: P(
      '为进一步规范危险化学品经营许可工作，优化审批流程，现就有关事项通知如下。',
      '一、经营许可实行网上办理，申请材料一次告知。',
    ),
  },
  {
    column: 'gz',
    title: '示例市生产经营单位安全生产主体责任规定',
    docKind: 'regulation',
    topic: '安全生产',
    ago: 150,
    formed: 5,
    body: P(
      '第一条 为了落实生产经营单位安全生产主体责任，预防和减少生产安全事故，根据《中华人民共和国安全生产法》，制定本规定。',
      '第二条 本市行政区域内生产经营单位的安全生产主体责任，适用本规定。',
    ),
  },
  {
    column: 'qtwj',
    title: '关于开展安全生产专项整治“回头看”活动的通知',
    docNumber: (d) => `示应急发〔${d.gy}〕18号`,
    topic: '安全生产',
    ago: 120,
    formed: 3,
    body: P('为巩固安全生产专项整治成果，决定在全市开展为期两个月的“回头看”活动。'),
  },
  {
    column: 'ghjh',
    title: '示例市应急体系规划中期评估报告',
    topic: '规划',
    ago: 95,
    formed: 7,
    body: P('规划实施以来，全市应急管理体系和能力现代化建设取得阶段性成效，主要指标总体进展顺利。'),
  },
  {
    column: 'gzdt',
    title: '市应急管理局召开全市安全生产工作会议',
    ago: 2,
    formed: 0,
    body: (d) =>
      P(`${monthDay(d.pub)}，全市安全生产工作会议召开，通报近期安全生产形势，部署下一阶段重点任务。`),
  },
  {
    column: 'gzdt',
    title: '市应急管理局开展危险化学品企业专项检查',
    ago: 6,
    body: (d) => P(`${monthDay(d.gen)}，市应急管理局组织执法人员对辖区12家危险化学品生产企业开展专项检查。`),
  },
  {
    column: 'gzdt',
    title: '全市森林防灭火工作部署会召开',
    ago: 11,
    body: P('会议要求各地压实森林防灭火责任，严格管控野外火源，做好防火各项准备。'),
  },
  {
    column: 'gzdt',
    title: '市应急管理局组织开展防汛应急演练',
    ago: 60,
    formed: 0,
    body: (d) => P(`${monthDay(d.pub)}，市防汛抗旱指挥部办公室在示例河畔组织开展防汛应急综合演练。`),
  },
  {
    column: 'gzdt',
    title: '安全生产宣传咨询日活动在市民广场举行',
    ago: 130,
    formed: 0,
    body: P('活动现场设置咨询台和体验区，向市民普及安全生产和应急避险知识。'),
  },
  {
    column: 'gzdt',
    title: '市应急管理局党委理论学习中心组开展集体学习',
    ago: 25,
    formed: 0,
    body: P('局党委理论学习中心组围绕安全生产治本攻坚三年行动开展集体学习研讨。'),
  },
  {
    column: 'tzgg',
    title: '关于节假日期间烟花爆竹安全管理的通告',
    ago: 15,
    body: P('为保障节假日期间人民群众生命财产安全，现就烟花爆竹经营、燃放安全管理有关事项通告如下。'),
  },
  {
    column: 'tzgg',
    title: '关于征集安全生产社会监督员的公告',
    ago: 160,
    body: P('为发挥社会监督作用，我局面向社会公开征集安全生产社会监督员20名。'),
  },
  {
    column: 'xzxk',
    title: '危险化学品经营许可证核发结果公示',
    ago: 40,
    formed: 2,
    body: P('依据《危险化学品经营许可证管理办法》，对符合条件的3家企业核发危险化学品经营许可证，现予公示。'),
  },
  {
    column: 'yjya',
    title: (d) => `示例市生产安全事故应急预案（${d.gy}年修订）`,
    docNumber: (d) => `示应急发〔${d.gy}〕26号`,
    topic: '应急预案',
    ago: 140,
    formed: 7,
    body: P('本预案适用于本市行政区域内发生的生产安全事故应对工作。'),
  },
  {
    column: 'yjya',
    title: '示例市危险化学品事故应急预案',
    topic: '应急预案',
    ago: 220,
    formed: 9,
    body: P('为规范危险化学品事故应急处置，最大限度减少人员伤亡和财产损失，制定本预案。'),
  },
  {
    column: 'yjxx',
    title: '示例市森林火险橙色预警信号',
    ago: 4,
    formed: 0,
    body: P('受持续干燥天气影响，预计未来三天我市大部地区森林火险等级为四级，请严格管控野外用火。'),
  },
  {
    column: 'yjxx',
    title: '示例市暴雨蓝色预警及防范提示',
    ago: 45,
    formed: 0,
    body: P('预计今天夜间到明天白天我市有暴雨，请注意防范城市内涝和山洪地质灾害。'),
  },
  {
    key: 'late',
    column: 'sgdc',
    title: '示例市某化工有限公司较大中毒窒息事故调查报告',
    topic: '事故调查',
    // Formed 45 days before publication: the dashboard shows it as late (第二十六条, 20 working days).
    ago: 30,
    formed: 45,
    body: P('示例市某化工有限公司在检修作业中发生一起较大中毒窒息事故，造成3人死亡。'),
  },
  {
    column: 'gpdb',
    title: '关于对示例市某建材有限公司重大事故隐患挂牌督办的通知',
    ago: 55,
    body: P('经检查，该公司粉尘涉爆区域存在重大事故隐患，现予挂牌督办，限期60日整改。'),
  },
  {
    column: 'zfjc',
    title: (d) => `示例市应急管理局${d.y}年度安全生产监督检查计划`,
    ago: 80,
    formed: 7,
    body: P('全年计划检查生产经营单位320家，重点检查危险化学品、工贸和烟花爆竹行业。'),
  },
  {
    column: 'xzcf',
    title: (d) => `行政处罚决定信息公示（示应急罚〔${d.gy}〕15号）`,
    ago: 35,
    formed: 4,
    body: P(
      '当事人：示例市某物流有限公司。违法事实：未按规定对从业人员进行安全生产教育和培训。处罚决定：罚款人民币三万元。',
    ),
  },
  {
    column: 'bszn',
    title: '危险化学品经营许可证核发办事指南',
    ago: 250,
    formed: 4,
    body: P('办理依据：《危险化学品安全管理条例》。办理时限：20个工作日。收费标准：不收费。'),
  },
  {
    column: 'aqcs',
    title: '家庭燃气安全使用常识',
    ago: 9,
    formed: 0,
    body: P('使用燃气时保持通风，用后关闭阀门；闻到燃气味时切勿开关电器，应立即开窗并到室外报警。'),
  },
  {
    column: 'aqcs',
    title: '防溺水安全知识',
    ago: 100,
    formed: 0,
    body: P('不私自下水游泳，不在无安全设施、无救援人员的水域游泳。'),
  },
  {
    column: 'rsxx',
    title: '示例市应急管理局关于拟任职干部的公示',
    ago: 20,
    formed: 0,
    body: (d) => P(`公示期为${yearMonthDay(d.pub)}起5个工作日。`),
  },
  {
    column: 'czyjs',
    title: (d) => `示例市应急管理局${d.y}年部门预算`,
    ago: 90,
    formed: 2,
    body: (d) => P(`${d.y}年收支总预算4862.35万元，其中一般公共预算拨款4712.35万元。`),
  },
  {
    column: 'czyjs',
    title: (d) => `示例市应急管理局${d.y - 1}年度部门决算`,
    ago: 170,
    formed: 2,
    body: (d) => P(`${d.y - 1}年度收入总计4598.12万元，支出总计4576.80万元。`),
  },
  {
    key: 'stale',
    column: 'tjxx',
    // The one stale column: 统计信息 (periodic, 6 months) last updated 200 days ago.
    title: '全市生产安全事故统计情况',
    ago: 200,
    formed: 4,
    body: P('全市共发生生产安全事故38起、死亡41人，同比分别下降11.6%和8.9%。'),
  },
  {
    column: 'jyta',
    title: '关于市政协第128号提案的答复',
    ago: 110,
    formed: 5,
    body: P('您提出的《关于加强城镇燃气安全管理的提案》收悉，现答复如下。'),
  },
  {
    column: 'gkzn',
    title: '示例市应急管理局政府信息公开指南',
    ago: 320,
    formed: 2,
    body: P('为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。'),
  },
  {
    column: 'gkzd',
    title: '示例市应急管理局政府信息公开工作制度',
    ago: 320,
    formed: 2,
    body: P('包括政府信息公开保密审查、主动公开、依申请公开和监督考核等制度。'),
  },
  {
    column: 'jgzn-zn',
    title: '示例市应急管理局主要职责',
    ago: 340,
    formed: 0,
    body: P(
      '负责全市应急管理工作，指导各区县各部门应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作。',
    ),
  },
  {
    column: 'jgzn-ld',
    title: '示例市应急管理局领导信息',
    ago: 300,
    formed: 0,
    body: P('局长：周局长，主持局全面工作。副局长：孙分管，负责安全生产监督管理、应急救援等工作。'),
  },
  {
    column: 'jgzn-ns',
    title: '示例市应急管理局内设机构',
    ago: 300,
    formed: 0,
    body: P('办公室、政策法规科、安全生产基础科、危险化学品监督管理科、应急救援科、执法监督科。'),
  },
];

/** "2026年3月8日" from an ISO date. */
export function yearMonthDay(iso: string): string {
  return `${iso.slice(0, 4)}年${monthDay(iso)}`;
}

const text = (t: Text, d: DemoDates) => (typeof t === 'function' ? t(d) : t);

/** The demo items with their dates resolved against today (China). */
export function demoItems(today: string) {
  return ITEMS.map((spec) => {
    const pub = addDays(today, -spec.ago);
    const gen = addDays(pub, -(spec.formed ?? 1));
    const d: DemoDates = { gen, pub, y: yearOf(pub), gy: yearOf(gen) };
    return {
      key: spec.key,
      column: spec.column,
      title: text(spec.title, d),
      body: text(spec.body, d),
      generatedOn: gen,
      publishedOn: pub,
      docNumber: spec.docNumber === undefined ? undefined : text(spec.docNumber, d),
      docKind: spec.docKind,
      topic: spec.topic,
      summary: spec.summary,
    };
  });
}

async function userByName(ctx: Ctx, username: string): Promise<Actor | null> {
  const u = await findByUsername(ctx.db, username);
  if (!u) return null;
  const roles = u.roles.filter(isRole);
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
 * Demo: the default column tree and ~36 published items dated relative to today, each driven through the real workflow
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
  const today = todayInChina(ctx.clock);
  const sorted = demoItems(today).sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
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
    // The demo has no gateway and must not claim delivery: its channel releases are recorded on the
    // queue as demo data (the ledger rows follow), never sent.
    const waiting = (await repo.deliveriesOf(ctx.db, id)).flatMap((d) =>
      d.status === 'pending' && d.message_id ? [d.message_id] : [],
    );
    if (waiting.length)
      await inTransaction(ctx, (trx) =>
        releaseQueue(ctx).markRecorded(trx, clock, waiting, '演示数据，未实际发送'),
      );
  }
  const jd = ids.get('reward-jd');
  const oldId = ids.get('reward-old');
  const newId = ids.get('reward-new');
  const newPub = addDays(today, -70);
  if (jd && newId)
    await service.addLink({ ...ctx, clock: fixedClock(`${newPub}T03:00:00Z`) }, clerk, jd, {
      toItemId: newId,
      kind: 'interprets',
    });
  if (oldId && newId) {
    const effective = addDays(newPub, 15);
    await service.setValidity({ ...ctx, clock: fixedClock(`${effective}T01:00:00Z`) }, office, oldId, {
      validity: 'repealed',
      date: effective,
      replacedByItemId: newId,
      note: '被《示例市安全生产举报奖励办法（修订）》替代',
    });
  }
  // Work in progress for the queues: one waiting for 保密审查, one for the leader.
  const waiting1 = await service.createItem(ctx, clerk, {
    columnId: columns.get('tzgg')!.id,
    title: '关于做好近期森林防火工作的通知',
    bodyHtml: P('近期祭扫和农事用火增多，森林火险等级高，请各地切实加强野外火源管控。'),
    generatedOn: addDays(today, -1),
  });
  await service.submit(ctx, clerk, waiting1);
  const waiting2 = await service.createItem(ctx, clerk, {
    columnId: columns.get('gzdt')!.id,
    title: '市应急管理局开展安全生产大检查',
    bodyHtml: P('市应急管理局部署开展为期一个月的安全生产大检查。'),
    generatedOn: addDays(today, -1),
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
