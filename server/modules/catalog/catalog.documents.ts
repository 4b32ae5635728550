import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { chinaDateOf } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { assertReadsAgency } from '../orgs/orgs.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import * as repo from './catalog.repository.js';
import { CHECKLIST_KEYS, CHECKLIST_LABELS, VALIDITY_LABELS, type Checklist } from './catalog.rules.js';
import type { SourcedFinding } from './catalog.scan.js';

const FONT = '仿宋';
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, opts: { bold?: boolean; width?: number; span?: number } = {}): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    borders,
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
    children: lines.map(
      (l) =>
        new Paragraph({
          children: [new TextRun({ text: l, bold: opts.bold ?? false, font: FONT, size: 24 })],
        }),
    ),
  });
}

function row(label: string, value: string): TableRow {
  return new TableRow({
    children: [cell(label, { bold: true, width: 25 }), cell(value || '—', { width: 75 })],
  });
}

function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 300 },
    children: [new TextRun({ text, bold: true, font: '方正小标宋简体', size: 36 })],
  });
}

function pack(heading: string, rows: TableRow[], footer?: string): Promise<Buffer> {
  const doc = new Document({
    creator: 'Gongkai',
    title: heading,
    sections: [
      {
        children: [
          title(heading),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          ...(footer
            ? [
                new Paragraph({
                  spacing: { before: 200 },
                  children: [new TextRun({ text: footer, font: FONT, size: 20 })],
                }),
              ]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function zhDate(iso: string | null): string {
  if (!iso) return '';
  const d = iso.length > 10 ? chinaDateOf(iso) : iso;
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** 信息发布保密审查表 for a review record (default: the latest review of the item). */
export async function reviewFormDocx(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  reviewId?: string,
): Promise<{ buffer: Buffer; fileName: string }> {
  const item = await repo.findItem(ctx.db, itemId);
  if (!item) throw notFound('item', '信息不存在');
  await assertReadsAgency(ctx, actor, item.org_id);
  const review = await repo.findReview(ctx.db, itemId, reviewId);
  if (!review) throw notFound('review', '该信息尚无保密审查记录');
  const rev = (await repo.findRevision(ctx.db, review.revision_id))!;
  const column = await repo.findColumn(ctx.db, rev.column_id);
  const org = await orgRepo.findById(ctx.db, item.org_id);
  const attachments = await repo.attachmentsOf(ctx.db, rev.id);
  const checklist = JSON.parse(review.checklist) as Checklist;
  const findings = JSON.parse(review.scan_findings) as SourcedFinding[];
  const approvals = await repo.approvalsOfRevision(ctx.db, rev.id);
  // The opinion as written (a bare decision word when none was written), never "同意发布：同意发布。";
  // names and dates are left to the signature and date cells, signed by hand.
  const approvalText = (level: number) =>
    approvals
      .filter((a) => a.level === level)
      .map((a) => a.opinion?.trim() || (a.decision === 'approve' ? '同意发布。' : '退回修改。'))
      .join('\n');
  const scanText =
    findings.length === 0
      ? '未发现疑似敏感信息'
      : findings
          .map(
            (f) =>
              `${f.labelZh}：${f.masked}（${f.source === 'body' ? '正文' : f.source === 'title' ? '标题' : f.source === 'summary' ? '概述' : f.source.replace('attachment:', '附件 ')}）${f.overridden ? `——已忽略，理由：${f.overrideReason}` : ''}`,
          )
          .join('\n');
  const rows = [
    row('信息标题', rev.title),
    row('发布单位', org?.name ?? rev.publisher),
    row('拟发布栏目', column?.name ?? ''),
    row('文号', rev.doc_number ?? ''),
    row('起草人', rev.drafted_by_name ?? ''),
    row('附件', attachments.map((a) => a.file_name).join('\n')),
    row('机器扫描结果', scanText),
    ...CHECKLIST_KEYS.map((k) =>
      row(
        CHECKLIST_LABELS[k],
        `${checklist[k].involved ? '是' : '否'}${checklist[k].note ? `（${checklist[k].note}）` : ''}`,
      ),
    ),
    row('保密审查意见', review.opinion),
    row('审查结论', review.decision === 'pass' ? '通过，可以公开' : '不通过，退回修改'),
    row('审查人签字', ''),
    row('审查日期', '      年    月    日'),
    row('分管领导意见', approvalText(1)),
    row('分管领导签字', ''),
    row('签字日期', '      年    月    日'),
    row('主要领导意见', approvalText(2)),
    row('主要领导签字', ''),
    row('签字日期', '      年    月    日'),
  ];
  return {
    buffer: await pack('信息发布保密审查表', rows, `第${rev.revision_no}版 · 记录编号 ${review.id}`),
    fileName: `信息发布保密审查表-${rev.title.slice(0, 30)}.docx`,
  };
}

/** 1–99 in Chinese numerals (第二十条第（十一）项). */
export function cnNumber(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n] ?? String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : d[tens]}十${n % 10 === 0 ? '' : d[n % 10]}`;
}

const DOC_KIND_LABELS = { regulation: '规章', normative: '行政规范性文件', other: '其他' } as const;

/** Item metadata sheet (政府信息公开目录 entry). */
export async function metadataDocx(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
): Promise<{ buffer: Buffer; fileName: string }> {
  const item = await repo.findItem(ctx.db, itemId);
  if (!item) throw notFound('item', '信息不存在');
  await assertReadsAgency(ctx, actor, item.org_id);
  const column = await repo.findColumn(ctx.db, item.column_id);
  const revId = item.published_revision_id ?? item.working_revision_id;
  const attachments = revId ? await repo.attachmentsOf(ctx.db, revId) : [];
  const replacedBy = item.replaced_by_item_id
    ? await repo.findItem(ctx.db, item.replaced_by_item_id)
    : undefined;
  const validity = `${VALIDITY_LABELS[item.validity]}${item.validity_date ? `（${zhDate(item.validity_date)}）` : ''}${replacedBy ? `，由《${replacedBy.title}》替代` : ''}`;
  const rows = [
    row('索引号', item.index_number ?? '（发布时生成）'),
    row('信息名称', item.title),
    row('发布机构', item.publisher),
    row('成文日期', zhDate(item.generated_on)),
    row('发布日期', zhDate(item.published_on)),
    row('文号', item.doc_number ?? ''),
    row('文件类别', DOC_KIND_LABELS[item.doc_kind]),
    row('主题分类', item.topic ?? ''),
    row('所属栏目', column?.name ?? ''),
    row('公开方式', item.disclosure_mode),
    row('第二十条事项', item.art20_item ? `第（${cnNumber(item.art20_item)}）项` : ''),
    row('有效性', validity),
    row('内容概述', item.summary ?? ''),
    row('附件', attachments.map((a) => `${a.file_name}（${Math.ceil(a.size_bytes / 1024)}KB）`).join('\n')),
  ];
  return {
    buffer: await pack('政府信息公开目录信息', rows),
    fileName: `目录信息-${item.index_number ?? item.id}.docx`.replace(/\//g, '_'),
  };
}
