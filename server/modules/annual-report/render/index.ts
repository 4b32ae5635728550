/** One entry point for every output format of a report. */
import { createHash } from 'node:crypto';
import { renderChartSvg } from './chart.js';
import { renderHtmlDocument } from './html.js';
import { reportTitle, type ReportDocument } from './model.js';
import { renderXlsx } from './xlsx.js';

// The Word renderer loads docx: loaded on the first .docx rendered, not at start-up (issue 12).
const renderDocx = async (doc: ReportDocument) => (await import('./docx.js')).renderDocx(doc);

export type OutputKind = 'docx' | 'xlsx' | 'html' | 'svg';
export const OUTPUT_KINDS: readonly OutputKind[] = ['docx', 'xlsx', 'html', 'svg'];

export const CONTENT_TYPES: Record<OutputKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
};

export interface RenderedFile {
  kind: OutputKind;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

export async function renderOutput(doc: ReportDocument, kind: OutputKind): Promise<RenderedFile> {
  let bytes: Buffer;
  if (kind === 'docx') bytes = await renderDocx(doc);
  else if (kind === 'xlsx') bytes = await renderXlsx(doc);
  else if (kind === 'html') bytes = Buffer.from(renderHtmlDocument(doc, renderChartSvg(doc)), 'utf8');
  else bytes = Buffer.from(renderChartSvg(doc), 'utf8');
  const suffix = kind === 'svg' ? '-图1.svg' : `.${kind}`;
  return {
    kind,
    fileName: `${reportTitle(doc)}${doc.version && doc.version > 1 ? `（更正版${doc.version}）` : ''}${suffix}`,
    contentType: CONTENT_TYPES[kind],
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export { renderChartSvg, renderDocx, renderHtmlDocument, renderXlsx };
export type { ReportDocument };
