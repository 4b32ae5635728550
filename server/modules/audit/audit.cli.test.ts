/**
 * `gongkai audit checkpoint | checkpoints | seal-legacy | verify` through the real command tree, on an
 * SQLite file and on a fresh PostgreSQL database (the CLI reads its configuration from the environment).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminQuery, testPostgresUrl, withDatabase } from '../../../test/pg-admin.js';
import { buildProgram } from '../../cli/program.js';
import { loadConfig } from '../../config.js';
import { buildContainer } from '../../container.js';
import { systemActor } from '../../platform/actor.js';
import { systemClock } from '../../platform/clock.js';
import { resetKeysForTests } from '../../platform/keys/keys.js';
import { recordAudit } from './audit.service.js';

const PG = testPostgresUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres';

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`gongkai audit … [${dialect}]`, () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), `gk-audit-cli-${dialect}-`));
    const dbName = `gk_audit_cli_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const saved = { ...process.env };
    let out: string[] = [];
    let made = false;

    const gongkai = async (...args: string[]) => {
      out = [];
      await buildProgram().parseAsync(['audit', ...args], { from: 'user' });
      return out.join('\n');
    };

    beforeEach(async () => {
      if (dialect === 'postgres' && !made) {
        await adminQuery(PG, `CREATE DATABASE ${dbName}`);
        made = true;
      }
      Object.assign(process.env, {
        DATA_DIR: dataDir,
        SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
        LOG_LEVEL: 'silent',
        DEMO: '0',
      });
      if (dialect === 'postgres') process.env.DATABASE_URL = withDatabase(PG, dbName);
      else delete process.env.DATABASE_URL;
      vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    });
    afterEach(() => {
      vi.restoreAllMocks();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    });
    afterAll(async () => {
      resetKeysForTests();
      if (made) await adminQuery(PG, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    });

    it('seals legacy rows, signs and lists checkpoints, and refuses a MAC-less row after MAC’d ones', async () => {
      resetKeysForTests();
      const c = await buildContainer(loadConfig());
      const db = c.ctx.db;
      const write = (n: number) =>
        db.transaction().execute(async (trx) => {
          for (let i = 0; i < n; i++)
            await recordAudit(trx, systemClock, systemActor('测试'), {
              action: 'test.write',
              targetType: 'thing',
              note: `第${i}次`,
            });
        });
      await write(3);
      // Rows from before the MAC existed.
      await db.updateTable('audit_log').set({ mac: null }).execute();
      const { seq } = await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      await write(2);
      await c.close();
      const legacy = Number(seq);

      await expect(gongkai('verify')).rejects.toThrow(/缺少密钥校验码/);
      expect(await gongkai('seal-legacy')).toBe(
        `已为第 1–${legacy} 条共 ${legacy} 条早期记录补签密钥校验码，并记入审计日志`,
      );
      expect(await gongkai('verify')).toBe(`审计日志完整：共校验 ${legacy + 3} 条记录`);
      expect(await gongkai('seal-legacy')).toMatch(/^没有需要补签的早期记录/);

      expect(await gongkai('checkpoint')).toMatch(
        new RegExp(`^已写出检查点：第 ${legacy + 3} 条，.*checkpoint-0+${legacy + 3}\\.json$`),
      );
      const list = await gongkai('checkpoints');
      expect(list).toMatch(
        new RegExp(`^第 ${legacy + 3} 条\\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\t有效\\t`),
      );

      // Someone strips the MAC of the newest row: that is tampering, not legacy.
      const c2 = await buildContainer(loadConfig());
      await c2.ctx.db
        .updateTable('audit_log')
        .set({ mac: null })
        .where('seq', '=', legacy + 3)
        .execute();
      await c2.close();
      await expect(gongkai('seal-legacy')).rejects.toThrow(
        `拒绝补签：第 ${legacy + 3} 条 —— 已有密钥校验码的记录之后出现了缺少校验码的记录，这是篡改迹象，不能补签`,
      );
      await expect(gongkai('verify')).rejects.toThrow(/第 \d+ 条/);
    });
  });
}
