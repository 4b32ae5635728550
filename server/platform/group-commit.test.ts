import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/each-dialect.js';
import { recordAudit, verifyAuditChain } from '../modules/audit/audit.service.js';
import { cachedStatements } from '../db/statement-cache.js';
import { systemActor } from './actor.js';
import { fixedClock } from './clock.js';
import { inTransaction, type Ctx } from './context.js';
import { DEFAULT_GROUP_COMMIT, GroupCommitter, groupCommitter } from './group-commit.js';

interface TestDb {
  parent: { id: number };
  child: { id: number; parent_id: number };
  thing: { id: Generated<number>; n: number };
}

let dir: string;
let file: string;
let db: Kysely<TestDb>;
/** A second connection to the same file: sees only what is committed. */
let other: SqliteDatabase.Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gk-group-commit-'));
  file = path.join(dir, 'test.db');
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.exec(`
    create table parent (id integer primary key);
    create table child (id integer primary key, parent_id integer not null
      references parent (id) deferrable initially deferred);
    create table thing (id integer primary key autoincrement, n integer not null unique);
  `);
  db = new Kysely<TestDb>({ dialect: new SqliteDialect({ database: cachedStatements(raw) }) });
  other = new SqliteDatabase(file, { readonly: true });
});

afterEach(async () => {
  other.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const committedNs = () =>
  (other.prepare('select n from thing order by id').all() as { n: number }[]).map((r) => r.n);
const insert = (trx: Kysely<TestDb>, n: number) => trx.insertInto('thing').values({ n }).execute();
/** No age limit: a slow test machine must not split a batch. */
const UNHURRIED = { ...DEFAULT_GROUP_COMMIT, maxWorks: 100, maxBatchMs: 60_000 };
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('group commit (SQLite)', () => {
  it('commits concurrent works in one transaction, in call order, and resolves after COMMIT', async () => {
    const committer = new GroupCommitter(db, UNHURRIED);
    const resolved: number[] = [];
    const calls = Array.from({ length: 10 }, (_, n) =>
      committer
        .run(async (trx) => {
          // Nothing of this batch is visible to others, nor has any caller been answered yet.
          expect(committedNs()).toEqual([]);
          expect(resolved).toEqual([]);
          await insert(trx, n);
          return n * 10;
        })
        .then((v) => {
          // Resolved only once the whole batch is committed.
          expect(committedNs()).toHaveLength(10);
          resolved.push(v);
          return v;
        }),
    );
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 10 }, (_, n) => n * 10));
    expect(committedNs()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(committer.stats).toMatchObject({ batches: 1, works: 10, failedWorks: 0, largestBatch: 10 });
  });

  it('rolls back only the failing work; only its caller gets the error', async () => {
    const committer = new GroupCommitter(db, UNHURRIED);
    const results = await Promise.allSettled([
      committer.run((trx) => insert(trx, 1)),
      committer.run(async (trx) => {
        await insert(trx, 2);
        await insert(trx, 3);
        throw new Error('work 2 failed');
      }),
      committer.run(async (trx) => {
        await insert(trx, 4);
        await insert(trx, 1); // unique violation: SQLite aborts the statement, the work fails
      }),
      committer.run((trx) => insert(trx, 5)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toHaveProperty('message', 'work 2 failed');
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committedNs()).toEqual([1, 5]);
    expect(committer.stats).toMatchObject({ batches: 1, works: 4, failedWorks: 2, failedBatches: 0 });
  });

  it('gives every caller of the batch the error when COMMIT fails, and recovers', async () => {
    const committer = new GroupCommitter(db, UNHURRIED);
    const results = await Promise.allSettled([
      committer.run((trx) => insert(trx, 1)),
      // A deferred foreign key is only checked at COMMIT.
      committer.run((trx) => trx.insertInto('child').values({ id: 1, parent_id: 99 }).execute()),
      committer.run((trx) => insert(trx, 2)),
    ]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    for (const r of results) expect(String((r as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committedNs()).toEqual([]);
    expect(committer.stats.failedBatches).toBe(1);
    await committer.run((trx) => insert(trx, 3));
    expect(committedNs()).toEqual([3]);
  });

  it('fails the batch when SQLite ended the transaction under a work', async () => {
    const committer = new GroupCommitter(db, UNHURRIED);
    const results = await Promise.allSettled([
      committer.run((trx) => insert(trx, 1)),
      committer.run(async (trx) => {
        await insert(trx, 2);
        // What SQLite does by itself on an I/O error or a full disk.
        await sql`rollback`.execute(trx);
        throw new Error('disk full');
      }),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected' });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'disk full' } });
    expect(committedNs()).toEqual([]);
    await committer.run((trx) => insert(trx, 3));
    expect(committedNs()).toEqual([3]);
  });

  it('starts a new batch after maxWorks works', async () => {
    const committer = new GroupCommitter(db, { ...UNHURRIED, maxWorks: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => committer.run((trx) => insert(trx, n))));
    expect(committedNs()).toEqual([1, 2, 3, 4, 5]);
    expect(committer.stats).toMatchObject({ batches: 3, works: 5, largestBatch: 2 });
  });

  it('waits windowMs for more calls when configured', async () => {
    const committer = new GroupCommitter(db, { ...UNHURRIED, windowMs: 20 });
    const first = committer.run((trx) => insert(trx, 1));
    await delay(1);
    const second = committer.run((trx) => insert(trx, 2));
    await Promise.all([first, second]);
    expect(committer.stats).toMatchObject({ batches: 1, works: 2 });
  });

  it('lets reads outside the batch see only committed data', async () => {
    const committer = new GroupCommitter(db, UNHURRIED);
    let read: Promise<number> | undefined;
    const failing = committer.run(async (trx) => {
      await insert(trx, 1);
      // While this work waits, a plain read is issued on the root handle; it must not see row 1.
      read = delay(1).then(async () => (await db.selectFrom('thing').selectAll().execute()).length);
      await delay(20);
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    expect(await read).toBe(0);
    // A read that had to wait for a batch that then committed runs after the commit.
    await committer.run(async (trx) => {
      await insert(trx, 3);
      read = delay(1).then(async () => (await db.selectFrom('thing').selectAll().execute()).length);
      await delay(20);
    });
    expect(await read).toBe(1);
    await db.deleteFrom('thing').execute();
    // Queued calls have not begun when a read issued in the same tick runs.
    const queued = committer.run((trx) => insert(trx, 2));
    expect(await db.selectFrom('thing').selectAll().execute()).toEqual([]);
    await queued;
    expect(await db.selectFrom('thing').select('n').execute()).toEqual([{ n: 2 }]);
  });

  it('refuses inTransaction on the root handle from inside a work instead of deadlocking', async () => {
    const ctx = { db, dialect: 'sqlite', clock: fixedClock('2026-03-02T01:00:00Z') } as unknown as Ctx;
    let nested: unknown;
    await inTransaction(ctx, async (trx) => {
      await insert(trx as unknown as Kysely<TestDb>, 1);
      nested = await inTransaction(ctx, async () => 'never').catch((e: Error) => e.message);
    });
    expect(nested).toMatch(/inside another transaction/);
    expect(committedNs()).toEqual([1]);
    // After the work, the same async context may start transactions again.
    await inTransaction(ctx, (trx) => insert(trx as unknown as Kysely<TestDb>, 2));
    expect(committedNs()).toEqual([1, 2]);
    expect(groupCommitter(db).stats.batches).toBe(2);
  });

  it("runs each work in its caller's async context", async () => {
    const committer = new GroupCommitter(db, UNHURRIED);
    const caller = new AsyncLocalStorage<string>();
    const seen = await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        caller.run(name, () =>
          committer.run(async (trx) => {
            await insert(trx, name.charCodeAt(0));
            return caller.getStore();
          }),
        ),
      ),
    );
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(committer.stats.batches).toBe(1);
  });

  it('makes a leaked transaction handle unusable after its work', async () => {
    const committer = new GroupCommitter(db, UNHURRIED);
    let leaked: Kysely<TestDb> | undefined;
    await committer.run(async (trx) => {
      leaked = trx;
      await insert(trx, 1);
    });
    await expect(insert(leaked!, 2)).rejects.toThrow(/already finished/);
    expect(committedNs()).toEqual([1]);
  });

  it('passes a plain transaction to nested inTransaction unchanged (today: Kysely refuses)', async () => {
    const ctx = { db, dialect: 'sqlite', clock: fixedClock('2026-03-02T01:00:00Z') } as unknown as Ctx;
    await inTransaction(ctx, async (trx) => {
      expect(() => inTransaction({ ...ctx, db: trx }, async () => 1)).toThrow(/not supported/);
    });
  });

  it('rejects every queued caller when BEGIN fails', async () => {
    const broken = {
      startTransaction: () => ({ execute: () => Promise.reject(new Error('database is locked')) }),
    } as unknown as Kysely<TestDb>;
    const committer = new GroupCommitter(broken);
    const results = await Promise.allSettled([committer.run(async () => 1), committer.run(async () => 2)]);
    expect(results).toMatchObject([
      { status: 'rejected', reason: { message: 'database is locked' } },
      { status: 'rejected', reason: { message: 'database is locked' } },
    ]);
  });
});

describeEachDialect('inTransaction with concurrent audited writes', (getDb, dialect) => {
  const clock = fixedClock('2026-03-02T01:00:00Z');
  const actor = systemActor('测试');

  it('keeps the audit hash chain valid; failed works leave no audit row', async () => {
    const { db: kdb } = getDb();
    const ctx: Ctx = { db: kdb, dialect, clock };
    const before = await kdb.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        inTransaction(ctx, async (trx) => {
          await recordAudit(trx, clock, actor, {
            action: 'test.concurrent',
            targetType: 'thing',
            targetId: String(i),
          });
          if (i % 4 === 3) throw new Error(`work ${i} failed`);
          return i;
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    expect(ok).toBe(23);
    const after = await kdb.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(Number(after.seq) - Number(before.seq)).toBe(23);
    const rows = await kdb
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'test.concurrent')
      .execute();
    expect(rows.map((r) => Number(r.target_id)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 4 !== 3),
    );
    expect(await verifyAuditChain(kdb)).toMatchObject({ ok: true });
  });
});
