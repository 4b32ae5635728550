/**
 * HTML of the report: the body is shared by the portal page (inside the portal layout) and the
 * standalone .html download. Tables are drawn from the layout grids with rowspan/colspan and <th
 * scope> headers (GB/T 37668: a screen reader announces the header of each value).
 */
import { render } from 'preact-render-to-string';
import type { TableLayout } from '../types.js';
import {
  formatValue,
  isSubHeading,
  paragraphs,
  preamble,
  reportTitle,
  valueOf,
  type ReportDocument,
} from './model.js';

function GridTable({ layout, doc, caption }: { layout: TableLayout; doc: ReportDocument; caption: string }) {
  return (
    <div class="ar-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="ar-table">
        <caption class="visually-hidden">{caption}</caption>
        {layout.rows.map((cells, r) => (
          <tr>
            {cells.map((cell) => {
              const span = {
                rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
                colSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
              };
              if (cell.kind === 'value')
                return (
                  <td class="num" {...span}>
                    {formatValue(valueOf(doc.tables, cell.ref), cell.valueType)}
                  </td>
                );
              if (cell.header || r < layout.headerRowCount)
                return (
                  <th scope={cell.colSpan > 1 ? 'colgroup' : 'col'} {...span}>
                    {cell.text}
                  </th>
                );
              return (
                <th scope="row" class="row-label" {...span}>
                  {cell.text}
                </th>
              );
            })}
          </tr>
        ))}
      </table>
    </div>
  );
}

function Prose({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((p) => (isSubHeading(p) ? <h3 class="ar-sub">{p}</h3> : <p class="ar-p">{p}</p>))}
    </>
  );
}

/** The report body: title, preamble, sections 一…六 with tables and the chart. */
export function ReportBody({ doc, chartSvg }: { doc: ReportDocument; chartSvg?: string }) {
  const { format } = doc;
  const h = format.sections.map((s) => s.heading);
  return (
    <article class="annual-report">
      <h1 class="ar-title">{reportTitle(doc)}</h1>
      {doc.version && doc.version > 1 ? (
        <p class="ar-note">
          更正版（第{doc.version}版）{doc.correctionReason ? `，更正原因：${doc.correctionReason}` : ''}
        </p>
      ) : null}
      {doc.consolidatedFrom ? (
        <p class="ar-note">本报告由所属{doc.consolidatedFrom}个部门的年度报告汇总生成。</p>
      ) : null}
      {preamble(doc).map((p) => (
        <p class="ar-p">{p}</p>
      ))}
      <h2>{h[0]}</h2>
      <Prose text={doc.rendered.one} />
      {chartSvg ? (
        <figure class="ar-figure">
          <div role="img" aria-label={chartLabel(doc)} dangerouslySetInnerHTML={{ __html: chartSvg }} />
          <figcaption>图1　{doc.year}年主动公开政府信息情况（按栏目、发布渠道）</figcaption>
        </figure>
      ) : null}
      <h2>{h[1]}</h2>
      {format.table2.layouts.map((layout, i) => (
        <GridTable
          layout={layout}
          doc={doc}
          caption={format.table2.layoutStyle === 'separate' ? format.table2.subTables[i]!.caption : h[1]!}
        />
      ))}
      <h2>{h[2]}</h2>
      <GridTable layout={format.table3.layout} doc={doc} caption={h[2]!} />
      <h2>{h[3]}</h2>
      <GridTable layout={format.table4.layout} doc={doc} caption={h[3]!} />
      <h2>{h[4]}</h2>
      <Prose text={doc.rendered.five} />
      <h2>{h[5]}</h2>
      <Prose text={doc.rendered.six} />
      {doc.publishedOn ? (
        <p class="ar-sign">
          {doc.agency.name}
          <br />
          {doc.publishedOn}
        </p>
      ) : null}
    </article>
  );
}

function chartLabel(doc: ReportDocument): string {
  const cols = doc.chart.byColumn.map((c) => `${c.name}${c.count}条`).join('，');
  const chans = doc.chart.byChannel.map((c) => `${c.name}${c.count}条`).join('，');
  return `按栏目：${cols || '无'}；按发布渠道：${chans || '无'}`;
}

/** Styles of the report body (portal stylesheet section and the standalone download). */
export const REPORT_CSS = `
.annual-report{max-width:960px;margin:0 auto;line-height:1.8}
.annual-report .ar-title{text-align:center;font-size:1.6em;margin:.5em 0 1em}
.annual-report .ar-p{text-indent:2em;margin:.4em 0}
.annual-report .ar-sub{font-size:1em;margin:.6em 0 .2em;text-indent:2em}
.annual-report .ar-note{text-align:center;color:#7a2a00}
.annual-report .ar-sign{text-align:right;margin-top:2em}
.annual-report .ar-table-wrap{overflow-x:auto;margin:.8em 0}
.annual-report .ar-table{border-collapse:collapse;width:100%;font-size:.9em}
.annual-report .ar-table th,.annual-report .ar-table td{border:1px solid #333;padding:4px 6px;text-align:center;vertical-align:middle}
.annual-report .ar-table th{font-weight:600;background:#f2f4f7}
.annual-report .ar-table th.row-label{font-weight:normal;background:#fff;text-align:left}
.annual-report .ar-table td.num{font-variant-numeric:tabular-nums}
.annual-report .ar-figure{margin:1em 0;text-align:center}
.annual-report .ar-figure svg{max-width:100%;height:auto}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** The standalone .html download (no scripts, inline styles). */
export function renderHtmlDocument(doc: ReportDocument, chartSvg?: string): string {
  return (
    '<!DOCTYPE html>' +
    render(
      <html lang="zh-CN">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{reportTitle(doc)}</title>
          <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
        </head>
        <body>
          <ReportBody doc={doc} chartSvg={chartSvg} />
        </body>
      </html>,
    )
  );
}
