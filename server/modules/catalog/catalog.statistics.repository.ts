/**
 * SQL of the catalog's statistics facts (catalog.statistics.ts): aggregated counts over one or many
 * agencies for a period of China dates. Read-only; one statement per figure.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import { CHANNELS } from './catalog.rules.js';

type Db = Kysely<DB>;

/** Items first published in [from, to] (China dates), per agency, column and month. */
export async function publishedByColumnMonth(
  db: Db,
  orgIds: readonly string[],
  from: string,
  to: string,
): Promise<{ orgId: string; columnId: string; month: string; count: number }[]> {
  if (orgIds.length === 0) return [];
  const month = sql<string>`substr(published_on, 1, 7)`;
  const rows = await db
    .selectFrom('catalog_items')
    .select(['org_id', 'column_id', month.as('month'), (eb) => eb.fn.countAll().as('n')])
    .where('org_id', 'in', orgIds)
    .where('published_on', '>=', from)
    .where('published_on', '<=', to)
    .groupBy(['org_id', 'column_id', month])
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, columnId: r.column_id, month: r.month, count: toNumber(r.n) }));
}

/** Every column of the agencies (retired ones too: an item published last year may sit in one). */
export async function columnsOf(
  db: Db,
  orgIds: readonly string[],
): Promise<{ id: string; org_id: string; parent_id: string | null; name: string; sort_order: number }[]> {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('catalog_columns')
    .select(['id', 'org_id', 'parent_id', 'name', 'sort_order'])
    .where('org_id', 'in', orgIds)
    .execute();
}

/** Delivered releases per agency and channel with completion in [fromUtc, toUtc) (UTC timestamps). */
export async function deliveredByChannel(
  db: Db,
  orgIds: readonly string[],
  fromUtc: string,
  toUtc: string,
): Promise<{ orgId: string; channel: string; count: number }[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('catalog_deliveries')
    .select(['org_id', 'channel', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', 'in', orgIds)
    .where('channel', 'in', CHANNELS)
    .where('status', '=', 'delivered')
    .where('completed_at', '>=', fromUtc)
    .where('completed_at', '<', toUtc)
    .groupBy(['org_id', 'channel'])
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, channel: r.channel, count: toNumber(r.n) }));
}
