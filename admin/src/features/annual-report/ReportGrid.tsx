import type { ReportTables, TableLayout, ValueRef } from './api';
import { cellKey, valueOf } from './api';

/**
 * One report table drawn from its layout grid (merged cells as in the official format). Value cells
 * with records behind them are buttons: clicking one opens the drill-down; cells named by a finding
 * are marked.
 */
export function ReportGrid({
  layout,
  tables,
  caption,
  drillable,
  flagged,
  onCell,
}: {
  layout: TableLayout;
  tables: ReportTables;
  caption: string;
  drillable?: ReadonlySet<string>;
  flagged?: ReadonlySet<string>;
  onCell?: (ref: ValueRef) => void;
}) {
  return (
    <div className="ar-grid-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="ar-grid">
        <caption className="ar-visually-hidden">{caption}</caption>
        <tbody>
          {layout.rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, i) => {
                const span = {
                  rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
                  colSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
                };
                if (cell.kind === 'label') {
                  const Tag = cell.header || r < layout.headerRowCount ? 'th' : 'td';
                  return (
                    <Tag key={i} {...span} className={cell.header ? 'ar-head' : 'ar-label'}>
                      {cell.text}
                    </Tag>
                  );
                }
                const key = cellKey(cell.ref);
                const value = valueOf(tables, cell.ref);
                const text = value === null ? '' : String(value);
                const isFlagged = flagged?.has(key);
                return (
                  <td key={i} {...span} className={`ar-num${isFlagged ? ' ar-flagged' : ''}`} data-cell={key}>
                    {onCell && drillable?.has(key) ? (
                      <button
                        type="button"
                        className="ar-cell-button"
                        onClick={() => onCell(cell.ref)}
                        aria-label={`${text}，查看明细`}
                      >
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Styles of the grid (injected once by the pages that use it). */
export const GRID_CSS = `
.ar-grid-wrap{overflow-x:auto;margin:8px 0 16px}
.ar-grid{border-collapse:collapse;width:100%;font-size:13px;background:#fff}
.ar-grid th,.ar-grid td{border:1px solid #8c8c8c;padding:3px 6px;text-align:center;vertical-align:middle}
.ar-grid .ar-head{background:#f5f7fa;font-weight:600}
.ar-grid .ar-label{text-align:left}
.ar-grid .ar-num{font-variant-numeric:tabular-nums;min-width:40px}
.ar-grid .ar-flagged{background:#fff1f0;outline:2px solid #ff4d4f;outline-offset:-2px}
.ar-cell-button{border:0;background:none;color:#1677ff;cursor:pointer;text-decoration:underline;font:inherit;padding:0}
.ar-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;
