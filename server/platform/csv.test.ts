import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { SPREADSHEET_SAFE_CAST, spreadsheetSafe } from './csv.js';

describe('spreadsheetSafe', () => {
  it('prefixes cells a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+86 531', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(spreadsheetSafe(s)).toBe(`'${s}`);
  });
  it('leaves ordinary text alone', () => {
    for (const s of ['', '示例市应急管理局', '（鲁示）WH安经〔2026〕0003号', 'a=b', '2026-12-07'])
      expect(spreadsheetSafe(s)).toBe(s);
  });
  it('as the csv-stringify cast: text cells escaped, numbers unchanged, quoting kept', () => {
    const csv = stringify(
      [
        ['=HYPERLINK("http://x","点我")', -5, '张三'],
        ['@cmd', 3, 'a,b'],
      ],
      { cast: SPREADSHEET_SAFE_CAST },
    );
    expect(csv).toBe(`"'=HYPERLINK(""http://x"",""点我"")",-5,张三\n'@cmd,3,"a,b"\n`);
  });
});
