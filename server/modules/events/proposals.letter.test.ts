import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import type { Proposal } from './events.repository.js';
import { renderReplyLetter } from './proposals.letter.js';

/** The paragraphs of a .docx body as plain text, one entry per <w:p>. */
function paragraphsOf(docx: Buffer): string[] {
  const xml = new PizZip(docx).file('word/document.xml')!.asText();
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .filter(Boolean);
}

describe('reply letter (答复函)', () => {
  it('puts every paragraph of the reply in a paragraph of its own', async () => {
    const proposal = {
      kind: 'suggestion',
      proposers: '张三、李四',
      session: '市十六届人大三次会议',
      number: '0123',
      title: '关于加强危险化学品运输安全监管的建议',
      reply_text:
        '一、关于联合执法。我局已会同交通运输部门开展联合检查。\n\n二、关于信息共享。已建成运输车辆动态监控平台。',
      reply_class: 'A',
      reply_number: '应急函〔2026〕12号',
      replied_on: '2026-06-30',
    } as unknown as Proposal;
    const docx = await renderReplyLetter(proposal, { name: '示例市应急管理局', phone: '0000-1234567' }, null);
    const paras = paragraphsOf(docx);
    expect(paras).toContain('一、关于联合执法。我局已会同交通运输部门开展联合检查。');
    expect(paras).toContain('二、关于信息共享。已建成运输车辆动态监控平台。');
    expect(paras.some((p) => p.includes('{') || p.includes('}'))).toBe(false);
    expect(paras).toContain('张三代表：');
    expect(paras).toContain('2026年6月30日');
  });
});
