import { describe, it, expect } from 'vitest';
import { htmlToPlainText, isAllowedImageSrc, sanitizeItemBody } from './rich-text.js';

describe('sanitizeItemBody: allowed structure', () => {
  it('keeps article tags and drops styles and classes', () => {
    const html =
      '<h2 class="t">一、总体情况</h2><p style="text-indent:2em">本机关<strong>主动公开</strong><em>信息</em><u>共</u>10条。</p>' +
      '<ul><li>甲</li></ul><ol><li>乙</li></ol><blockquote>引文</blockquote><p>m<sup>2</sup>与H<sub>2</sub>O<br />换行</p>';
    expect(sanitizeItemBody(html)).toBe(
      '<h2>一、总体情况</h2><p>本机关<strong>主动公开</strong><em>信息</em><u>共</u>10条。</p>' +
        '<ul><li>甲</li></ul><ol><li>乙</li></ol><blockquote>引文</blockquote><p>m<sup>2</sup>与H<sub>2</sub>O<br />换行</p>',
    );
  });

  it('maps b/i/h1/h5 to the allowed equivalents and unwraps span/div/font', () => {
    expect(
      sanitizeItemBody('<h1>T</h1><b>B</b><i>I</i><h5>5</h5><span style="color:red">S</span><font>F</font>'),
    ).toBe('<h2>T</h2><strong>B</strong><em>I</em><h4>5</h4>SF');
  });

  it('keeps tables with sane colspan/rowspan only', () => {
    expect(
      sanitizeItemBody(
        '<table border="1" style="x"><thead><tr><th colspan="2" scope="col">项目</th></tr></thead>' +
          '<tbody><tr><td rowspan="3" width="50">a</td><td colspan="0">b</td><td colspan="9999">c</td><td rowspan="2 onclick=x">d</td></tr></tbody></table>',
      ),
    ).toBe(
      '<table><thead><tr><th colspan="2" scope="col">项目</th></tr></thead>' +
        '<tbody><tr><td rowspan="3">a</td><td>b</td><td>c</td><td>d</td></tr></tbody></table>',
    );
  });

  it('keeps http(s), mailto, relative and fragment links', () => {
    expect(
      sanitizeItemBody(
        '<a href="https://www.gov.cn/" target="_blank">g</a><a href="mailto:gk@example.gov.cn">m</a>' +
          '<a href="/gk/2023/1.html" title="t">r</a><a href="#s">h</a>',
      ),
    ).toBe(
      '<a href="https://www.gov.cn/">g</a><a href="mailto:gk@example.gov.cn">m</a><a href="/gk/2023/1.html" title="t">r</a><a href="#s">h</a>',
    );
  });

  it('keeps images under /files/ or relative, with alt', () => {
    expect(sanitizeItemBody('<img src="/files/2023/a.png" alt="流程图" width="600" style="x" />')).toBe(
      '<img src="/files/2023/a.png" alt="流程图" />',
    );
    expect(sanitizeItemBody('<img src="images/a.png">')).toBe('<img src="images/a.png" />');
  });
});

describe('sanitizeItemBody: XSS payloads', () => {
  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<img src=x onerror=alert(1)>', '<img src="x" />'],
    ['<p onclick="alert(1)" onmouseover="alert(2)">t</p>', '<p>t</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java&#x0A;script:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['<a href="//evil.example/">x</a>', '<a>x</a>'],
    ['<a href="/\\evil.example/">x</a>', '<a>x</a>'],
    ['<iframe src="https://evil.example/">inner</iframe>', ''],
    ['<svg onload=alert(1)><text>t</text></svg>', ''],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['<object data="x.swf">o</object><embed src="x.swf">', ''],
    ['<style>@import url(//evil.example/x.css)</style>', ''],
    ['<base href="http://evil.example/"><meta http-equiv="refresh" content="0;url=http://evil.example">', ''],
    ['<form action="https://evil.example/"><input name="a"><button>b</button></form>', 'b'],
    ['<p style="background:url(javascript:alert(1))">t</p>', '<p>t</p>'],
  ])('%s', (payload, expected) => {
    expect(sanitizeItemBody(payload)).toBe(expected);
  });

  it('escapes attribute-breaking quotes', () => {
    const out = sanitizeItemBody('<a href=\'x" onmouseover="alert(1)\'>q</a>');
    expect(out).toBe('<a href="x&quot; onmouseover=&quot;alert(1)">q</a>');
  });

  it('never lets a script tag through nested-tag tricks', () => {
    const out = sanitizeItemBody(
      '<<script>script>alert(1)<</script>/script><scr<script>ipt>alert(2)</script>',
    );
    // Leftover fragments survive only as escaped text: no raw '<' at all.
    expect(out).not.toContain('<');
    expect(out).toBe('&lt;/script&gt;ipt&gt;alert(2)');
  });

  it('drops images from other hosts, data URIs and paths outside /files/', () => {
    for (const src of [
      'https://evil.example/t.png',
      '//evil.example/t.png',
      'data:image/svg+xml;base64,PHN2Zz4=',
      '/admin/logout',
      '/files/../admin/x.png',
      '/files/%2e%2e/x.png',
      'javascript:alert(1)',
      '\\\\evil\\x.png',
    ]) {
      expect(sanitizeItemBody(`<p><img src="${src}" alt="a"></p>`)).toBe('<p></p>');
    }
  });
});

describe('isAllowedImageSrc', () => {
  it('accepts /files/ and relative paths only', () => {
    expect(isAllowedImageSrc('/files/a/b.jpg')).toBe(true);
    expect(isAllowedImageSrc('a/b.jpg')).toBe(true);
    expect(isAllowedImageSrc('/static/b.jpg')).toBe(false);
    expect(isAllowedImageSrc('http://x/b.jpg')).toBe(false);
    expect(isAllowedImageSrc('a b.jpg')).toBe(false);
  });
});

describe('htmlToPlainText', () => {
  it('decodes entities, drops scripts and styles, and puts blocks on their own lines', () => {
    const html =
      '<h2>标题</h2><p>第一段&nbsp;a&amp;b &lt;x&gt;</p><script>evil()</script><style>p{}</style>' +
      '<ul><li>一</li><li>二</li></ul><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>行<br>尾';
    expect(htmlToPlainText(html)).toBe('标题\n第一段 a&b <x>\n一\n二\n1 2\n3 4\n行\n尾');
  });

  it('collapses source whitespace and keeps inline text together', () => {
    expect(htmlToPlainText('<p>  本机关\n   <strong>主动</strong>公开  </p>\n\n<p></p>')).toBe(
      '本机关 主动公开',
    );
  });

  it('handles deeply nested markup without overflowing the stack', () => {
    const depth = 20_000;
    const html = '<span>'.repeat(depth) + '深' + '</span>'.repeat(depth);
    expect(htmlToPlainText(html)).toBe('深');
  });

  it('returns an empty string for empty input', () => {
    expect(htmlToPlainText('')).toBe('');
  });
});
