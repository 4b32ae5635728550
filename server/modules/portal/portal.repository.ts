import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PortalSiteIdentityTable } from './portal.tables.js';

type Db = Kysely<DB>;

export function findSiteIdentity(db: Db, orgId: string): Promise<PortalSiteIdentityTable | undefined> {
  return db.selectFrom('portal_site_identity').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function upsertSiteIdentity(db: Db, row: PortalSiteIdentityTable): Promise<void> {
  await db
    .insertInto('portal_site_identity')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        conac_image_url: row.conac_image_url,
        conac_link_url: row.conac_link_url,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
