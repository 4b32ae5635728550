/** Pure formatting for the catalog's public pages, RSS and sitemap. */

export const VALIDITY_LABELS: Record<string, string> = { valid: '有效', invalid: '失效', repealed: '废止' };

export const ART20_LABELS = [
  '',
  '（一）行政法规、规章和规范性文件',
  '（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '（三）国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '（四）国民经济和社会发展统计信息',
  '（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '（七）财政预算、决算信息',
  '（八）行政事业性收费项目及其依据、标准',
  '（九）政府集中采购项目的目录、标准及实施情况',
  '（十）重大建设项目的批准和实施情况',
  '（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '（十二）突发公共事件的应急预案、预警信息及应对情况',
  '（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '（十四）公务员招考的职位、名额、报考条件等事项以及录用结果',
  '（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
];

/** 'YYYY-MM-DD' → 'YYYY年MM月DD日' (the form gov.cn metadata tables use). */
export function chineseDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : date;
}

/** Human file size in Chinese convention (KB/MB, one decimal). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** File type label from the name's extension (shown next to the download link). */
export function fileTypeLabel(fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toUpperCase();
  return ext ?? '文件';
}

/** A positive integer from a query value, else the fallback. */
export function positiveInt(value: unknown, fallback: number, max = 1_000_000): number {
  const s: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  const n = typeof s === 'string' && /^\d{1,7}$/.test(s) ? Number(s) : NaN;
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/** A trimmed string from a query value (first of repeated), at most `max` characters. */
export function queryText(value: unknown, max = 100): string {
  const s: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof s !== 'string') return '';
  const t = s.trim().slice(0, max);
  // Never cut a character outside the BMP in half (a lone surrogate broke the page's links with a 500).
  return /[\uD800-\uDBFF]$/.test(t) ? t.slice(0, -1) : t;
}

/** A URL query string from non-empty values (for pagination links keeping the filters). */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes XML text and drops characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** RFC 822 date for RSS 2.0 (`Mon, 02 Mar 2026 02:00:00 GMT`). */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export interface RssItem {
  title: string;
  link: string;
  description: string;
  pubDate: string;
}

/** An RSS 2.0 document. */
export function rssXml(channel: {
  title: string;
  link: string;
  description: string;
  selfLink: string;
  lastBuildDate: string;
  items: RssItem[];
}): string {
  const items = channel.items
    .map(
      (i) =>
        `<item><title>${xmlEscape(i.title)}</title><link>${xmlEscape(i.link)}</link>` +
        `<guid isPermaLink="true">${xmlEscape(i.link)}</guid><pubDate>${rfc822(i.pubDate)}</pubDate>` +
        `<description>${xmlEscape(i.description)}</description></item>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>\n` +
    `<title>${xmlEscape(channel.title)}</title><link>${xmlEscape(channel.link)}</link>` +
    `<description>${xmlEscape(channel.description)}</description><language>zh-cn</language>` +
    `<lastBuildDate>${rfc822(channel.lastBuildDate)}</lastBuildDate>` +
    `<atom:link href="${xmlEscape(channel.selfLink)}" rel="self" type="application/rss+xml"/>\n` +
    `${items}\n</channel></rss>\n`
  );
}

/** A sitemaps.org urlset. */
export function sitemapXml(urls: { loc: string; lastmod?: string | null }[]): string {
  const body = urls
    .map(
      (u) =>
        `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${xmlEscape(u.lastmod.slice(0, 10))}</lastmod>` : ''}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}
