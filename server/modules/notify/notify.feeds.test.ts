import { describe, expect, it } from 'vitest';
import { rssFeed } from './notify.rules.js';

describe('rssFeed', () => {
  it('escapes text, drops characters XML forbids, and dates items in RFC 822', () => {
    const xml = rssFeed({
      title: '示例市应急管理局 <双公示> & “决定”',
      link: 'https://gk.example.gov.cn/shuanggongshi',
      selfLink: 'https://gk.example.gov.cn/shuanggongshi/rss.xml?a=1&b=2',
      description: 'x\u0001y',
      now: '2026-03-02T02:00:00.000Z',
      items: [
        {
          title: '行政处罚：某公司（示应急罚〔2026〕1号）',
          link: 'https://gk.example.gov.cn/shuanggongshi/1',
          description: 'a < b',
          pubDate: '2026-03-01T08:00:00.000Z',
        },
      ],
    });
    expect(xml).toContain('<title>示例市应急管理局 &lt;双公示&gt; &amp; “决定”</title>');
    expect(xml).toContain('href="https://gk.example.gov.cn/shuanggongshi/rss.xml?a=1&amp;b=2"');
    expect(xml).toContain('<description>xy</description>');
    expect(xml).toContain('<pubDate>Sun, 01 Mar 2026 08:00:00 GMT</pubDate>');
    expect(xml).toContain('<lastBuildDate>Sun, 01 Mar 2026 08:00:00 GMT</lastBuildDate>');
    expect(xml).toContain('<description>a &lt; b</description>');
  });

  it('uses the build time when there are no items', () => {
    const xml = rssFeed({
      title: 't',
      link: 'l',
      selfLink: 's',
      description: 'd',
      now: '2026-03-02T02:00:00.000Z',
      items: [],
    });
    expect(xml).toContain('<lastBuildDate>Mon, 02 Mar 2026 02:00:00 GMT</lastBuildDate>');
    expect(xml).not.toContain('<item>');
  });
});
