/**
 * Exports of a card and of a period's ranking: Word (.docx, A4 portrait/landscape, Chinese headers,
 * 宋体 tables) and Excel (.xlsx, A4 print setup, frozen header row). Built from the same views the
 * console shows, so the exported points and records are exactly those on screen.
 */
import { chinaDateOf } from '../../platform/clock.js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { Static } from 'typebox';
import type { CardViewT, Ranking } from '../../../contract/scorecards.js';
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { cardView, getRanking } from './scorecards.cards.js';

type RankingT = Static<typeof Ranking>;
export interface ExportFile {
  fileName: string;
  content: Buffer;
}

const MM = 56.6929;
const A4 = { width: 11906, height: 16838 };
const MARGIN = {
  top: Math.round(25 * MM),
  bottom: Math.round(25 * MM),
  left: Math.round(20 * MM),
  right: Math.round(20 * MM),
};
const FONT = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const TITLE_FONT = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100);

function run(text: string, opts: { bold?: boolean; size?: number; title?: boolean } = {}) {
  return new TextRun({
    text,
    font: opts.title ? TITLE_FONT : FONT,
    size: opts.size ?? 21,
    bold: opts.bold ?? false,
  });
}

function para(
  text: string,
  opts: { bold?: boolean; size?: number; title?: boolean; center?: boolean; after?: number } = {},
) {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: opts.after ?? 80 },
    children: [run(text, opts)],
  });
}

function cell(text: string, width: number, opts: { header?: boolean; center?: boolean } = {}) {
  return new TableCell({
    borders,
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(opts.header ? { shading: { fill: 'E7ECF3' } } : {}),
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: opts.header || opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, { bold: opts.header ?? false, size: 18 })],
        }),
    ),
  });
}

function table(headers: string[], widths: number[], rows: string[][], centered: number[] = []) {
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, widths[i]!, { header: true })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((t, i) => cell(t, widths[i]!, { center: centered.includes(i) })),
          }),
      ),
    ],
  });
}

function scale(widths: number[], total: number): number[] {
  const sum = widths.reduce((s, w) => s + w, 0);
  return widths.map((w) => Math.floor((w * total) / sum));
}

const RECORDS_IN_DOC = 20;

function recordsText(item: CardViewT['items'][number]): string {
  if (item.records.length === 0)
    return item.sourceNote ?? (item.recordsTotal > 0 ? `${item.recordsTotal}项` : '无');
  const lines = item.records
    .slice(0, RECORDS_IN_DOC)
    .map((r) => `${r.label}${r.note ? `（${r.note}）` : ''}`);
  const more = item.recordsTotal - lines.length;
  if (more > 0) lines.push(`……另有${more}项，见系统内明细`);
  if (item.sourceNote) lines.push(item.sourceNote);
  return lines.join('\n');
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

const shareText = (share: number | null) => (share === null ? '—' : `${share.toFixed(1)}%`);

/** What the total leaves out: 不适用 items (final) and items without data or a score yet (provisional). */
function totalNote(v: CardViewT): string {
  return [
    `得分${fmt(v.total)}分÷可得分${fmt(v.scoredMax)}分＝得分率${shareText(v.share)}`,
    v.notApplicable > 0 ? `不适用指标${fmt(v.notApplicable)}分不计入可得分` : '',
    v.provisional ? '部分指标未接入数据或待评分，暂不计入' : '',
  ]
    .filter(Boolean)
    .join('；');
}

/** The card as a Word document (A4 landscape: the records column needs the width). */
export async function cardDocx(ctx: Ctx, actor: Actor, cardId: string): Promise<ExportFile> {
  const v = await cardView(ctx, actor, cardId);
  const pageWidth = A4.height - MARGIN.left - MARGIN.right;
  const widths = scale([4, 12, 5, 5, 22, 30], pageWidth);
  const rows = v.items.map((it, i) => [
    String(i + 1),
    `${it.name}\n（${it.ruleText}）`,
    fmt(it.weight),
    it.score === null ? it.statusLabel : fmt(it.score),
    it.explanation,
    `${it.recordsLabel ? `${it.recordsLabel}：\n` : ''}${recordsText(it)}`,
  ]);
  rows.push(['', '合计', fmt(v.max), fmt(v.total), totalNote(v), '']);
  const contests = v.contests.map((c) => [
    c.indicatorName,
    c.reason,
    c.stateLabel,
    c.reply ?? '—',
    c.adjusted === null ? '—' : fmt(c.adjusted),
  ]);
  const doc = new Document({
    creator: 'Gongkai',
    title: `${v.agencyName}${v.set.periodLabel}考核结果`,
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: MARGIN,
          },
        },
        children: [
          para(v.set.title, { title: true, size: 32, center: true, after: 120 }),
          para(`被考核机关：${v.agencyName}`, { size: 24, center: true, after: 200 }),
          para(
            `考核期间：${v.set.periodLabel}（${v.set.from}至${v.set.to}），数据截至${v.asOf}，计算时间${chinaDateOf(v.computedAt)}。` +
              `得分${fmt(v.total)}分，可得分${fmt(v.scoredMax)}分，得分率${shareText(v.share)}（指标满分${fmt(v.max)}分）` +
              `${v.grade ? `，等次${v.grade}` : ''}${v.rank ? `，排名第${v.rank}/${v.rankOf}` : ''}。` +
              (v.outdated ? '（考核指标已修改，本结果尚未重新计算。）' : ''),
          ),
          table(['序号', '指标及评分规则', '分值', '得分', '得分说明', '依据记录'], widths, rows, [0, 2, 3]),
          ...(contests.length
            ? [
                para('申诉及答复', { bold: true, size: 24, after: 80 }),
                table(
                  ['指标', '申诉理由', '处理结果', '答复意见', '调整后得分'],
                  scale([12, 24, 10, 24, 8], pageWidth),
                  contests,
                  [2, 4],
                ),
              ]
            : []),
        ],
      },
    ],
  });
  return {
    fileName: `${safeName(v.agencyName)}${v.set.period}考核结果.docx`,
    content: await Packer.toBuffer(doc),
  };
}

function rankingRows(r: RankingT): string[][] {
  return r.rows.map((row) => [
    row.rank === null ? '—' : String(row.rank),
    row.agencyName,
    fmt(row.total),
    fmt(row.scoredMax),
    shareText(row.share),
    row.grade ?? '—',
    [
      row.provisional ? '部分指标未计分' : '',
      row.outdated ? '需重新计算' : '',
      row.openContests ? `待答复申诉${row.openContests}件` : '',
      row.cardId ? '' : '尚未计算',
      row.cardId && row.scoredMax === 0 ? '无可得分指标，不排名' : '',
    ]
      .filter(Boolean)
      .join('；'),
  ]);
}

/** The ranking of a period as a Word document (A4 portrait). */
export async function rankingDocx(ctx: Ctx, actor: Actor, setId: string): Promise<ExportFile> {
  const r = await getRanking(ctx, actor, setId);
  const pageWidth = A4.width - MARGIN.left - MARGIN.right;
  const doc = new Document({
    creator: 'Gongkai',
    title: `${r.set.title}排名`,
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: MARGIN } },
        children: [
          para(`${r.set.title}得分排名`, { title: true, size: 32, center: true, after: 200 }),
          para(
            `考核期间：${r.set.periodLabel}（${r.set.from}至${r.set.to}）。按得分率（得分÷可得分）排名；` +
              '本期无应计事项的指标为“不适用”，不计入可得分。',
          ),
          ...(r.unavailable.length
            ? [para(`未接入数据的指标（不计分）：${r.unavailable.join('、')}。`)]
            : []),
          table(
            ['名次', '机关', '得分', '可得分', '得分率', '等次', '说明'],
            scale([6, 24, 8, 8, 9, 7, 22], pageWidth),
            rankingRows(r),
            [0, 2, 3, 4, 5],
          ),
        ],
      },
    ],
  });
  return { fileName: `${r.set.period}考核排名.docx`, content: await Packer.toBuffer(doc) };
}

function sheetSetup(ws: ExcelJS.Worksheet, landscape: boolean) {
  ws.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const header = ws.getRow(1);
  header.font = { bold: true, name: '宋体' };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
  });
  ws.pageSetup.printTitlesRow = '1:1';
}

const num = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** The ranking as an Excel workbook. */
export async function rankingXlsx(ctx: Ctx, actor: Actor, setId: string): Promise<ExportFile> {
  const r = await getRanking(ctx, actor, setId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('排名');
  ws.columns = [
    { header: '名次', key: 'rank', width: 8 },
    { header: '机关', key: 'agency', width: 30 },
    { header: '得分', key: 'total', width: 10 },
    { header: '可得分', key: 'scoredMax', width: 10 },
    { header: '得分率（%）', key: 'share', width: 12 },
    { header: '指标满分', key: 'max', width: 10 },
    { header: '等次', key: 'grade', width: 10 },
    { header: '待答复申诉', key: 'contests', width: 12 },
    { header: '计算时间', key: 'computedAt', width: 22 },
    { header: '说明', key: 'note', width: 30 },
  ];
  const notes = rankingRows(r);
  r.rows.forEach((row, i) =>
    ws.addRow({
      rank: row.rank,
      agency: row.agencyName,
      total: num(row.total),
      max: num(row.max),
      scoredMax: num(row.scoredMax),
      share: row.share,
      grade: row.grade ?? '',
      contests: row.openContests,
      // China time, as a person reads it (stored as UTC).
      computedAt: row.computedAt
        ? `${chinaDateOf(row.computedAt)} ${new Date(Date.parse(row.computedAt) + 8 * 3600_000).toISOString().slice(11, 16)}`
        : '',
      note: notes[i]![6],
    }),
  );
  sheetSetup(ws, false);
  return { fileName: `${r.set.period}考核排名.xlsx`, content: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** The card as an Excel workbook: one sheet of items, one of the records behind them. */
export async function cardXlsx(ctx: Ctx, actor: Actor, cardId: string): Promise<ExportFile> {
  const v = await cardView(ctx, actor, cardId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('考核结果');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '指标', key: 'name', width: 28 },
    { header: '评分规则', key: 'rule', width: 34 },
    { header: '分值', key: 'weight', width: 8 },
    { header: '得分', key: 'score', width: 8 },
    { header: '状态', key: 'status', width: 14 },
    { header: '得分说明', key: 'explanation', width: 50 },
  ];
  v.items.forEach((it, i) =>
    ws.addRow({
      n: i + 1,
      name: it.name,
      rule: it.ruleText,
      weight: it.weight,
      score: it.score,
      status: it.statusLabel,
      explanation: it.explanation,
    }),
  );
  ws.addRow({ name: '合计', weight: v.max, score: v.total, explanation: totalNote(v) });
  ws.addRow({
    name: '可得分',
    score: v.scoredMax,
    explanation: '已评分指标的分值合计（不含不适用、未接入数据、待评分）',
  });
  ws.addRow({ name: '得分率（%）', score: v.share, explanation: '得分÷可得分，排名依据' });
  sheetSetup(ws, true);
  const rs = wb.addWorksheet('依据记录');
  rs.columns = [
    { header: '指标', key: 'name', width: 28 },
    { header: '记录', key: 'label', width: 50 },
    { header: '说明', key: 'note', width: 50 },
    { header: '编号', key: 'id', width: 38 },
  ];
  for (const it of v.items) {
    for (const r of it.records) rs.addRow({ name: it.name, label: r.label, note: r.note ?? '', id: r.id });
    if (it.sourceNote) rs.addRow({ name: it.name, label: '（数据说明）', note: it.sourceNote });
  }
  sheetSetup(rs, true);
  return {
    fileName: `${safeName(v.agencyName)}${v.set.period}考核结果.xlsx`,
    content: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
