import { describe, expect, it } from 'vitest';
import { indexTokens, normalizeText, queryUnits } from './tokenize.js';
import { parseQuery, toFts5, toTsquery, toTsvectorLiteral } from './query.js';
import { escapeHtml, findMatches, highlightTitle, makeSnippet } from './snippet.js';

describe('tokenize', () => {
  it('indexes words with their two-character parts', () => {
    expect(indexTokens('示例市应急管理局')).toEqual(['示例', '市', '应急', '管理', '管理局']);
    expect(indexTokens('中华人民共和国安全生产法')).toContain('人民');
  });

  it('indexes unknown names as bigrams, and queries them the same way', () => {
    expect(indexTokens('示例市鑫达化工有限公司')).toEqual([
      '示例',
      '市鑫',
      '鑫达',
      '化工',
      '有限',
      '公司',
      '有限公司',
    ]);
    expect(queryUnits('鑫达')).toEqual([['鑫达']]);
    expect(queryUnits('市鑫达')).toEqual([['市鑫', '鑫达']]);
  });

  it('normalizes full-width forms and case, and drops punctuation', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(indexTokens('〔2024〕，。！')).toEqual(['2024']);
    expect(indexTokens('')).toEqual([]);
  });
});

describe('parseQuery', () => {
  it('ANDs words and drops one-character words next to longer ones', () => {
    expect(toFts5(parseQuery('安全生产法').node!)).toBe('"安全" AND "生产"');
    expect(toFts5(parseQuery('法').node!)).toBe('"法"');
  });

  it('expands long dictionary words to their adjacent parts', () => {
    expect(toFts5(parseQuery('消防安全').node!)).toBe('("消防安全" OR "消防 安全")');
    expect(toTsquery(parseQuery('消防安全').node!)).toBe("('消防安全' | ('消防' <-> '安全'))");
  });

  it('keeps quoted phrases (ASCII and Chinese quotes) and 文号 as phrases', () => {
    expect(toFts5(parseQuery('"应急预案" 地震').node!)).toBe('"应急 预案" AND "地震"');
    expect(toFts5(parseQuery('“应急预案”').node!)).toBe('"应急 预案"');
    expect(toTsquery(parseQuery('示例应急〔2025〕1号').node!)).toBe(
      "('示例' <-> '应急' <-> '2025' <-> '1' <-> '号')",
    );
  });

  it('yields nothing for punctuation and cannot be used for injection', () => {
    expect(parseQuery('！？。').node).toBeNull();
    expect(parseQuery('" OR 1=1 --').node).not.toBeNull();
    const fts = toFts5(parseQuery(`a" OR "b' NEAR(x) *`).node!);
    expect(fts).not.toMatch(/NEAR|\*/);
  });

  it('collects highlight strings, longest first', () => {
    expect(parseQuery('应急 "地震应急预案"').highlights[0]).toBe('地震应急预案');
  });
});

describe('tsvector literal', () => {
  it('weights fields and leaves a gap between them', () => {
    const lit = toTsvectorLiteral([
      { tokens: ['安全', '通知'], weight: 'A' },
      { tokens: ['安全'], weight: 'D' },
    ]);
    expect(lit).toBe("'安全':1A,13 '通知':2A");
  });

  it('caps positions per lexeme at 255', () => {
    const lit = toTsvectorLiteral([{ tokens: Array(400).fill('安全'), weight: 'D' }]);
    expect(lit.split(',').length).toBe(255);
  });
});

describe('snippets', () => {
  it('escapes HTML and marks matches', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(highlightTitle('<b>应急</b>预案', ['应急'])).toBe('&lt;b&gt;<mark>应急</mark>&lt;/b&gt;预案');
  });

  it('matches full-width text against normalized terms and maps back to the original', () => {
    expect(findMatches('编号ＡＢ１２号', ['ab12'])).toEqual([{ start: 2, end: 6 }]);
    expect(highlightTitle('编号ＡＢ１２号', ['ab12'])).toBe('编号<mark>ＡＢ１２</mark>号');
  });

  it('cuts a window around the matches with ellipses', () => {
    const text = '前言'.repeat(100) + '重点检查危险化学品企业' + '结尾'.repeat(100);
    const s = makeSnippet(text, ['危险化学品'], 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>危险化学品</mark>');
    expect(makeSnippet('短文本', ['无'])).toBe('短文本');
    expect(makeSnippet('', ['无'])).toBe('');
  });

  it('prefers the longest highlight at a position', () => {
    expect(highlightTitle('应急预案', ['应急', '应急预案'])).toBe('<mark>应急预案</mark>');
  });
});
