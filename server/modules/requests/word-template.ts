/**
 * An agency's own Word (.docx) layout for a kind of 依申请公开 letter: its 红头, fonts and seal position,
 * with docxtemplater placeholders ({文号}, {标题}, {抬头}, {#正文段落}{段落}{/正文段落} and every
 * placeholder the kind fills, such as {申请人} or {日期}). The letter's wording still comes from the
 * 文书模板 text (per kind, and per outcome for replies); the Word file only lays it out.
 * Pure: no I/O — checking, rendering and the starter file work on bytes.
 */
import { createHash } from 'node:crypto';
import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';
import { DomainError } from '../../platform/errors.js';
import { wordTemplateLibraries } from '../../platform/lazy-packages.js';
import { buildLetterDocx, chineseDate, type BuiltLetter, type LetterTemplate } from './letters.js';
import { placeholdersFor } from './letter-placeholders.js';
import { fillTemplate } from './requests.rules.js';
import type { LetterKind } from './requests.tables.js';

/** At most this many bytes per uploaded template (a 红头 with an embedded logo fits easily). */
export const WORD_TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;

/** The layout placeholders of every Word template, beside the kind's own (letter-placeholders.ts). */
export const WORD_LAYOUT_PLACEHOLDERS: readonly { name: string; description: string }[] = [
  { name: '文号', description: '文书编号，如“示例应急依申请公开〔2026〕12号”' },
  { name: '标题', description: '文书标题（必填），如“政府信息公开申请答复告知书（予以公开）”' },
  { name: '抬头', description: '称呼一段，如“张三：”（不写时并入正文第一段）' },
  {
    name: '#正文段落',
    description:
      '正文循环开始（必填）：{#正文段落}、{段落}、{/正文段落}各占一段，每段正文都套用{段落}那一段的格式（字体、缩进、行距）',
  },
  { name: '段落', description: '正文的一段（只能写在{#正文段落}与{/正文段落}之间）' },
  { name: '/正文段落', description: '正文循环结束' },
];

const LOOP = '正文段落';
const ITEM = '段落';

/** Docxtemplater's error ids, as a clerk reads them. */
const SYNTAX_ZH: Record<string, string> = {
  unclosed_tag: '有占位符缺少右大括号',
  unopened_tag: '有多余的右大括号',
  duplicate_open_tag: '有占位符写了两个左大括号',
  duplicate_close_tag: '有占位符写了两个右大括号',
  unclosed_loop: '循环没有结束标记（缺少{/正文段落}）',
  unopened_loop: '循环结束标记没有对应的开始标记',
  closing_tag_does_not_match_opening_tag: '循环的开始和结束标记名称不一致',
  raw_tag_outerxml_invalid: '占位符不能单独跨段落',
  unbalanced_loop_tags: '循环的开始和结束标记不在同一层',
};

function notDocx(): DomainError {
  return new DomainError(
    'word_template_not_docx',
    '上传的文件不是有效的Word文档（.docx）；.doc、WPS 文件请先另存为 .docx',
    {
      field: 'file',
    },
  );
}

interface Opened {
  doc: Docxtemplater<PizZip>;
  /** Every tag in reading order: the body, then headers and footers (红头 often sits in a header). */
  tags: string[];
}

const PARTS = /^word\/(document|header\d*|footer\d*)\.xml$/;

function open(bytes: Uint8Array): Opened {
  const lib = wordTemplateLibraries();
  let zip: PizZip;
  try {
    zip = new lib.PizZip(bytes);
  } catch {
    throw notDocx();
  }
  if (!zip.file('word/document.xml')) throw notDocx();
  try {
    const doc = new lib.Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      nullGetter: () => '',
    });
    const tags = Object.keys(zip.files)
      .filter((n) => PARTS.test(n))
      .sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)))
      .flatMap((n) => [...doc.getFullText(n).matchAll(/\{([^{}]{1,60})\}/g)].map((m) => m[1]!.trim()));
    return { doc, tags };
  } catch (err) {
    const errors =
      (err as { properties?: { errors?: { properties?: { id?: string; xtag?: string } }[] } }).properties
        ?.errors ?? [];
    if (errors.length === 0) throw notDocx();
    const why = [
      ...new Set(
        errors.slice(0, 5).map((e) => {
          const zh = SYNTAX_ZH[e.properties?.id ?? ''] ?? '占位符格式有误';
          return e.properties?.xtag ? `${zh}（${e.properties.xtag}）` : zh;
        }),
      ),
    ].join('；');
    throw new DomainError('word_template_syntax', `Word模板中的占位符格式有误：${why}`, { field: 'file' });
  }
}

/** The placeholders a kind's Word template may use (without the loop markers). */
export function wordPlaceholdersFor(kind: LetterKind): string[] {
  return [
    ...WORD_LAYOUT_PLACEHOLDERS.map((p) => p.name).filter((n) => !/^[#/]/.test(n) && n !== ITEM),
    ...placeholdersFor(kind).map((p) => p.name),
  ];
}

/**
 * Checks an uploaded Word template for a letter kind: a real .docx, placeholders well formed, every one
 * known to the kind, {标题} present and the body loop {#正文段落}{段落}{/正文段落} present with only
 * {段落} inside. Returns the placeholders used (loop as 正文段落). Errors are Chinese, code + field.
 */
export function checkWordTemplate(kind: LetterKind, bytes: Uint8Array): string[] {
  if (bytes.byteLength > WORD_TEMPLATE_MAX_BYTES)
    throw new DomainError('word_template_too_large', 'Word模板不能超过5MB', { field: 'file' });
  const { tags } = open(bytes);
  const allowed = new Set(wordPlaceholdersFor(kind));
  const unknown: string[] = [];
  let inLoop = false;
  let loopHasItem = false;
  for (const tag of tags) {
    if (tag === `#${LOOP}`) inLoop = true;
    else if (tag === `/${LOOP}`) inLoop = false;
    else if (tag === ITEM) {
      if (!inLoop)
        throw new DomainError(
          'word_template_syntax',
          'Word模板中的{段落}必须写在{#正文段落}与{/正文段落}之间',
          { field: 'file' },
        );
      loopHasItem = true;
    } else if (inLoop) unknown.push(`正文段落中的{${tag}}`);
    else if (!allowed.has(tag)) unknown.push(`{${tag}}`);
  }
  if (unknown.length > 0)
    throw new DomainError(
      'word_template_unknown_placeholder',
      `Word模板中有该文书不能使用的占位符：${unknown.join('、')}；可用的占位符见文书模板页“Word版式”说明`,
      { field: 'file', unknown: [...new Set(unknown)] },
    );
  const missing = [
    ...(tags.includes('标题') ? [] : ['{标题}']),
    ...(loopHasItem ? [] : ['{#正文段落}{段落}{/正文段落}']),
  ];
  if (missing.length > 0)
    throw new DomainError(
      'word_template_missing_placeholder',
      `Word模板缺少${missing.join('和')}，否则文书没有标题或正文`,
      { field: 'file', missing },
    );
  // Each body paragraph must become a paragraph of its own: a loop written inline ({#正文段落}{段落}
  // {/正文段落} in one paragraph) would run the whole letter together. Rendered once to see.
  const probe = open(bytes).doc;
  probe.render({ [LOOP]: [{ [ITEM]: '\u2460PROBE' }, { [ITEM]: '\u2461PROBE' }] });
  const xml = probe.getZip().file('word/document.xml')?.asText() ?? '';
  const together = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].some(
    (p) => p[0].includes('\u2460PROBE') && p[0].includes('\u2461PROBE'),
  );
  if (together)
    throw new DomainError(
      'word_template_loop_inline',
      'Word模板中的{#正文段落}、{段落}、{/正文段落}要各占一段，否则各段正文会连成一段',
      { field: 'file' },
    );
  return [...new Set(tags.map((t) => t.replace(/^[#/]/, '')))].filter((t) => t !== ITEM);
}

/** What a letter is made of, the same snapshot as for the built-in layout (case-writes.ts). */
export interface WordRenderInput {
  template: LetterTemplate;
  values: Record<string, string | undefined>;
  letterNumber: string;
  agencyName: string;
  date: string;
}

/** Renders a letter into the agency's Word template (checked on upload). */
export function renderWordLetter(templateBytes: Uint8Array, input: WordRenderInput): BuiltLetter {
  const { doc, tags } = open(templateBytes);
  const usesHead = tags.includes('抬头');
  const title = fillTemplate(input.template.title, input.values);
  const paragraphs = fillTemplate(input.template.body, input.values)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  // A first paragraph like “张三：” is the 抬头 when the template has a place for it.
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.values)) values[k] = v ?? '';
  const hasHead = usesHead && (paragraphs[0]?.endsWith('：') ?? false);
  values['机关名称'] = input.values['机关名称'] ?? input.agencyName;
  values['日期'] = input.values['日期'] ?? chineseDate(input.date);
  values['文号'] = input.letterNumber;
  values['标题'] = title;
  values['抬头'] = hasHead ? paragraphs[0] : '';
  values[LOOP] = (hasHead ? paragraphs.slice(1) : paragraphs).map((p) => ({ [ITEM]: p }));
  doc.render(values);
  const bytes = doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { title, paragraphs, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * The built-in layout (GB/T 9704 信函格式: 红头, red double rule, 文号, title, body, seal slot, 落款) as a
 * Word template with the placeholders, for an agency to download, edit in Word or WPS and upload.
 */
export async function starterWordTemplate(kind: LetterKind): Promise<Buffer> {
  const built = await buildLetterDocx({
    template: {
      kind,
      outcomeCode: '',
      title: '{标题}',
      body: `{抬头}\n\n{#${LOOP}}\n\n{${ITEM}}\n\n{/${LOOP}}`,
    },
    values: {},
    letterNumber: '{文号}',
    agencyName: '{机关名称}',
    date: '2000-01-01',
    dateText: '{日期}',
  });
  return built.bytes;
}
