/** Tables owned by the portal shell. */
export const OWNED_TABLES = ['portal_site_identity'] as const;

/** Per-agency site identity for the footer: the 党政机关网站标识 issued by the 编办 (image and link). */
export interface PortalSiteIdentityTable {
  org_id: string;
  conac_image_url: string | null;
  conac_link_url: string | null;
  updated_at: string;
}

export interface PortalTables {
  portal_site_identity: PortalSiteIdentityTable;
}
