/**
 * The public application form (/apply) past its captcha, on both engines (issue 14, item 1): every field
 * over its PostgreSQL column length gets a Chinese 400 naming the field with a machine code, and random
 * oversized or hostile bodies get a 4xx (or 201 for a valid one), never a 5xx.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../../contract/problems.js';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../../test/http.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { captchaFactory } from '../captcha/index.js';
import { validateApplicant } from './requests.rules.js';

const ID = (() => {
  const first17 = '37030219850312001';
  return first17 + idCardCheckChar(first17);
})();
const VALID = {
  applicantType: 'commercial',
  applicantName: '示例化工有限公司',
  contactPerson: '张三',
  idDocType: 'resident_id',
  idNumber: ID,
  phone: '13800138000',
  email: 'a@example.cn',
  address: '示例市人民路1号',
  postcode: '370300',
  description: '2026年示例市安全生产执法检查计划',
  requestedForm: 'electronic',
  deliveryMethod: 'online',
};

describeEachDialect(
  '/apply over its limits',
  (getDb) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      captchaFactory.create = () => ({
        text: 'AB3D',
        data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      });
    });
    /** Posts with a fresh, solved captcha, so the body reaches validation and the database. */
    const post = async (fields: Record<string, string>) => {
      const form = await t.app.inject({ method: 'GET', url: '/apply' });
      const captchaId = /name="captchaId" value="([^"]+)"/.exec(form.body)![1]!;
      return t.app.inject({
        method: 'POST',
        url: '/apply',
        remoteAddress: `203.0.113.${Math.floor(Math.random() * 250)}`,
        payload: { ...fields, captchaId, captcha: 'AB3D' },
      });
    };

    it('names each over-long field in Chinese with a machine code (the PostgreSQL column lengths)', async () => {
      const cases: [string, number, string][] = [
        ['contactPerson', 101, 'contact_person_too_long'],
        ['phone', 41, 'phone_too_long'],
        ['email', 201, 'email_too_long'],
        ['address', 301, 'address_too_long'],
        ['applicantName', 201, 'applicant_name_required'],
        ['postcode', 7, 'invalid_postcode'],
      ];
      for (const [field, n, code] of cases) {
        const value = field === 'email' ? `${'a'.repeat(n - 11)}@example.cn` : '1'.repeat(n);
        expect(() => validateApplicant({ ...VALID, [field]: value }, '2026-03-02')).toThrow(
          expect.objectContaining({ code }) as Error,
        );
        // Registered machine code: documented on docs/api/errors.md and at /api/problems/<code>.
        expect(PROBLEM_TYPES[code], code).toMatchObject({ status: 400 });
        const res = await post({ ...VALID, [field]: value });
        expect(res.statusCode, `${field}: ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.body).toMatch(/不超过|邮政编码|申请人姓名/);
      }
      const ok = await post(VALID);
      expect(ok.statusCode, ok.body.slice(0, 300)).toBe(201);
    });

    it('fuzz: random oversized and hostile bodies get 4xx or 201, never 5xx', async () => {
      const hostile = fc.oneof(
        fc.string({ maxLength: 400 }),
        fc.string({ minLength: 100, maxLength: 3000, unit: 'grapheme' }),
        fc.constantFrom(
          '\u0000',
          'a\ud800b',
          '\udc00',
          '<script>alert(1)</script>',
          "'; DROP TABLE x; --",
          '𠀀'.repeat(150),
        ),
      );
      const keys = Object.keys(VALID);
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), hostile, { maxKeys: 5 }), async (over) => {
          const res = await post({ ...VALID, ...over });
          expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
          expect([200, 201, 400, 413, 429]).toContain(res.statusCode);
        }),
        { numRuns: process.env.CI ? 40 : 80 },
      );
    }, 240_000);
  },
  { seeded: true },
);
