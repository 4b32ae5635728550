import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { buildLetterDocx, chineseDate, defaultTemplate, GBT9704, SEAL_PLACEHOLDER } from './letters.js';
import { remediesSentence } from './outcomes.js';
import { quotable } from './case-writes.js';

const values = {
  申请人: '张三',
  收到日期: '2026年12月7日',
  受理编号: 'SHILI-YJJ-2026-00001',
  申请内容: quotable('请公开2026年安全生产执法检查计划（含附件）。'),
  法律依据: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
  理由: '经查，该计划已由本局制定，现随本告知书提供，详见附件。',
  救济途径: remediesSentence({ reviewOrgan: '示例市人民政府', court: '示例市某区人民法院' }),
  联系电话: '0533-1234567',
  地址: '示例市某路1号',
};

async function reply() {
  return buildLetterDocx({
    template: defaultTemplate('reply', 'provided'),
    values,
    letterNumber: '示例应急依申请公开〔2026〕1号',
    agencyName: '示例市应急管理局',
    date: '2026-12-20',
  });
}

describe('reply letters (structure)', () => {
  it('reads like a letter an office signs: no pasted parentheses, single closing punctuation, named remedies', async () => {
    const text = (await reply()).paragraphs.join('\n');
    expect(text).toContain('现向您提供该政府信息。经查，该计划已由本局制定');
    expect(text).not.toMatch(/（经查/);
    expect(text).toContain('“请公开2026年安全生产执法检查计划（含附件）”。');
    expect(text).not.toContain('。”。');
    expect(text).toContain('向示例市人民政府申请行政复议');
    expect(text).toContain('向示例市某区人民法院提起行政诉讼');
  });

  it('uses GB/T 9704 margins, A4 and the official fonts', async () => {
    const zip = new PizZip((await reply()).bytes);
    const doc = zip.file('word/document.xml')!.asText();
    const styles = zip.file('word/styles.xml')!.asText();
    const pgMar = /<w:pgMar [^>]*\/>/.exec(doc)![0];
    const attr = (n: string) => Number(new RegExp(`w:${n}="(\\d+)"`).exec(pgMar)![1]);
    const mm = (twips: number) => Math.round((twips / 1440) * 25.4);
    expect([mm(attr('top')), mm(attr('bottom')), mm(attr('left')), mm(attr('right'))]).toEqual([
      37, 35, 28, 26,
    ]);
    expect(doc).toMatch(/<w:pgSz [^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toMatch(/<w:sz w:val="32"\/>/);
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toMatch(/<w:sz w:val="44"\/>/);
    expect(doc).toMatch(/w:line="560" w:lineRule="exact"/);
    expect(GBT9704.margins.top).toBe(2098);
  });

  it('has the marks of a letter an office signs: 红头 over a red rule, 文号, seal slot, 落款 and Chinese date last', async () => {
    const doc = new PizZip((await reply()).bytes).file('word/document.xml')!.asText();
    const paragraphs = doc.split('</w:p>').map((p) => ({
      xml: p,
      text: [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    }));
    const texts = paragraphs.map((p) => p.text).filter(Boolean);
    // 红头: the agency's name first, red, 小标宋, with a red rule under it; then 文号, then the title.
    expect(texts.slice(0, 3)).toEqual([
      '示例市应急管理局',
      '示例应急依申请公开〔2026〕1号',
      '政府信息公开申请答复告知书（予以公开）',
    ]);
    const head = paragraphs.find((p) => p.text === '示例市应急管理局')!.xml;
    expect(head).toContain(`w:color w:val="${GBT9704.red}"`);
    expect(head).toMatch(/<w:pBdr><w:bottom [^>]*w:color="C00000"/);
    expect(head).toContain('w:eastAsia="方正小标宋简体"');
    // 落款: seal slot, agency, date in Chinese — the last three paragraphs, kept on one page.
    expect(texts.slice(-3)).toEqual([SEAL_PLACEHOLDER, '示例市应急管理局', '2026年12月20日']);
    expect(paragraphs.find((p) => p.text === SEAL_PLACEHOLDER)!.xml).toContain('<w:keepNext/>');
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
  });
});
