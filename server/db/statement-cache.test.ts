import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachedStatements } from './statement-cache.js';

function memoryDb(): SqliteDatabase.Database {
  const db = new SqliteDatabase(':memory:');
  db.exec('create table t (id integer primary key, name text)');
  db.exec("insert into t (name) values ('a'), ('b'), ('c')");
  return db;
}

describe('prepared-statement cache (SQLite)', () => {
  it('returns the compiled statement for SQL it has seen, a new one for other SQL', () => {
    const db = cachedStatements(memoryDb());
    const a = db.prepare('select name from t where id = ?');
    expect(db.prepare('select name from t where id = ?')).toBe(a);
    expect(db.prepare('select id from t where name = ?')).not.toBe(a);
    expect(a.all([2])).toEqual([{ name: 'b' }]);
    expect(a.all([3])).toEqual([{ name: 'c' }]);
  });

  it('keeps at most `capacity` statements, evicting the least recently used', () => {
    const db = cachedStatements(memoryDb(), 2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // a is now the most recent
    db.prepare('select 3'); // evicts b
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('does not keep long SQL', () => {
    const db = cachedStatements(memoryDb(), 10, 40);
    const long = `select id from t where id in (${Array.from({ length: 20 }, () => '?').join(', ')})`;
    expect(db.prepare(long)).not.toBe(db.prepare(long));
  });

  it('never hands out a statement that is still iterating', () => {
    const db = cachedStatements(memoryDb());
    const sql = 'select id from t order by id';
    const first = db.prepare(sql);
    const rows = first.iterate([]);
    expect(rows.next().value).toEqual({ id: 1 });
    const second = db.prepare(sql);
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect([...rows]).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('serves Kysely queries, streamed ones included, from cached statements', async () => {
    const k = new Kysely<{ t: { id: Generated<number>; name: string } }>({
      dialect: new SqliteDialect({ database: cachedStatements(memoryDb()) }),
    });
    const query = () => k.selectFrom('t').select('id').orderBy('id');
    const streamed: number[] = [];
    for await (const row of query().stream()) {
      streamed.push(row.id);
      break; // leaving the loop early resets the statement
    }
    expect(streamed).toEqual([1]);
    expect(await query().execute()).toHaveLength(3);
    // Writes and reads keep working through cached statements.
    for (let i = 0; i < 3; i++)
      await k
        .insertInto('t')
        .values({ name: `n${i}` })
        .execute();
    const names = await k.selectFrom('t').select('name').where('id', '>', 3).orderBy('id').execute();
    expect(names.map((r) => r.name)).toEqual(['n0', 'n1', 'n2']);
    await k.destroy();
  });

  it('sees columns added after a statement was cached', () => {
    const raw = memoryDb();
    const db = cachedStatements(raw);
    expect(db.prepare('select * from t where id = 1').all([])).toEqual([{ id: 1, name: 'a' }]);
    raw.exec("alter table t add column note text default 'x'");
    expect(db.prepare('select * from t where id = 1').all([])).toEqual([{ id: 1, name: 'a', note: 'x' }]);
  });

  it('closes the database', () => {
    const raw = memoryDb();
    cachedStatements(raw).close();
    expect(raw.open).toBe(false);
  });
});
