/**
 * Vocabulary of the generated data: sentences of real reports of 应急管理 / 安全生产 bureaus (the seeds
 * in /work/shared/seeds, when present) plus hand-written domain phrases, so the search index holds the
 * words and word frequencies of real bureau sites (安全 everywhere, 液氨制冷 rarely).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SEEDS_DIR = process.env.GONGKAI_SEEDS_DIR ?? '/work/shared/seeds';

/** Hand-written sentences in the bureau's register (used alone when the seeds are absent). */
const DOMAIN_SENTENCES = [
  '为深入贯彻落实安全生产责任制，进一步加强危险化学品安全监管，有效防范遏制重特大事故发生',
  '各企业要严格落实安全生产主体责任，建立健全隐患排查治理制度，做到责任、措施、资金、时限和预案五到位',
  '组织开展危险化学品企业专项执法检查，重点检查重大危险源监测监控和特殊作业管理情况',
  '汛期到来之前，各地要全面排查防汛重点部位，修订完善防汛抗旱应急预案，落实抢险队伍和物资',
  '森林防火期内，严禁野外用火，各乡镇要加强巡山护林，确保不发生重大森林火灾',
  '本次应急演练模拟化工园区储罐泄漏引发火灾，检验了应急预案的针对性和可操作性',
  '对检查中发现的问题隐患，执法人员当场下达责令限期整改指令书，并跟踪督促整改落实',
  '烟花爆竹经营单位应当在批准的经营场所内销售，不得超范围、超许可量储存',
  '工贸行业企业要重点加强有限空间作业、粉尘防爆和液氨制冷的安全管理',
  '非煤矿山企业要严格执行领导带班下井制度，加强通风、防排水和尾矿库安全管理',
  '应急管理部门将持续推进安全生产执法规范化建设，全面推行行政执法公示制度',
  '城镇燃气安全专项整治要聚焦餐饮场所，督促用户安装可燃气体报警装置',
  '自然灾害综合风险普查成果将用于编制灾害防治区划和应急预案',
  '我局认真落实政府信息公开条例，及时主动公开安全生产行政许可和行政处罚信息',
  '全年共受理政府信息公开申请，均在法定期限内予以答复，未发生行政复议和行政诉讼',
  '安全生产月期间，组织开展安全宣传咨询日活动，发放宣传资料，接受群众咨询',
  '地震应急预案明确了应急响应分级、指挥体系和部门职责',
  '对存在重大事故隐患的生产经营单位，依法责令停产停业整顿并挂牌督办',
  '应急救援队伍要加强实战化训练，提高处置危险化学品事故的专业能力',
  '安全培训机构要严格落实考试制度，确保特种作业人员持证上岗',
];

/** Topics of titles (主题): frequent and rare ones. */
export const TOPICS = [
  '安全生产',
  '危险化学品安全',
  '消防安全',
  '防汛抗旱',
  '森林防火',
  '应急预案管理',
  '非煤矿山安全',
  '烟花爆竹安全',
  '工贸行业安全',
  '自然灾害防治',
  '地震应急',
  '安全生产执法',
  '隐患排查治理',
  '应急救援队伍建设',
  '有限空间作业安全',
  '粉尘防爆',
  '城镇燃气安全',
  '安全生产月',
  '应急物资储备',
  '液氨制冷安全',
] as const;

export const PLACES = ['示例市', '东城区', '西城区', '南港区', '北山县', '临河县', '高新区', '经开区'];

export const DOC_TYPES = ['通知', '实施方案', '工作要点', '管理办法', '应急预案', '工作方案', '意见', '报告'];

const TITLE_TEMPLATES: ((t: string, p: string, d: string, y: number) => string)[] = [
  (t, p, d) => `关于印发《${p}${t}${d}》的通知`,
  (t, p) => `${p}应急管理局关于开展${t}专项整治行动的通知`,
  (t, _p, _d, y) => `${y}年${t}工作要点`,
  (t, p) => `${p}召开${t}工作推进会`,
  (t) => `${t}知识问答`,
  (t, p) => `${p}${t}检查情况通报`,
  (t, _p, d, y) => `关于做好${y}年${t}工作的${d}`,
  (t) => `图解：${t}政策要点`,
];

export const ENTERPRISE_PREFIX = [
  '恒安',
  '鑫达',
  '东港',
  '华泰',
  '永盛',
  '顺通',
  '瑞丰',
  '金诚',
  '宏远',
  '利民',
  '安泰',
  '兴业',
  '中盛',
  '海川',
  '天瑞',
  '博远',
];
export const ENTERPRISE_TRADE = [
  '化工',
  '危险化学品经营',
  '石化储运',
  '精细化工',
  '金属制品',
  '物流',
  '烟花爆竹',
  '燃气',
  '矿业',
  '建材',
];

export const PENALTY_FACTS = [
  '未按规定对从业人员进行安全生产教育和培训',
  '未对重大危险源进行登记建档和定期检测评估',
  '特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业',
  '未建立事故隐患排查治理制度',
  '危险化学品储存未设置明显的安全警示标志',
  '未按规定制定生产安全事故应急救援预案并定期组织演练',
  '有限空间作业未执行作业审批制度',
  '粉尘防爆安全设施未保持正常状态',
];

export const REQUEST_SUBJECTS = [
  '某化工企业的安全生产许可证及其审查材料',
  '本市2024年危险化学品重大危险源清单',
  '某小区燃气爆炸事故的调查报告',
  '某企业行政处罚决定书',
  '本区防汛抗旱应急预案全文',
  '烟花爆竹零售经营许可的审批条件和数量',
  '安全生产专项资金的使用情况',
  '某尾矿库安全评价报告',
  '应急避难场所的分布和名单',
  '对某公司事故隐患举报的处理结果',
];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
];
export const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
];

function seedSentences(): string[] {
  if (!existsSync(SEEDS_DIR)) return [];
  const out: string[] = [];
  for (const file of readdirSync(SEEDS_DIR).sort()) {
    if (!file.endsWith('.txt')) continue;
    const text = readFileSync(path.join(SEEDS_DIR, file), 'utf8');
    for (const raw of text.split(/[。！？；\n]/)) {
      const s = raw.replace(/\s+/g, '').trim();
      // Sentences, not table cells, URLs or headings.
      if (s.length < 12 || s.length > 160) continue;
      if (/https?:|www\.|@|\.com/i.test(s)) continue;
      const han = s.match(/\p{Script=Han}/gu)?.length ?? 0;
      if (han / s.length < 0.6) continue;
      out.push(s);
    }
  }
  return out;
}

let sentences: string[] | undefined;

/** The sentence pool (seed sentences, then the domain sentences), deduplicated, in a fixed order. */
export function sentencePool(): readonly string[] {
  sentences ??= [...new Set([...seedSentences(), ...DOMAIN_SENTENCES])];
  return sentences;
}

/** The sentences of one topic's bodies: the domain sentences always mention the topic words. */
export function titleFor(
  template: number,
  topic: string,
  place: string,
  docType: string,
  year: number,
): string {
  return TITLE_TEMPLATES[template % TITLE_TEMPLATES.length]!(topic, place, docType, year);
}

export const TITLE_TEMPLATE_COUNT = TITLE_TEMPLATES.length;
