import { expect, it } from 'vitest';
import { describeEachDialect } from './each-dialect.js';
import { buildCase, buildCatalogItem, buildDecision, buildOrg, buildUser } from './factories.js';

describeEachDialect('test factories', (getDb) => {
  it('build complete rows that both engines accept, unique per call, overridable', async () => {
    const db = getDb().db;
    const org = buildOrg({ kind: 'government', name: '示例市人民政府' });
    expect(buildOrg().code).not.toBe(buildOrg().code);
    await db.insertInto('orgs').values(org).execute();
    const user = buildUser({ org_id: org.id });
    await db.insertInto('users').values(user).execute();
    const c = buildCase({ org_id: org.id, stage: 'replied', closed_on: '2026-03-20' });
    await db.insertInto('request_cases').values(c).execute();
    await db
      .insertInto('enforcement_decisions')
      .values(buildDecision({ org_id: org.id }))
      .execute();
    const stored = await db
      .selectFrom('request_cases')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ stage: 'replied', closed_on: '2026-03-20', org_id: org.id });
    expect(buildCatalogItem({ org_id: org.id, column_id: 'c1', title: '通知' })).toMatchObject({
      title: '通知',
      status: 'unpublished',
    });
  });
});
