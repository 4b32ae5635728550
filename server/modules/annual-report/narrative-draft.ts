/**
 * The prose of the report as editable text with live numbers: sections 一、总体情况 (drafted from the
 * data), 五、存在的主要问题及改进情况 and 六、其他需要报告的事项 (prompts for the office to fill).
 * Figures are written as {{placeholders}} (Chinese names, so an editor can read them) and re-rendered
 * from the tables on every render, so the text cannot drift from the tables.
 */
import { CHANNEL_LABELS, deliveredByChannel } from './channel-facts.js';
import type { CatalogReportFacts, EnterprisesReportFacts, EventsReportFacts } from './sources.js';
import { extractNarrativeFigures } from './narrative.js';
import { t3, t4 } from './tables.js';
import type { Finding, ReportFormat, ReportTables } from './types.js';

export interface ReportTexts {
  one: string;
  five: string;
  six: string;
}
export type RenderedTexts = ReportTexts;

export { CHANNEL_LABELS };

/** A text a placeholder stands for, formatted for prose. */
function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Marker of a prompt the office must replace before publication. */
export const PROMPT_OPEN = '【请填写';

/** Every placeholder name → its value as text. Numbers of tables 三/四 come from the tables themselves. */
export function narrativeVariables(input: {
  year: number;
  agencyName: string;
  tables: ReportTables;
  catalog: CatalogReportFacts;
  feesCollectedFen: number;
  events?: EventsReportFacts;
  enterprises?: EnterprisesReportFacts;
}): Record<string, string> {
  const { tables: t, catalog } = input;
  const v: Record<string, number | string> = {
    年度: String(input.year),
    机关: input.agencyName,
    主动公开总数: catalog.publishedTotal,
    本年新收: t3(t, 'new', 'total'),
    上年结转: t3(t, 'carried', 'total'),
    办结: t3(t, 'r7', 'total'),
    结转下年度: t3(t, 'next', 'total'),
    予以公开: t3(t, 'r1', 'total'),
    部分公开: t3(t, 'r2', 'total'),
    行政复议: t4(t, 'review_total'),
    复议维持: t4(t, 'review_upheld'),
    复议纠正: t4(t, 'review_corrected'),
    复议其他: t4(t, 'review_other'),
    复议未审结: t4(t, 'review_pending'),
    行政诉讼: t4(t, 'suitDirect_total') + t4(t, 'suitAfterReview_total'),
    信息处理费: fmt(input.feesCollectedFen / 100),
    规章制发: catalog.documents.regulation.issued.count,
    规范性文件制发: catalog.documents.normativeDoc.issued.count,
    规范性文件废止: catalog.documents.normativeDoc.repealed.count,
    现行有效规范性文件: catalog.documents.normativeDoc.inForce.count,
    行政许可: num2(t, 'license'),
    行政处罚: num2(t, 'penalty'),
    行政强制: num2(t, 'enforcement'),
  };
  const rows = ['r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8'] as const;
  v.不予公开 = rows.reduce((s, r) => s + t3(t, r, 'total'), 0);
  for (const c of catalog.publishedByColumn) v[`栏目:${c.name}`] = c.count;
  const ev = input.events;
  if (ev) {
    v.新闻发布会 = ev.pressConferences;
    v.听证会 = ev.hearings;
    v.座谈论坛 = ev.forums;
    for (const [kind, c] of Object.entries(ev.proposals)) {
      v[`${kind}办理`] = c.handled;
      v[`${kind}A类`] = c.byClass.A;
      v[`${kind}B类`] = c.byClass.B;
      v[`${kind}C类`] = c.byClass.C;
      v[`${kind}公开`] = c.repliesPublished;
    }
  }
  const en = input.enterprises;
  if (en) {
    v.执法检查 = en.inspections;
    v.隐患发现 = en.hazards.found;
    v.隐患整改 = en.hazards.rectified;
    v.失信名单 = en.creditListings;
  }
  for (const [key, count] of Object.entries(deliveredByChannel(catalog)))
    v[`渠道:${CHANNEL_LABELS[key] ?? key}`] = count;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'number' ? fmt(x) : x]));
}

function num2(t: ReportTables, row: string): number {
  return t.table2[row]?.decisions ?? 0;
}

/** Draft texts for a new report (the office edits them; the numbers stay placeholders). */
export function draftTexts(
  format: ReportFormat,
  catalog: CatalogReportFacts,
  events?: EventsReportFacts,
  enterprises?: EnterprisesReportFacts,
): ReportTexts {
  const columns = catalog.publishedByColumn.filter((c) => c.count > 0);
  const byColumn = columns.length
    ? `，其中${columns.map((c) => `“${c.name}”栏目{{栏目:${c.name}}}条`).join('、')}`
    : '';
  const delivered = deliveredByChannel(catalog);
  const channels = Object.keys(delivered).filter((k) => delivered[k]! > 0);
  const byChannel = channels.length
    ? `按发布渠道统计，${channels
        .map((k) => `${CHANNEL_LABELS[k] ?? k}发布{{渠道:${CHANNEL_LABELS[k] ?? k}}}条`)
        .join('、')}。`
    : '';
  const one = [
    '（一）主动公开情况',
    `{{年度}}年，本机关主动公开政府信息{{主动公开总数}}条${byColumn}。${byChannel}` +
      `本年制发${format.id === '2019' ? '' : '行政'}规范性文件{{规范性文件制发}}件、废止{{规范性文件废止}}件，现行有效{{现行有效规范性文件}}件。` +
      '公开行政许可决定{{行政许可}}件、行政处罚决定{{行政处罚}}件、行政强制决定{{行政强制}}件。',
    ...(events
      ? [
          '召开新闻发布会（含政策吹风会）{{新闻发布会}}场、听证会{{听证会}}场、论证会座谈会和政务论坛等{{座谈论坛}}场，及时回应社会关切。',
        ]
      : []),
    // 智慧安监 (enterprises module): worded in 次/项/家, never 件/条, so the narrative rules do not read these
    // counts as table 三's or 主动公开's figures.
    ...(enterprises
      ? [
          '本年度开展安全生产执法检查{{执法检查}}次，检查结果按“双随机、一公开”要求向社会公开；' +
            '企业自查自报和执法检查共发现事故隐患{{隐患发现}}项，截至年底已整改{{隐患整改}}项；' +
            '新列入安全生产严重失信主体名单{{失信名单}}家。',
        ]
      : []),
    '（二）依申请公开情况',
    '本年新收政府信息公开申请{{本年新收}}件，上年结转{{上年结转}}件；本年办结{{办结}}件，其中予以公开{{予以公开}}件、部分公开{{部分公开}}件；' +
      '{{结转下年度}}件结转至下年度继续办理。因政府信息公开工作被申请行政复议{{行政复议}}件，被提起行政诉讼{{行政诉讼}}件。',
    '（三）政府信息管理情况',
    `${PROMPT_OPEN}：政府信息公开目录、保密审查、公开属性认定、规范性文件清理等工作情况】`,
    '（四）政府信息公开平台建设情况',
    `${PROMPT_OPEN}：政府网站信息公开专栏、政务新媒体等平台建设与维护情况】`,
    '（五）监督保障情况',
    `${PROMPT_OPEN}：组织领导、培训、考核、社会评议和责任追究情况】`,
  ].join('\n');
  const five = [
    '（一）存在的主要问题',
    `${PROMPT_OPEN}：本年度政府信息公开工作存在的主要问题】`,
    '（二）改进情况',
    `${PROMPT_OPEN}：上年度问题的改进情况及下一步改进措施】`,
  ].join('\n');
  const six = [
    '（一）信息处理费收取情况',
    '依据《政府信息公开信息处理费管理办法》，本机关{{年度}}年共收取信息处理费{{信息处理费}}元。',
    '（二）其他需要报告的事项',
    ...(events
      ? [
          // Worded without 办结/答复 so the narrative rules do not read these counts as table 三's totals.
          '人大代表建议和政协委员提案办理结果公开情况：本年度承办人大代表建议{{建议办理}}件（A类{{建议A类}}件、B类{{建议B类}}件、C类{{建议C类}}件），其中办理结果对外公开{{建议公开}}件；' +
            '承办政协委员提案{{提案办理}}件（A类{{提案A类}}件、B类{{提案B类}}件、C类{{提案C类}}件），其中办理结果对外公开{{提案公开}}件。',
          `${PROMPT_OPEN}：年度政务公开工作要点落实情况、政务公开工作创新情况等；无则删除本段】`,
        ]
      : [
          `${PROMPT_OPEN}：人大代表建议和政协提案办理结果公开情况、年度政务公开工作要点落实情况、政务公开工作创新情况等；无则删除本段】`,
        ]),
  ].join('\n');
  return { one, five, six };
}

const PLACEHOLDER = /\{\{([^{}]+?)\}\}/g;

/** The sentence 六 always states (even when zero), appended when the edited text dropped it. */
export function feeSentence(variables: Record<string, string>): string {
  return `本机关${variables['年度'] ?? ''}年共收取信息处理费${variables['信息处理费'] ?? '0'}元。`;
}

/** Fills the placeholders; unknown ones stay as written (textFindings reports them). */
export function renderTexts(texts: ReportTexts, variables: Record<string, string>): RenderedTexts {
  const fill = (s: string) => s.replace(PLACEHOLDER, (m, name: string) => variables[name.trim()] ?? m);
  const six = fill(texts.six);
  const statesFee = extractNarrativeFigures(six).some((f) => f.kind === 'feeYuan');
  return {
    one: fill(texts.one),
    five: fill(texts.five),
    six: statesFee ? six : `${six.replace(/\s+$/, '')}${six.trim() ? '\n' : ''}${feeSentence(variables)}`,
  };
}

/**
 * T1 (warning): a prompt 【请填写…】 was left in the text. T2 (error): a placeholder names no known
 * figure (it would be published as {{…}}).
 */
export function textFindings(texts: ReportTexts, variables: Record<string, string>): Finding[] {
  const out: Finding[] = [];
  const sections = [
    ['one', '一、总体情况'],
    ['five', '五、存在的主要问题及改进情况'],
    ['six', '六、其他需要报告的事项'],
  ] as const;
  for (const [key, heading] of sections) {
    const text = texts[key];
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (variables[m[1]!.trim()] !== undefined) continue;
      out.push({
        ruleId: 'T2',
        severity: 'error',
        cells: [{ table: 'narrative', row: key, col: '' }],
        expected: '已知数据项',
        actual: m[0],
        messageZh: `“${heading}”引用了不存在的数据项${m[0]}`,
        excerpt: m[0],
      });
    }
    const prompts = text.split('\n').filter((l) => l.includes(PROMPT_OPEN));
    if (prompts.length) {
      out.push({
        ruleId: 'T1',
        severity: 'warning',
        cells: [{ table: 'narrative', row: key, col: '' }],
        expected: null,
        actual: prompts.length,
        messageZh: `“${heading}”还有${prompts.length}处填写提示未替换`,
        excerpt: prompts[0]!.slice(0, 60),
      });
    }
  }
  return out;
}
