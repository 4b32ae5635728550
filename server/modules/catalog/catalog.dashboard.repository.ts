/** SQL of the timeliness dashboard and the channel release counts (catalog.dashboard.ts). Read-only. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CHANNELS } from './catalog.rules.js';

type Db = Kysely<DB>;

/** The agency's published items published on or after `since` that have a 生成日期. */
export function recentDatedPublished(db: Db, orgId: string, since: string) {
  return db
    .selectFrom('catalog_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('published_on', '>=', since)
    .where('generated_on', 'is not', null)
    .execute();
}

/** These items (all columns). */
export function itemsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalog_items').selectAll().where('id', 'in', ids).execute();
}

/** Delivered channel releases completed in [from, to), per channel. */
export function deliveredPerChannel(db: Db, orgId: string, from: string, to: string) {
  return (
    db
      .selectFrom('catalog_deliveries')
      .select(['channel', (eb) => eb.fn.countAll().as('n')])
      .where('org_id', '=', orgId)
      // one index range per channel of (org_id, channel, completed_at, status), not all the agency's deliveries
      .where('channel', 'in', CHANNELS)
      .where('status', '=', 'delivered')
      .where('completed_at', '>=', from)
      .where('completed_at', '<', to)
      .groupBy('channel')
      .execute()
  );
}

/** Channel deliveries created in [from, to), per channel and status. */
export function deliveriesPerChannelStatus(db: Db, orgId: string, from: string, to: string) {
  return db
    .selectFrom('catalog_deliveries')
    .select(['channel', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .where('channel', 'in', CHANNELS)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(['channel', 'status'])
    .execute();
}
