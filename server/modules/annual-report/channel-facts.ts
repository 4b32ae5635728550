/**
 * Release channels in the report are counted as delivered (or platform-confirmed) only. A release or
 * message that was only written to the outbox — no gateway or platform account configured, nothing
 * was sent — is "recorded only" (未发送（仅记录）) and never counts; when there are any, the report
 * raises warning F1 so the office does not state a channel it never actually used (issue 13, the
 * notifications issue). Pure: the facts come from catalog (channelReleases) and notify.
 */
import type { CatalogReportFacts, ChannelCount, NotifyReportFacts } from './sources.js';
import type { Finding } from './types.js';

/** Release channels by source key (catalog publishedByChannel). */
export const CHANNEL_LABELS: Record<string, string> = {
  portal: '门户网站',
  wechat: '政务微信公众号',
  weibo: '政务微博',
  sms: '短信',
};

/** Delivered releases per channel: `channelReleases.delivered` when catalog gives it, else `publishedByChannel`. */
export function deliveredByChannel(
  catalog: Pick<CatalogReportFacts, 'publishedByChannel' | 'channelReleases'>,
): Record<string, number> {
  if (!catalog.channelReleases) return { ...catalog.publishedByChannel };
  const out: Record<string, number> = {};
  for (const [k, c] of Object.entries(catalog.channelReleases)) out[k] = c.delivered;
  return out;
}

const NOTIFY_LABELS: Record<string, string> = {
  sms: '短信',
  email: '电子邮件',
  wechat: '政务微信公众号',
  weibo: '政务微博',
};

function channelLabel(key: string): string {
  return CHANNEL_LABELS[key] ?? NOTIFY_LABELS[key] ?? key;
}

/** F1 (warning): per channel with recorded-only releases or messages in the year. */
export function recordedOnlyFindings(facts: {
  catalog: Pick<CatalogReportFacts, 'channelReleases'>;
  notify?: NotifyReportFacts;
}): Finding[] {
  const merged = new Map<string, ChannelCount & { source: string[] }>();
  const add = (key: string, c: ChannelCount, source: string): void => {
    const m = merged.get(key) ?? { delivered: 0, recordedOnly: 0, source: [] };
    // catalog releases to WeChat/Weibo/SMS are included in notify's counts: take the larger, not the sum
    m.delivered = Math.max(m.delivered, c.delivered);
    m.recordedOnly = Math.max(m.recordedOnly, c.recordedOnly);
    m.source.push(source);
    merged.set(key, m);
  };
  for (const [k, c] of Object.entries(facts.catalog.channelReleases ?? {})) add(k, c, 'catalog');
  for (const [k, c] of Object.entries(facts.notify?.channels ?? {})) add(k, c, 'notify');
  const out: Finding[] = [];
  for (const [key, c] of [...merged.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!(c.recordedOnly > 0)) continue;
    const label = channelLabel(key);
    out.push({
      ruleId: 'F1',
      severity: 'warning',
      cells: [{ table: 'narrative', row: 'channel', col: key }],
      expected: c.delivered,
      actual: c.delivered + c.recordedOnly,
      messageZh: `“${label}”渠道本年有${c.recordedOnly}条仅记录、未实际发送（未配置发送接口），报告只计已送达或平台确认的${c.delivered}条；如该渠道实际未开通，正文不应写明通过该渠道发布`,
    });
  }
  return out;
}
