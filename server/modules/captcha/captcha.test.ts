import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import { renderToString } from 'preact-render-to-string';
import { arithmeticQuestion, chineseNumber, normaliseAnswer } from './captcha.rules.js';
import {
  captchaFactory,
  captchaRefreshRequested,
  checkCaptcha,
  consumeCaptcha,
  issueCaptcha,
  CaptchaField,
} from './index.js';

describe('captcha rules (pure)', () => {
  it('writes numbers in Chinese and asks answerable questions', () => {
    expect([0, 7, 10, 12, 17, 20].map(chineseNumber)).toEqual(['零', '七', '十', '十二', '十七', '二十']);
    for (const r of [0, 0.3, 0.6, 0.999]) {
      const q = arithmeticQuestion(r, 1 - r, r);
      expect(q.question).toMatch(/^[一二三四五六七八九十]+[加减][一二三四五六七八九十]+等于几？$/);
      expect(Number(q.answer)).toBeGreaterThanOrEqual(0);
    }
    expect(arithmeticQuestion(0.5, 0.25, 0.1)).toEqual({ question: '六加三等于几？', answer: '9' });
  });

  it('accepts digits, full-width digits and Chinese numbers alike', () => {
    expect(normaliseAnswer(' １２ ')).toBe('12');
    expect(normaliseAnswer('十二')).toBe('12');
    expect(normaliseAnswer('二十')).toBe('20');
    expect(normaliseAnswer('八')).toBe('8');
    expect(normaliseAnswer('AbC3')).toBe('abc3');
  });

  it('reads the refresh button of a form posted without JavaScript', () => {
    expect(captchaRefreshRequested({ captchaRefresh: 'image' })).toBe('image');
    expect(captchaRefreshRequested({ captchaRefresh: 'text' })).toBe('text');
    expect(captchaRefreshRequested({ captchaRefresh: 'x' })).toBeNull();
    expect(captchaRefreshRequested({})).toBeNull();
  });

  it('renders the text question as text with its label, and refresh buttons that submit the form', () => {
    const html = renderToString(
      CaptchaField({ captcha: { id: 'c1', purpose: 'apply', kind: 'text', question: '三加五等于几？' } }),
    );
    expect(html).toContain('三加五等于几？');
    expect(html).toContain('name="captchaKind" value="text"');
    expect(html).toMatch(/<button type="submit"[^>]*name="captchaRefresh" value="image"/);
    const img = renderToString(
      CaptchaField({
        captcha: { id: 'c2', purpose: 'apply', kind: 'image', svg: '<svg></svg>' },
        error: '验证码不正确',
      }),
    );
    expect(img).toContain('看不清，换一张');
    expect(img).toContain('改用文字题');
    expect(img).toContain('aria-invalid="true"');
  });
});

describeEachDialect('captcha store', (getDb) => {
  const clock = fixedClock('2026-12-06T02:00:00Z');
  const ctx = () => ({ db: getDb().db, clock });

  it('lets exactly one of two parallel consumers pass', async () => {
    captchaFactory.create = () => ({ text: 'K7PQ', data: '<svg></svg>' });
    for (let round = 0; round < 5; round++) {
      const c = await issueCaptcha(ctx(), 'apply');
      const results = await Promise.all([
        consumeCaptcha(ctx(), c.id, 'k7pq', 'apply'),
        consumeCaptcha(ctx(), c.id, 'K7PQ', 'apply'),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await consumeCaptcha(ctx(), c.id, 'K7PQ', 'apply')).toBe(false);
    }
  });

  it('uses an answer once even when wrong, refuses other forms and expired captchas', async () => {
    captchaFactory.question = () => ({ question: '三加五等于几？', answer: '8' });
    const q = await issueCaptcha(ctx(), 'apply', 'text');
    expect(q.question).toBe('三加五等于几？');
    expect(await checkCaptcha(ctx(), q.id, '9', 'apply')).toBe('验证码不正确');
    expect(await checkCaptcha(ctx(), q.id, '8', 'apply')).toBe('验证码已过期，请重新输入');

    const other = await issueCaptcha(ctx(), 'mailbox', 'text');
    expect(await checkCaptcha(ctx(), other.id, '八', 'apply')).toBe('验证码已过期，请重新输入');

    const late = await issueCaptcha(ctx(), 'apply', 'text');
    clock.advance(11 * 60_000);
    expect(await checkCaptcha(ctx(), late.id, '8', 'apply')).toBe('验证码已过期，请重新输入');
    const fresh = await issueCaptcha(ctx(), 'apply', 'text');
    expect(await checkCaptcha(ctx(), fresh.id, '  ', 'apply')).toBe('请输入验证码');
    expect(await checkCaptcha(ctx(), fresh.id, '８', 'apply')).toBeNull();
  });
});
