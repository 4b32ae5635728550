import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMNS, mapHeader } from './enterprises.import.js';
import {
  countLines,
  csvAsUtf8,
  ENCODING_UNKNOWN,
  HeaderFinder,
  joinHeaderRows,
  normalizeHeader,
  UTF16_REFUSED,
} from './import.sheet.js';
import { encodeGbk } from './gbk.testing.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gk-ent-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KNOWN = new Set(COLUMNS.map((c) => c.header));
const HEADERS = COLUMNS.map((c) => c.header);

describe('csvAsUtf8', () => {
  it('keeps a UTF-8 file (with BOM) as it is', async () => {
    const f = path.join(dir, 'utf8.csv');
    writeFileSync(f, '\ufeff统一社会信用代码,企业名称\r\n1,甲\n');
    const r = await csvAsUtf8(f);
    expect(r).toMatchObject({ path: f, encoding: 'utf-8' });
  });

  it('transcodes a GBK file (Excel/WPS "CSV (逗号分隔)" on Chinese Windows) to a UTF-8 copy', async () => {
    const f = path.join(dir, 'gbk.csv');
    const text = '统一社会信用代码,企业名称\r\n91370303MA3C000018,示例市鑫达化工有限公司\n';
    writeFileSync(f, encodeGbk(text));
    const r = await csvAsUtf8(f);
    expect(r.encoding).toBe('gb18030');
    expect(r.path).not.toBe(f);
    expect(readFileSync(r.path, 'utf8')).toBe(text);
    await r.cleanup();
    expect(existsSync(r.path)).toBe(false);
  });

  it('refuses UTF-16 and bytes that are neither UTF-8 nor GBK, in Chinese', async () => {
    const u16 = path.join(dir, 'u16.csv');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('统一', 'utf16le')]));
    await expect(csvAsUtf8(u16)).rejects.toMatchObject({ code: 'file_utf16', messageZh: UTF16_REFUSED });
    const junk = path.join(dir, 'junk.csv');
    writeFileSync(junk, Buffer.from([0x41, 0x81, 0x20, 0x42])); // a GBK lead byte followed by a space
    await expect(csvAsUtf8(junk)).rejects.toMatchObject({
      code: 'file_encoding_unknown',
      messageZh: ENCODING_UNKNOWN,
    });
  });
});

it('counts lines with or without a final line end, CRLF or LF', async () => {
  const f = path.join(dir, 'lines.csv');
  writeFileSync(f, 'a\r\nb\nc');
  expect(await countLines(f)).toBe(3);
  writeFileSync(f, 'a\r\nb\nc\n');
  expect(await countLines(f)).toBe(3);
  writeFileSync(f, '');
  expect(await countLines(f)).toBe(0);
});

describe('header', () => {
  it('normalizes wrapped cells and required marks', () => {
    expect(normalizeHeader('\ufeff统一社会\n信用代码*')).toBe('统一社会信用代码');
    expect(normalizeHeader(' 企业名称（必填） ')).toBe('企业名称');
    expect(normalizeHeader('＊企业规模')).toBe('企业规模');
  });

  it('skips a merged title row above the header', () => {
    const f = new HeaderFinder('统一社会信用代码', KNOWN, mapHeader);
    expect(f.offer(1, ['示例市监管企业名录', '', ''])).toEqual({ kind: 'skip' });
    expect(f.offer(2, ['制表日期：2026年3月', ''])).toEqual({ kind: 'skip' });
    const step = f.offer(
      3,
      HEADERS.map((h) => h + '*'),
    );
    expect(step.kind).toBe('header');
    expect(step.kind === 'header' && step.positions.get('creditCode')).toBe(0);
  });

  it('joins a two-row header under merged group cells', () => {
    const licence = ['许可证种类', '许可证编号', '许可范围', '有效期起', '有效期止', '发证机关'];
    const base = HEADERS.filter((h) => !licence.includes(h));
    const top = [...base, '许可证', '', '', '', '', ''];
    const sub = [...base.map(() => ''), '种类', '编号', '许可范围', '有效期起', '有效期止', '发证机关'];
    expect(joinHeaderRows(top, sub, KNOWN)).toEqual([...base, ...licence]);
    const f = new HeaderFinder('统一社会信用代码', KNOWN, mapHeader);
    expect(f.offer(1, top)).toEqual({ kind: 'skip' });
    const step = f.offer(2, sub);
    expect(step.kind).toBe('header');
    expect(step.kind === 'header' && step.positions.get('licNumber')).toBe(base.length + 1);
  });

  it('reports the header problems of a file that is not the template', () => {
    const f = new HeaderFinder('统一社会信用代码', KNOWN, mapHeader);
    const wrong = ['统一社会信用代码', '单位名称', '地址'];
    expect(f.offer(1, wrong)).toEqual({ kind: 'skip' });
    const step = f.offer(2, ['91370303MA3C000018', '某公司', '某地']);
    expect(step.kind).toBe('problems');
    expect(step.kind === 'problems' && step.rowNo).toBe(1);
    expect(step.kind === 'problems' && step.problems).toContain('未知的列“单位名称”');
    expect(step.kind === 'problems' && step.problems).toContain('缺少必填列“企业名称”');
    const g = new HeaderFinder('统一社会信用代码', KNOWN, mapHeader);
    const none = g.offer(1, ['序号', '名称', '地址', '电话']);
    expect(none.kind === 'problems' && none.problems).toContain('缺少必填列“统一社会信用代码”');
    const h = new HeaderFinder('统一社会信用代码', KNOWN, mapHeader);
    h.offer(1, wrong);
    expect(h.finish()?.rowNo).toBe(1);
  });
});
