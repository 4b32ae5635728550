/**
 * Running one self-check of an agency's portal: crawl (selfcheck.crawl.ts), read the catalog's column
 * facts and the interaction module's open items, judge them against the 检查指标 (selfcheck.rules.ts),
 * and store the dated report with its findings in one transaction, audited.
 */
import type { Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { nowIso, todayInChina } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { agencyOf } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import { catalogSelfcheckFacts } from '../catalog/index.js';
import { interactionSelfcheckFacts } from '../interaction/index.js';
import * as repo from './selfcheck.repository.js';
import { crawlPortal, type CrawlResult, type PageFetcher } from './selfcheck.crawl.js';
import {
  BLANK_COLUMN_VETO,
  CHECK_CLASS_LABELS,
  clip,
  homeStale,
  judgeColumns,
  severityOf,
  sortFindings,
  tally,
  unansweredTooLong,
  type FindingDraft,
} from './selfcheck.rules.js';
import type { Trigger } from './selfcheck.tables.js';

export interface CheckOptions {
  fetcher: PageFetcher;
  trigger: Trigger;
  /** Page cap of the crawl (default 20,000). */
  maxPages?: number;
  concurrency?: number;
}

export const DEFAULT_MAX_PAGES = 20_000;

const RULE_INDICATOR = { typo: 'typo', wording: 'wording', outdated_name: 'outdated_name' } as const;

/** The findings of a crawl and the module facts, before storage (pure but for the inputs given). */
export function findingsOf(input: {
  base: string;
  today: string;
  crawl: CrawlResult;
  columns: Awaited<ReturnType<typeof catalogSelfcheckFacts>>;
  interaction: Awaited<ReturnType<typeof interactionSelfcheckFacts>>;
  maxPages: number;
}): FindingDraft[] {
  const { base, today, crawl, columns, interaction } = input;
  const out: FindingDraft[] = [];
  const home = `${base}/`;
  if (!crawl.home.ok)
    out.push({
      indicator: 'site_down',
      title: '门户首页无法访问',
      url: home,
      foundOn: null,
      excerpt: null,
      detail: crawl.home.status ? `HTTP ${crawl.home.status}` : '无响应',
    });
  for (const d of crawl.dead)
    out.push({
      indicator: 'dead_link',
      title: `不可用链接“${d.anchor || d.url}”`,
      url: d.url,
      foundOn: d.foundOn || null,
      excerpt: d.anchor || null,
      detail: clip(
        `HTTP ${d.status}${d.references > 1 ? `；共${d.references}处引用，另见：${d.alsoOn.join('、')}` : ''}`,
        1000,
      ),
    });
  if (crawl.deadTotal > crawl.dead.length)
    out.push({
      indicator: 'dead_link',
      title: `另有${crawl.deadTotal - crawl.dead.length}个不可用链接未逐条列出`,
      url: null,
      foundOn: null,
      excerpt: null,
      detail: null,
    });
  for (const e of crawl.errors)
    out.push({
      indicator: 'error_page',
      title: `页面出错“${e.anchor || e.url}”`,
      url: e.url,
      foundOn: e.foundOn || null,
      excerpt: e.anchor || null,
      detail: `HTTP ${e.status}`,
    });
  if (homeStale(columns.newestPublishedOn, today))
    out.push({
      indicator: 'home_stale',
      title: '首页栏目2周内无信息更新',
      url: home,
      foundOn: null,
      excerpt: null,
      detail: columns.newestPublishedOn ? `最近一次发布：${columns.newestPublishedOn}` : '从未发布信息',
    });
  const verdicts = judgeColumns(columns.columns, today);
  for (const v of verdicts.filter((x) => x.stale))
    out.push({
      indicator: 'column_stale',
      title: `栏目“${v.column.name}”更新不及时`,
      url: `${base}/columns/${encodeURIComponent(v.column.code)}`,
      foundOn: null,
      excerpt: v.column.name,
      detail: `${CHECK_CLASS_LABELS[v.cls]}；最近更新${v.column.lastPublishedOn}（${v.daysSince}天前），应于${v.dueBy}前更新`,
    });
  const blank = verdicts.filter((x) => x.blank);
  for (const v of blank)
    out.push({
      indicator: 'blank_column',
      title: `空白栏目“${v.column.name}”`,
      url: `${base}/columns/${encodeURIComponent(v.column.code)}`,
      foundOn: null,
      excerpt: v.column.name,
      detail: '栏目内没有已发布的信息',
    });
  if (blank.length > BLANK_COLUMN_VETO)
    out.push({
      indicator: 'blank_columns_veto',
      title: `空白栏目${blank.length}个，超过${BLANK_COLUMN_VETO}个`,
      url: null,
      foundOn: null,
      excerpt: null,
      detail: blank.map((v) => v.column.name).join('、'),
    });
  for (const i of interaction) {
    const tooLong = unansweredTooLong(i.receivedOn, today);
    if (!tooLong && !i.overdue) continue;
    out.push({
      indicator: tooLong ? 'interaction_unanswered' : 'interaction_overdue',
      title: tooLong ? `${i.kindLabel}${i.number}超过3个月未答复` : `${i.kindLabel}${i.number}超过答复期限`,
      url: null,
      foundOn: null,
      excerpt: i.number,
      detail: `收到${i.receivedOn}，答复期限${i.answerDue}`,
    });
  }
  for (const w of crawl.wording)
    out.push({
      indicator: RULE_INDICATOR[w.rule],
      title: `“${w.found}”应为“${w.suggestion}”`,
      url: w.url,
      foundOn: null,
      excerpt: clip(w.excerpt, 200),
      detail: w.pages > 1 ? `同一内容出现在${w.pages}个页面` : null,
    });
  if (crawl.truncated)
    out.push({
      indicator: 'crawl_truncated',
      title: `检查页面数达到上限${input.maxPages}，其余页面本次未检查`,
      url: null,
      foundOn: null,
      excerpt: null,
      detail: null,
    });
  return sortFindings(out);
}

/** Runs the check of one agency and stores the report; returns its id. */
export async function runCheck(ctx: Ctx, actor: Actor, orgId: string, opts: CheckOptions): Promise<string> {
  const agency: Org = await agencyOf(ctx, orgId);
  const base = `/a/${agency.code}`;
  const startedAt = nowIso(ctx.clock);
  const today = todayInChina(ctx.clock);
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const reportId = newId();
  let findings: FindingDraft[] = [];
  let crawl: CrawlResult | null = null;
  let error: string | null = null;
  try {
    crawl = await crawlPortal(opts.fetcher, {
      base,
      maxPages,
      concurrency: opts.concurrency ?? 4,
    });
    const [columns, interaction] = await Promise.all([
      catalogSelfcheckFacts(ctx, agency.id),
      interactionSelfcheckFacts(ctx, agency.id),
    ]);
    findings = findingsOf({ base, today, crawl, columns, interaction, maxPages });
  } catch (err) {
    error = clip(err instanceof Error ? err.message : String(err), 2000);
  }
  const t = tally(findings);
  await inTransaction(ctx, async (trx) => {
    await repo.insertReport(trx, {
      id: reportId,
      org_id: agency.id,
      run_on: today,
      trigger: opts.trigger,
      triggered_by: actor.userId,
      triggered_by_name: clip(actor.name, 100),
      status: error ? 'failed' : 'done',
      started_at: startedAt,
      finished_at: nowIso(ctx.clock),
      base_url: `${base}/`,
      pages_crawled: crawl?.pagesCrawled ?? 0,
      links_checked: crawl?.linksChecked ?? 0,
      truncated: crawl?.truncated ? 1 : 0,
      veto_count: t.veto,
      deduct_count: t.deduct,
      hint_count: t.hint,
      counts_json: JSON.stringify(t.byIndicator),
      error,
    });
    await repo.insertFindings(
      trx,
      findings.map((f, seq) => ({
        id: newId(),
        report_id: reportId,
        org_id: agency.id,
        indicator: f.indicator,
        severity: severityOf(f.indicator),
        seq,
        title: clip(f.title, 500),
        url: f.url === null ? null : clip(f.url, 2000),
        found_on: f.foundOn === null ? null : clip(f.foundOn, 2000),
        excerpt: f.excerpt === null ? null : clip(f.excerpt, 500),
        detail: f.detail === null ? null : clip(f.detail, 1000),
      })),
    );
    await recordAudit(trx, ctx.clock, actor, {
      action: 'selfcheck.run',
      targetType: 'selfcheck_report',
      targetId: reportId,
      orgId: agency.id,
      note: error
        ? `检查失败：${error}`
        : `检查${crawl?.pagesCrawled ?? 0}个页面：单项否决${t.veto}项，扣分${t.deduct}项，提示${t.hint}项`,
    });
  });
  return reportId;
}
