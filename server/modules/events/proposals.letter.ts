/**
 * The reply letter (答复函) to a deputy or member, as .docx. Agencies may upload their own Word template
 * (红头, fonts, seal position) with the placeholders below; the built-in template follows GB/T 9704
 * (margins 37/35/28/26 mm, 小标宋 title, 仿宋 三号 body) and is itself a docxtemplater template, so
 * both paths render through the same code.
 */
import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';
import { DomainError } from '../../platform/errors.js';
import { wordTemplateLibraries } from '../../platform/lazy-packages.js';
import { PROPOSAL_KIND_SHORT, REPLY_CLASS_LABELS } from './events.rules.js';
import type { Proposal } from './events.repository.js';

/** Placeholders a reply template may use, with their meaning (shown in the console). */
export const REPLY_PLACEHOLDERS: { name: string; label: string }[] = [
  { name: '机关名称', label: '承办机关全称' },
  { name: '称谓', label: '领衔代表或委员及称谓，如“张三代表”' },
  { name: '届次', label: '届次会次，如“市十六届人大三次会议”' },
  { name: '类别', label: '建议或提案' },
  { name: '编号', label: '建议提案编号' },
  { name: '标题', label: '建议提案标题' },
  { name: '#答复段落', label: '答复正文的段落循环开始（单独成段，下一段写“段落”，再下一段写“/答复段落”）' },
  { name: '段落', label: '答复正文的一段' },
  { name: '/答复段落', label: '答复正文的段落循环结束' },
  { name: '办理结果', label: '办理结果分类（A类/B类/C类及含义）' },
  { name: '答复文号', label: '答复函文号' },
  { name: '答复日期', label: '答复日期，如“2026年12月6日”' },
  { name: '联系电话', label: '承办机关联系电话' },
];
const ALLOWED = new Set(REPLY_PLACEHOLDERS.map((p) => p.name));

const MM = 56.7; // twips per millimetre
const FANGSONG = '仿宋_GB2312';
const XIAOBIAOSONG = '方正小标宋简体';

/** The built-in template (docxtemplater placeholders in single runs so Word edits keep them whole). */
export async function builtInReplyTemplate(): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const body = (
    text: string,
    opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
  ) =>
    new Paragraph({
      alignment: opts.align ?? AlignmentType.JUSTIFIED,
      indent: opts.indent === false ? undefined : { firstLine: 640 },
      spacing: { line: 560, lineRule: 'exact' },
      children: [new TextRun({ text, font: FANGSONG, size: 32 })],
    });
  const doc = new Document({
    styles: { default: { document: { run: { font: FANGSONG, size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 560, line: 700, lineRule: 'exact' },
            children: [
              new TextRun({ text: '关于{届次}第{编号}号{类别}的答复', font: XIAOBIAOSONG, size: 44 }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { line: 560, lineRule: 'exact' },
            children: [new TextRun({ text: '{答复文号}', font: FANGSONG, size: 32 })],
          }),
          body('{称谓}：', { indent: false, align: AlignmentType.LEFT }),
          body('您提出的《{标题}》收悉。现答复如下：'),
          // loop tags in paragraphs of their own: with paragraphLoop each 段落 becomes its own indented
          // paragraph (written inline, docxtemplater would run every paragraph of the reply together)
          body('{#答复段落}'),
          body('{段落}'),
          body('{/答复段落}'),
          body('办理结果：{办理结果}。'),
          body('感谢您对应急管理工作的关心和支持，欢迎继续提出宝贵意见和建议。'),
          new Paragraph({ spacing: { line: 560, lineRule: 'exact' }, children: [] }),
          body('{机关名称}', { indent: false, align: AlignmentType.RIGHT }),
          body('{答复日期}', { indent: false, align: AlignmentType.RIGHT }),
          body('（联系电话：{联系电话}）', { indent: false, align: AlignmentType.LEFT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Tags used in a template, in order (from the document text docxtemplater sees). */
function tagsOf(doc: Docxtemplater): string[] {
  const text = doc.getFullText();
  return [...text.matchAll(/\{([^{}]{1,40})\}/g)].map((m) => m[1]!.trim());
}

function open(content: Uint8Array): Docxtemplater {
  const lib = wordTemplateLibraries();
  let zip: PizZip;
  try {
    zip = new lib.PizZip(content);
  } catch {
    throw new DomainError('template_not_docx', '模板文件不是有效的Word（.docx）文件', {
      field: 'contentBase64',
    });
  }
  if (!zip.file('word/document.xml'))
    throw new DomainError('template_not_docx', '模板文件不是有效的Word（.docx）文件', {
      field: 'contentBase64',
    });
  try {
    return new lib.Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, nullGetter: () => '' });
  } catch (err) {
    const errors = (err as { properties?: { errors?: { properties?: { explanation?: string } }[] } })
      .properties?.errors;
    const why = errors
      ?.map((e) => e.properties?.explanation)
      .filter(Boolean)
      .slice(0, 3)
      .join('；');
    throw new DomainError('template_syntax', `模板中的占位符格式有误${why ? `：${why}` : ''}`, {
      field: 'contentBase64',
    });
  }
}

/** Checks an uploaded template: a .docx whose placeholders are all known. Returns the placeholders used. */
export function checkReplyTemplate(content: Uint8Array): string[] {
  const tags = tagsOf(open(content));
  const unknown = [...new Set(tags.filter((t) => !ALLOWED.has(t)))];
  if (unknown.length)
    throw new DomainError(
      'template_unknown_placeholder',
      `模板中有不认识的占位符：${unknown.map((t) => `{${t}}`).join('、')}。可用的占位符见页面说明`,
      { field: 'contentBase64', unknown },
    );
  if (!tags.includes('段落') && !tags.includes('标题'))
    throw new DomainError(
      'template_missing_placeholder',
      '模板中至少要有{标题}和答复正文{#答复段落}{段落}{/答复段落}',
      {
        field: 'contentBase64',
      },
    );
  return [...new Set(tags)];
}

/** China date as written in official documents since GB/T 9704-2012: 2026年12月6日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The proposer's salutation: the first (lead) proposer with 代表 or 委员. */
export function salutation(p: Pick<Proposal, 'proposers' | 'kind'>): string {
  const first =
    p.proposers
      .split(/[\n,，、；;]/)
      .map((s) => s.trim())
      .find(Boolean) ?? '';
  const title = p.kind === 'suggestion' ? '代表' : '委员';
  return first.endsWith(title) ? first : `${first}${title}`;
}

/** Renders the reply letter of a replied proposal with the agency's template (or the built-in one). */
export async function renderReplyLetter(
  p: Proposal,
  agency: { name: string; phone: string | null },
  template: Uint8Array | null,
): Promise<Buffer> {
  if (!p.reply_text || !p.reply_class || !p.replied_on)
    throw new DomainError('not_replied', '尚未答复，不能生成答复函');
  const doc = open(template ?? (await builtInReplyTemplate()));
  const paragraphs = p.reply_text
    .split(/\r?\n+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((段落) => ({ 段落 }));
  doc.render({
    机关名称: agency.name,
    称谓: salutation(p),
    届次: p.session,
    类别: PROPOSAL_KIND_SHORT[p.kind],
    编号: p.number,
    标题: p.title,
    答复段落: paragraphs,
    办理结果: REPLY_CLASS_LABELS[p.reply_class],
    答复文号: p.reply_number ?? '',
    答复日期: chineseDate(p.replied_on),
    联系电话: agency.phone ?? '',
  });
  // pizzip's zip is untyped through docxtemplater: name the one call used
  const zip = doc.getZip() as { generate(o: { type: 'nodebuffer'; compression: 'DEFLATE' }): Buffer };
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
