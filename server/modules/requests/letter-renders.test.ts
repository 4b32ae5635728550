/**
 * The receipt letter leaves the intake's request path (issue 14 item 9): registering a case stores the
 * letter's snapshot without its file, the worker job renders and stores the .docx, and the download
 * serves that stored file; a download that comes first renders it itself and the worker skips it.
 */
import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { createTestApp, type TestApp } from '../../../test/http.js';
import { userActor, type Actor } from '../../platform/actor.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { renderPendingLetters } from './letter-renders.js';
import * as service from './requests.service.js';

const ID = (() => {
  const first17 = '37030219800505002';
  return first17 + idCardCheckChar(first17);
})();

describeEachDialect(
  'receipt letters rendered after the intake',
  (getDb) => {
    let t: TestApp;
    let office: Actor;
    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      const u = await t.container.ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'office')
        .executeTakeFirstOrThrow();
      office = userActor({
        userId: u.id,
        name: u.display_name,
        orgId: u.org_id,
        divisionId: u.division_id,
        roles: ['office'],
      });
    }, 60_000);

    const register = (name: string) =>
      service.createCase(t.container.ctx, office, {
        channel: 'in_person',
        applicantType: 'natural',
        applicantName: name,
        idDocType: 'resident_id',
        idNumber: ID,
        phone: '13800138000',
        description: '本机关2025年度危险化学品企业名单',
        requestedForm: 'electronic',
        deliveryMethod: 'pickup',
        submittedAt: '2026-03-02',
      });
    const letterRow = (id: string) =>
      t.container.ctx.db
        .selectFrom('request_letters')
        .select(['content_base64', 'render_input', 'size_bytes', 'sha256'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    it('registers without rendering; the worker renders and stores the .docx the download then serves', async () => {
      const { case: c } = await register('王五');
      expect(c.letters.map((l) => l.kind)).toEqual(['receipt']);
      const letterId = c.letters[0]!.id;
      const queued = await letterRow(letterId);
      expect(queued.content_base64).toBeNull();
      expect(queued.render_input).not.toBeNull();

      // Everything queued is rendered (the demo's letters too), then nothing is left to do.
      expect(await renderPendingLetters(t.container.ctx, { budgetMs: 600_000 })).toBeGreaterThanOrEqual(1);
      expect(await renderPendingLetters(t.container.ctx)).toBe(0);
      const stored = await letterRow(letterId);
      expect(stored.render_input).toBeNull();
      const bytes = Buffer.from(stored.content_base64!, 'base64');
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      expect(Number(stored.size_bytes)).toBe(bytes.length);
      expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

      const file = await service.letterFile(t.container.ctx, office, letterId);
      expect(file.bytes.equals(bytes)).toBe(true);
      const { value } = await mammoth.extractRawText({ buffer: file.bytes });
      expect(value).toContain('受理回执');
      expect(value).toContain(c.caseNumber);
      // 20 working days after Mon 2 March 2026: Mon 30 March.
      expect(value).toContain('2026年3月30日');
    }, 600_000);

    it('a download before the worker renders and stores the file once; the worker skips it', async () => {
      const { case: c } = await register('赵六');
      const letterId = c.letters[0]!.id;
      const first = await service.letterFile(t.container.ctx, office, letterId);
      const stored = await letterRow(letterId);
      expect(stored.render_input).toBeNull();
      expect(Buffer.from(stored.content_base64!, 'base64').equals(first.bytes)).toBe(true);
      expect(await renderPendingLetters(t.container.ctx)).toBe(0);
      const again = await service.letterFile(t.container.ctx, office, letterId);
      expect(again.bytes.equals(first.bytes)).toBe(true);
    }, 120_000);
  },
  { seeded: true },
);
