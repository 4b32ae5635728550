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
  /**
   * Per release channel, delivered (or platform-confirmed) releases apart from those only recorded
   * in the outbox. Only `delivered` counts as a release; when any `recordedOnly` > 0 the report raises
   * a warning (F1). Optional until catalog provides it; without it `publishedByChannel` is taken as
   * delivered.
   */
  channelReleases?: Record<string, ChannelCount>;
}

/** Releases or messages on one channel in the year. */
export interface ChannelCount {
  /** delivered, or confirmed by the platform — the only ones a report may count */
  delivered: number;
  /** written to the outbox but never confirmed as sent */
  recordedOnly: number;
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

/**
 * Interaction facts (政民互动: 咨询、投诉、意见征集) — implemented by interaction/interaction.report.ts.
 * Used in section 一 (政民互动) and 六; every field the module does not track is left out.
 */
export interface InteractionReportFacts {
  /** consultations (咨询/留言) received and answered in the year */
  consultations: { received: number; answered: number };
  /** complaints (投诉/举报 via the site) received and closed in the year */
  complaints: { received: number; closed: number };
  /** public consultations (意见征集) opened in the year and comments received on them */
  publicConsultations: { opened: number; comments: number; feedbackPublished?: number };
}

/**
 * Event facts (政策解读与回应关切, 建议提案办理) — implemented by events/events.report.ts.
 */
export interface EventsReportFacts {
  /** 新闻发布会 held in the year */
  pressConferences: number;
  /** 听证会 held in the year */
  hearings: number;
  /** 座谈会 / 论坛 / 政府开放日 held in the year */
  forums: number;
  /** 人大代表建议 and 政协委员提案 handled in the year */
  proposals: {
    建议: ProposalCounts;
    提案: ProposalCounts;
  };
}

export interface ProposalCounts {
  /** handled in the year */
  handled: number;
  /** by reply classification: A 已解决或采纳, B 正在解决或列入计划, C 因条件限制留作参考 */
  byClass: { A: number; B: number; C: number };
  /** replies published (答复全文公开) in the year */
  repliesPublished: number;
}

/** Enterprise supervision facts (安全生产执法) — implemented by enterprises/enterprises.report.ts. */
export interface EnterprisesReportFacts {
  /** inspections (执法检查) carried out in the year */
  inspections: number;
  /** hazards (隐患) found in the year, and those rectified (整改) by 31 Dec */
  hazards: { found: number; rectified: number };
  /** 失信 listings (联合惩戒对象 / 严重失信主体) added in the year */
  creditListings: number;
}

/** Notification facts — implemented by notify/notify.report.ts: per channel, in the year. */
export interface NotifyReportFacts {
  /** key: channel id (sms, wechat, weibo, email, …) */
  channels: Record<string, ChannelCount & { failed?: number }>;
}

/**
 * Where the report's facts come from. The three core sources are required; the others are optional:
 * a module that exists provides its `<module>.report.ts` function and the generator fills the
 * narrative placeholders and section 六 from it, keeping the 【请填写…】 prompt only for what no data
 * covers. Wiring: `annualReportModule.wire` provides the live `ReportSources` on the container as
 * `annualReport.sources` (report-sources.ts); callers read them with `reportSources(ctx)`.
 */
export interface ReportSources {
  catalog(ctx: Ctx, orgId: string, year: number): Promise<CatalogReportFacts>;
  requests(ctx: Ctx, orgId: string, year: number): Promise<RequestReportFacts>;
  enforcement(ctx: Ctx, orgId: string, year: number): Promise<EnforcementReportFacts>;
  interaction?(ctx: Ctx, orgId: string, year: number): Promise<InteractionReportFacts>;
  events?(ctx: Ctx, orgId: string, year: number): Promise<EventsReportFacts>;
  enterprises?(ctx: Ctx, orgId: string, year: number): Promise<EnterprisesReportFacts>;
  notify?(ctx: Ctx, orgId: string, year: number): Promise<NotifyReportFacts>;
}

/** The optional source names, for registering a module's facts function. */
export type OptionalReportSource = 'interaction' | 'events' | 'enterprises' | 'notify';
