import type { Ctx } from '../../platform/context.js';
import type { Table3ColKey, Table3RowKey, Table4ColKey } from './types.js';

/**
 * What the annual report reads from the other modules, per agency and report year (1 Jan – 31 Dec,
 * Asia/Shanghai). Each module implements its part next to its own tables (catalog/catalog.report.ts,
 * requests/requests.report.ts, enforcement/enforcement.report.ts); the generator only sees these
 * interfaces, so it is tested with fakes and never queries another module's tables itself.
 *
 * Every count comes with the ids of the records behind it (`records`) so the console can drill down
 * from a cell to the cases, items or decisions it counts.
 */
export interface Counted {
  count: number;
  /** ids of the records counted (for drill-down); may be capped by the source at 1000 */
  records: string[];
}

/** Catalog facts: 规章 / 行政规范性文件 (table 二 第二十条第（一）项) and publishing volume (section 一). */
export interface CatalogReportFacts {
  documents: Record<
    'regulation' | 'normativeDoc',
    {
      /** made (成文) in the year — 2021 本年制发件数 / 2019 本年新制作数量 */
      issued: Counted;
      /** published in the year — 2019 本年新公开数量 */
      published: Counted;
      /** declared 废止/失效 in the year — 2021 本年废止件数 */
      repealed: Counted;
      /** in force on 31 Dec — 2021 现行有效件数 / 2019 对外公开总数量 */
      inForce: Counted;
    }
  >;
  /** items published in the year (all columns) */
  publishedTotal: number;
  /** per column (top-level columns with their descendants rolled up), in column order */
  publishedByColumn: { columnId: string; name: string; count: number }[];
  /** per release channel: portal, wechat, weibo, sms (delivered releases in the year) */
  publishedByChannel: Record<string, number>;
}

/** Enforcement facts (table 二 第二十条第（五）（六）项 and 2019's 事项 counts). */
export interface EnforcementReportFacts {
  kinds: Record<
    'license' | 'penalty' | 'coercion',
    {
      /** decisions made in the year — 本年处理决定数量 */
      decisions: Counted;
      /** 权责清单 事项 of the previous year — 2019 上一年项目数量 */
      previousItems: number;
      /** this year's items minus last year's — 2019 本年增/减 */
      itemChange: number;
      /** items this year (2019 本年新制定 … where the format needs it) */
      items: number;
    }
  >;
}

/** Request facts: table 三 (2021 rows; the 2019 （六） row is r6_1+r6_2+r6_3), table 四, fees. */
export interface RequestReportFacts {
  /** every Table3RowKey of the 2021 format except 'r6', each with the 7 columns (total included) */
  table3: Record<Exclude<Table3RowKey, 'r6'>, Record<Table3ColKey, Counted>>;
  table4: Record<Table4ColKey, Counted>;
  /** 信息处理费 actually collected in the year, in fen (section 六 states it even when zero) */
  feesCollectedFen: number;
  /** applications received in the year (new), answered in the year (closed) */
  received: number;
  answered: number;
}

export interface ReportSources {
  catalog(ctx: Ctx, orgId: string, year: number): Promise<CatalogReportFacts>;
  requests(ctx: Ctx, orgId: string, year: number): Promise<RequestReportFacts>;
  enforcement(ctx: Ctx, orgId: string, year: number): Promise<EnforcementReportFacts>;
}
