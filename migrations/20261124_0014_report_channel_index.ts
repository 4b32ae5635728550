import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * The annual report's 发布渠道 counts (catalog.dashboard.ts channelCounts: deliveries recorded or
 * delivered in the year, per channel) from the index alone: with one portal delivery per published
 * item, the old (org_id, channel, completed_at) index made the count look up every delivery row of
 * the year for its status — about 1 s at 1M items. The new index has the old one as its prefix and
 * replaces it. (A separate migration from 0013 so cached benchmark datasets built with 0013 stay valid.)
 */
export function reportChannelIndex(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createIndex('catalog_deliveries_org_channel_status')
        .on('catalog_deliveries')
        .columns(['org_id', 'channel', 'completed_at', 'status'])
        .execute();
      await db.schema.dropIndex('catalog_deliveries_org_channel').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema
        .createIndex('catalog_deliveries_org_channel')
        .on('catalog_deliveries')
        .columns(['org_id', 'channel', 'completed_at'])
        .execute();
      await db.schema.dropIndex('catalog_deliveries_org_channel_status').execute();
    },
  };
}
