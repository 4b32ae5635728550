/**
 * The ID-number key outside the database (issue 14, item 5) on both engines: an installation that kept
 * its key in `request_secrets` keeps working; `gongkai keys rotate` moves that key to KEYS_DIR, re-encrypts
 * every row under a new version (old rows stay readable, query codes keep working, applicant grouping
 * stays consistent), deletes the database copy, and can be resumed; text no engine stores never reaches
 * the database.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { signedIn, type Client } from '../../../test/http.js';
import { loadConfig } from '../../config.js';
import { buildContainer, type Container } from '../../container.js';
import { buildApp, type App } from '../../http/app.js';
import { fixedClock } from '../../platform/clock.js';
import { idCardCheckChar } from '../../platform/validation/id-card.js';
import { encrypt, sealPii, type PiiKeyring } from './pii.js';
import { rotatePiiKeys } from './pii-rotation.js';
import { trackCase } from './tracking.js';

const ID = (() => {
  const first17 = '37030219850312001';
  return first17 + idCardCheckChar(first17);
})();
const intake = (over: Record<string, unknown> = {}) => ({
  channel: 'in_person',
  applicantType: 'natural',
  applicantName: '测试申请人',
  idDocType: 'resident_id',
  idNumber: ID,
  phone: '13800138000',
  description: '2026年示例市危险化学品企业名单',
  requestedForm: 'electronic',
  deliveryMethod: 'post',
  address: '示例市人民路1号',
  submittedAt: '2026-03-02',
  ...over,
});

describeEachDialect(
  'ID-number keys outside the database',
  (getDb) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-keys-'));
    const legacy = randomBytes(32);
    let c: Container;
    let app: App;
    let office: Client;
    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    beforeAll(async () => {
      const config = loadConfig({
        DATA_DIR: dir,
        SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
        LOG_LEVEL: 'silent',
        DATABASE_URL: 'sqlite::memory:',
      });
      c = await buildContainer(config, {
        clock: fixedClock('2026-03-02T02:00:00Z'),
        database: getDb(),
        migrate: false,
      });
      app = await buildApp(c, { logger: false });
      await app.ready();
      office = await signedIn(app, 'office');
      // An installation from before issue 14: its key row in the database.
      await c.ctx.db
        .insertInto('request_secrets')
        .values({ name: 'pii_key_v1', value: legacy.toString('base64'), created_at: '2026-01-01T00:00:00Z' })
        .execute();
    });

    const rows = () =>
      c.ctx.db
        .selectFrom('request_cases')
        .select(['id', 'id_number_enc', 'id_number_hmac', 'query_code_hash'])
        .execute();
    const newCase = async (over: Record<string, unknown> = {}) => {
      const res = await office.post('/api/requests', intake(over));
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ case: { id: string; caseNumber: string }; queryCode: string }>();
    };
    const unmask = async (id: string) =>
      (await office.post(`/api/requests/${id}/unmask`, { reason: '核对身份' })).json<{ idNumber: string }>()
        .idNumber;

    it('keeps a pre-issue-14 installation working, then rotation moves its key out and re-encrypts every row', async () => {
      // The seeded demo cases are sealed under the test template's own keys (/tmp/gongkai-test/keys), which
      // this installation (its own KEYS_DIR) does not hold: rotation reports them and leaves them alone.
      const demo = new Set((await rows()).map((x) => x.id));
      const a = await newCase();
      const row = (await rows()).find((r) => r.id === a.case.id)!;
      expect(row.id_number_enc.startsWith('k0:')).toBe(true);
      // A row written before ciphertexts named their key.
      const b = await newCase({ applicantName: '旧数据' });
      await c.ctx.db
        .updateTable('request_cases')
        .set({ id_number_enc: encrypt(legacy, ID) })
        .where('id', '=', b.case.id)
        .execute();
      expect(await unmask(b.case.id)).toBe(ID);

      const r = await rotatePiiKeys(c.ctx, { batchSize: 2 });
      expect(r.legacyMoved).toBe(true);
      expect(r.unreadable.filter((id) => !demo.has(id))).toEqual([]);
      expect(r.reencrypted).toBeGreaterThanOrEqual(2);
      expect(await c.ctx.db.selectFrom('request_secrets').selectAll().execute()).toEqual([]);
      const v0 = path.join(dir, 'keys', 'data-key-v0.key');
      expect(existsSync(v0)).toBe(true);
      expect(statSync(v0).mode & 0o777).toBe(0o600);
      const after = (await rows()).filter((x) => !demo.has(x.id));
      expect(after.map((x) => x.id_number_enc.slice(0, 3))).toEqual(after.map(() => `k${r.version}:`));
      // Old rows decrypt, old query codes still work (h1 under the moved key), grouping stays consistent.
      expect(await unmask(a.case.id)).toBe(ID);
      expect(await unmask(b.case.id)).toBe(ID);
      expect((await trackCase(c.ctx, a.case.caseNumber, a.queryCode)).caseId).toBe(a.case.id);
      const fresh = await newCase({ applicantName: '新申请' });
      const all = (await rows()).filter((x) => !demo.has(x.id));
      const hmac = (id: string) => all.find((x) => x.id === id)!.id_number_hmac;
      expect(hmac(fresh.case.id)).toBe(hmac(a.case.id));
      expect(all.find((x) => x.id === fresh.case.id)!.query_code_hash).toMatch(
        new RegExp(`^h2\\.${r.version}\\.`),
      );
      expect(all.find((x) => x.id === fresh.case.id)!.id_number_enc.startsWith(`k${r.version}:`)).toBe(true);

      // A second rotation: every version stays readable, a resumed run finds nothing left to do.
      const r2 = await rotatePiiKeys(c.ctx);
      expect(r2.version).toBe(r.version + 1);
      expect(r2.reencrypted).toBe(all.length);
      expect(await unmask(fresh.case.id)).toBe(ID);
      expect((await trackCase(c.ctx, fresh.case.caseNumber, fresh.queryCode)).caseId).toBe(fresh.case.id);
      expect((await trackCase(c.ctx, a.case.caseNumber, a.queryCode)).caseId).toBe(a.case.id);
      const resumed = await rotatePiiKeys(c.ctx, { resume: true });
      expect(resumed).toMatchObject({ version: r2.version, reencrypted: 0, alreadyCurrent: all.length });
      expect(resumed.unreadable.length).toBe(demo.size);

      const audit = await c.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'data_key')
        .execute();
      expect(audit.map((x) => x.action).sort()).toEqual([
        'keys.rotate.done',
        'keys.rotate.done',
        'keys.rotate.done',
        'keys.rotate.start',
        'keys.rotate.start',
        'keys.rotate.start',
      ]);
    });

    it('never lets a NUL or a lone surrogate reach the database', async () => {
      const before = (await rows()).length;
      for (const idNumber of [`${ID.slice(0, 10)}\u0000${ID.slice(11)}`, `${ID.slice(0, 17)}\ud800`]) {
        const res = await office.post('/api/requests', intake({ idNumber }));
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('invalid_text');
      }
      expect((await rows()).length).toBe(before);
      const ring: PiiKeyring = { writeVersion: 9, write: randomBytes(32), key: () => null };
      expect(() => sealPii(ring, 'a\u0000b')).toThrow(/invalid_text/);
      expect(() => sealPii(ring, '\udc00')).toThrow(/invalid_text/);
    });
  },
  { seeded: true },
);
