import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';

describeEachDialect('catalog migration', (getDb) => {
  it('creates every catalog table', async () => {
    const { db } = getDb();
    const count = await db
      .selectFrom('catalog_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    await db.selectFrom('catalog_deliveries').selectAll().execute();
    await db.selectFrom('catalog_item_links').selectAll().execute();
  });
});
