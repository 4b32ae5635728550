/**
 * The interaction module's key outside the database (issue 14, item 5), on both engines: new identities
 * and query codes are sealed under the data key of KEYS_DIR (never a key in `interaction_secrets`); an
 * installation from before keeps reading its old rows while its key row exists; `gongkai keys rotate`
 * re-encrypts every identity under the new version, moves the old key to KEYS_DIR and deletes the
 * database row, and old query codes keep working; a copy of the database without KEYS_DIR opens nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { loadConfig } from '../../config.js';
import { buildContainer, type Container } from '../../container.js';
import { publicActor, systemActor } from '../../platform/actor.js';
import { fixedClock } from '../../platform/clock.js';
import { resetKeysForTests } from '../../platform/keys/keys.js';
import { createOrg } from '../orgs/orgs.service.js';
import { encrypt, hashQueryCode, rotatePiiKeys } from '../requests/index.js';
import { trackItem } from './correspondent.js';
import { dataKey, forgetDataKey, openIdentity } from './interaction.common.js';
import { submitOnline } from './intake.js';
import { rotateInteractionKeys } from './interaction.keys.js';

describeEachDialect('interaction keys outside the database', (getDb) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-ikeys-'));
  const legacy = randomBytes(32);
  let c: Container;
  let orgId = '';
  afterAll(() => {
    resetKeysForTests();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeAll(async () => {
    resetKeysForTests();
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
    const actor = systemActor('测试');
    const gov = await createOrg(c.ctx, actor, {
      parentId: null,
      kind: 'government',
      code: 'key-gov',
      name: '示例市人民政府',
    });
    orgId = (
      await createOrg(c.ctx, actor, {
        parentId: gov.id,
        kind: 'department',
        code: 'key-ju',
        name: '示例市某局',
      })
    ).id;
  });

  const submit = (name: string) =>
    submitOnline(c.ctx, publicActor('203.0.113.9', null), orgId, {
      kind: 'mailbox',
      subject: '关于小区消防通道被占用的问题',
      body: '小区消防通道长期被车辆占用，请协调处理。',
      name,
      phone: '13800138000',
      notifyBy: 'sms',
    });
  const item = (number: string) =>
    c.ctx.db
      .selectFrom('interaction_items')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
  const secrets = () => c.ctx.db.selectFrom('interaction_secrets').selectAll().execute();
  const codes: Record<string, string> = {};

  it('seals new identities and query codes under the KEYS_DIR data key, with nothing in the database', async () => {
    const a = await submit('张一');
    codes[a.number] = a.queryCode;
    expect(await secrets()).toEqual([]);
    const row = await item(a.number);
    expect(row.identity_enc).toMatch(/^k1:/);
    expect(row.query_code_hash).toMatch(/^h2\.1\./);
    expect(openIdentity(await dataKey(c.ctx.db), row.identity_enc!).name).toBe('张一');
    expect((await trackItem(c.ctx, a.number, a.queryCode)).view.number).toBe(a.number);
    await expect(trackItem(c.ctx, a.number, 'WRONGCODE')).rejects.toThrow(/查询码不正确/);
  });

  it('an installation from before keeps reading rows sealed with its database key, and never writes with it', async () => {
    await c.ctx.db
      .insertInto('interaction_secrets')
      .values({
        name: 'identity_key_v1',
        value: legacy.toString('base64'),
        created_at: '2026-01-01T00:00:00Z',
      })
      .execute();
    // A row written before issue 14: unversioned ciphertext, `h1` query-code hash, both under that key.
    const b = await submit('王二');
    codes[b.number] = 'OLDCODE2';
    await c.ctx.db
      .updateTable('interaction_items')
      .set({
        identity_enc: encrypt(
          legacy,
          JSON.stringify({ name: '王二', phone: '13800138000', email: null, address: null }),
        ),
        query_code_hash: hashQueryCode(legacy, 'OLDCODE2'),
      })
      .where('number', '=', b.number)
      .execute();
    forgetDataKey(c.ctx.db);
    const ring = await dataKey(c.ctx.db);
    expect(openIdentity(ring, (await item(b.number)).identity_enc!).name).toBe('王二');
    expect((await trackItem(c.ctx, b.number, 'oldcode2')).view.number).toBe(b.number);
    const fresh = await submit('李三');
    codes[fresh.number] = fresh.queryCode;
    expect((await item(fresh.number)).identity_enc).toMatch(/^k1:/);
  });

  it('keys rotate: every identity under the new version, the old key moved to KEYS_DIR, old codes still work', async () => {
    const pii = await rotatePiiKeys(c.ctx);
    expect(pii.version).toBe(2);
    const r = await rotateInteractionKeys(c.ctx, { batchSize: 2 });
    expect(r).toMatchObject({
      version: 2,
      reencrypted: 3,
      alreadyCurrent: 0,
      unreadable: [],
      legacyMoved: true,
    });
    expect(await secrets()).toEqual([]);
    const file = path.join(dir, 'keys', 'interaction-legacy.key');
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(legacy)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const rows = await c.ctx.db.selectFrom('interaction_items').select(['number', 'identity_enc']).execute();
    expect(rows.map((x) => x.identity_enc!.slice(0, 3))).toEqual(['k2:', 'k2:', 'k2:']);
    const ring = await dataKey(c.ctx.db);
    expect(rows.map((x) => openIdentity(ring, x.identity_enc!).name).sort()).toEqual([
      '张一',
      '李三',
      '王二',
    ]);
    for (const [number, code] of Object.entries(codes))
      expect((await trackItem(c.ctx, number, code)).view.number).toBe(number);
    const d = await submit('赵四');
    const row = await item(d.number);
    expect(row.identity_enc).toMatch(/^k2:/);
    expect(row.query_code_hash).toMatch(/^h2\.2\./);
    // Run again (an interrupted rotation is resumed the same way): nothing left to do.
    const again = await rotateInteractionKeys(c.ctx);
    expect(again).toMatchObject({ reencrypted: 0, alreadyCurrent: 4, legacyMoved: false });
    const audit = await c.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'keys.rotate.interaction.%')
      .execute();
    expect(audit.map((a) => a.action)).toContain('keys.rotate.interaction.done');
  });

  it('a copy of the database without KEYS_DIR opens no identity', async () => {
    const sealed = (await c.ctx.db.selectFrom('interaction_items').select('identity_enc').execute()).map(
      (x) => x.identity_enc!,
    );
    resetKeysForTests();
    forgetDataKey(c.ctx.db);
    const stranger = await dataKey(c.ctx.db);
    for (const s of sealed) expect(() => openIdentity(stranger, s)).toThrow();
  });
});
