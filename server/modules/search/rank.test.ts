import { describe, expect, it } from 'vitest';
import { rankByRelevance, relevanceScores } from './rank.js';
import type { SearchDocumentRow } from './search.index.js';

function row(n: number, title: string, body: string, extra = ''): SearchDocumentRow {
  return {
    sort_key: 1000 - n,
    doc_key: `item:${n}`,
    kind: 'item',
    source_id: String(n),
    org_id: 'o',
    title,
    body,
    extra,
    url: `/items/${n}`,
    label: null,
    column_id: null,
    year: 2025,
    publisher: null,
    validity: null,
    published_at: '2025-01-01T00:00:00.000Z',
    visible_until: null,
    indexed_at: '2025-01-01T00:00:00.000Z',
  };
}

describe('relevance ranking', () => {
  it('puts title matches first, then more frequent and denser body matches; ties stay newest first', () => {
    const rows = [
      row(1, '工作动态', '今天开展了安全检查。'),
      row(2, '安全生产月活动方案', '活动安排如下。'),
      row(3, '会议纪要', '安全第一，安全发展，安全责任。'),
      row(4, '会议纪要', '今天开展了安全检查。'),
      row(5, '通知', '无关内容'.repeat(50) + '安全'),
    ];
    expect(rankByRelevance(rows, ['安全']).map((r) => r.source_id)).toEqual(['2', '3', '1', '4', '5']);
  });

  it('matches in the normal form (full-width, upper case) and sums several words', () => {
    const [a, b] = relevanceScores(
      [row(1, 'ＡＢＣ公司', '应急预案'), row(2, '公司', '应急')],
      ['abc', '应急', '预案'],
    );
    expect(a!).toBeGreaterThan(b!);
    expect(relevanceScores([row(1, '标题', '正文')], ['安全'])).toEqual([0]);
  });
});
