/**
 * The placeholders ({{名称}}) a letter template may use, which letter kinds fill them, what they mean
 * and a sample value for the console's preview; and the check of an edited template against them.
 * Pure: no I/O.
 */
import { invalidField } from '../../platform/errors.js';
import { placeholdersOf } from './requests.rules.js';
import type { LetterKind } from './requests.tables.js';

export interface LetterPlaceholder {
  name: string;
  description: string;
  /** The letter kinds that fill it; every kind when absent. */
  kinds?: readonly LetterKind[];
  /** Shown in the console's preview. */
  sample: string;
}

export const LETTER_PLACEHOLDERS: readonly LetterPlaceholder[] = [
  { name: '机关名称', description: '本机关全称', sample: '示例市应急管理局' },
  { name: '受理编号', description: '申请的受理编号', sample: 'YJJ-2026-00012' },
  { name: '申请人', description: '申请人姓名或名称', sample: '张三' },
  { name: '申请日期', description: '申请人提交申请的日期', sample: '2026年11月30日' },
  { name: '收到日期', description: '收到申请之日（条例第三十一条）', sample: '2026年12月1日' },
  { name: '收到依据', description: '收到申请之日的认定依据', sample: '当面提交，以提交之日为收到申请之日' },
  {
    name: '申请内容',
    description: '申请获取的政府信息（已去掉句末标点，可直接放在引号内）',
    sample: '请公开2026年安全生产执法检查计划',
  },
  { name: '答复期限', description: '当前的答复期限', sample: '2026年12月29日' },
  { name: '联系电话', description: '本机关联系电话', sample: '0533-1234567' },
  { name: '地址', description: '本机关地址', sample: '示例市人民路1号' },
  { name: '日期', description: '文书日期', sample: '2026年12月7日' },
  {
    name: '救济途径',
    description: '行政复议和行政诉讼告知（复议机关、管辖法院取自本页的“救济途径”设置）',
    sample:
      '申请人如对本答复不服，可以在收到本答复之日起60日内向示例市人民政府申请行政复议，或者在6个月内向示例市某区人民法院提起行政诉讼。',
  },
  { name: '查询码', description: '申请人查询办理进度的查询码', kinds: ['receipt'], sample: '8K3M-2QXT' },
  {
    name: '补正事项',
    description: '需要补正的事项（每项一行）',
    kinds: ['supplement'],
    sample: '1. 请明确所需信息的年份',
  },
  { name: '补正期限', description: '提交补正的期限', kinds: ['supplement'], sample: '2026年12月22日' },
  {
    name: '延期理由',
    description: '延期答复的理由',
    kinds: ['extension'],
    sample: '申请内容涉及多个内设机构，需要汇总核实',
  },
  { name: '延长天数', description: '延长的工作日数', kinds: ['extension'], sample: '20' },
  { name: '延长后期限', description: '延长后的答复期限', kinds: ['extension'], sample: '2027年1月27日' },
  {
    name: '第三方',
    description: '被征求意见的第三方',
    kinds: ['third_party'],
    sample: '示例市恒安化工有限公司',
  },
  {
    name: '征求事项',
    description: '征求意见涉及的事项',
    kinds: ['third_party'],
    sample: '贵公司2025年度安全评价报告',
  },
  {
    name: '答复意见期限',
    description: '第三方提出意见的期限',
    kinds: ['third_party'],
    sample: '2026年12月28日',
  },
  {
    name: '收费依据',
    description: '收取信息处理费的依据',
    kinds: ['fee_notice'],
    sample: '《政府信息公开信息处理费管理办法》第四条',
  },
  { name: '收费标准', description: '适用的收费标准', kinds: ['fee_notice'], sample: '按件计收' },
  { name: '收费金额', description: '应缴金额', kinds: ['fee_notice'], sample: '100.00元' },
  { name: '缴费期限', description: '缴费期限', kinds: ['fee_notice'], sample: '2027年1月6日' },
  { name: '办理结果', description: '办理结果（条例第三十六条）', kinds: ['reply'], sample: '予以公开' },
  {
    name: '法律依据',
    description: '答复所依据的条文',
    kinds: ['reply'],
    sample: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
  },
  { name: '依据条文', description: '答复所依据的条文编号', kinds: ['reply'], sample: '第三十六条第（二）项' },
  {
    name: '理由',
    description: '承办人填写的答复要点',
    kinds: ['reply'],
    sample: '经查，该计划已由本局制定，现随本告知书提供，详见附件。',
  },
  {
    name: '不予公开部分',
    description: '不予公开的部分及理由（部分公开时）',
    kinds: ['reply'],
    sample: '1. 第3页企业负责人联系方式：涉及个人隐私',
  },
  {
    name: '转办机关',
    description: '负责公开该信息的行政机关（非本机关负责时）',
    kinds: ['reply'],
    sample: '示例市生态环境局',
  },
  { name: '补正告知日期', description: '发出补正告知的日期', kinds: ['reply'], sample: '2026年12月3日' },
  { name: '收费通知日期', description: '发出收费通知的日期', kinds: ['reply'], sample: '2026年12月3日' },
];

/** The placeholders a letter kind can fill. */
export function placeholdersFor(kind: LetterKind): LetterPlaceholder[] {
  return LETTER_PLACEHOLDERS.filter((p) => !p.kinds || p.kinds.includes(kind));
}

/**
 * Throws a field error unless every {{…}} of the title and body is a placeholder the kind fills and
 * no brace pair is left open (a typo like "{{申请人}" would print as typed in a letter to a citizen).
 */
export function assertTemplatePlaceholders(kind: LetterKind, title: string, body: string): void {
  for (const [field, text] of [
    ['title', title],
    ['body', body],
  ] as const) {
    const allowed = new Set(placeholdersFor(kind).map((p) => p.name));
    const unknown = placeholdersOf(text).filter((n) => !allowed.has(n));
    if (unknown.length > 0)
      throw invalidField(
        field,
        'unknown_placeholder',
        `该文书不能使用占位符${unknown.map((n) => `{{${n}}}`).join('、')}；可用的占位符见右侧列表`,
      );
    const stripped = text.replace(/\{\{\s*[^{}\s]+\s*\}\}/g, '');
    if (/\{\{|\}\}/.test(stripped))
      throw invalidField(
        field,
        'malformed_placeholder',
        '占位符的大括号不完整：应写作{{名称}}，两侧各两个大括号',
      );
  }
}
