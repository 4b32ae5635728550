/**
 * Editable portal page texts (table portal_pages), today the free text of the 政府信息公开指南
 * (slug `guide`): the guide itself is generated from agency settings and the column tree, and the
 * office adds what only it knows (offline 政务公开专区, fees, remedies …).
 */
import { routeSchema } from '../../../../contract/common.js';
import { getPortalPage, PORTAL_PAGE_SLUGS, putPortalPage } from '../../../../contract/portal.js';
import type { App } from '../../../http/app.js';
import { needs } from '../../../http/access.js';
import type { Container } from '../../../container.js';
import type { Actor } from '../../../platform/actor.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { nowIso } from '../../../platform/clock.js';
import { forbidden, invalidField } from '../../../platform/errors.js';
import { assertReadsAgency, assertWritesAgency } from '../../orgs/orgs.service.js';
import { recordAudit } from '../../audit/audit.service.js';
import { bumpContentVersion } from '../../portal/portal.cache.js';
import { findPortalPage, upsertPortalPage } from '../../search/search.repository.js';
import { sanitizeItemBody } from '../rich-text.js';

export { PORTAL_PAGE_SLUGS };
export type PortalPageSlug = (typeof PORTAL_PAGE_SLUGS)[number];
const DEFAULT_TITLES: Record<PortalPageSlug, string> = { guide: '政府信息公开指南' };
const MAX_BODY = 100_000;

export interface PortalPageView {
  slug: PortalPageSlug;
  title: string;
  bodyHtml: string;
  updatedAt: string | null;
}

/** The stored text of a page (empty body when never edited). */
export async function readPortalPage(ctx: Ctx, orgId: string, slug: PortalPageSlug): Promise<PortalPageView> {
  const row = await findPortalPage(ctx.db, orgId, slug);
  return {
    slug,
    title: row?.title ?? DEFAULT_TITLES[slug],
    bodyHtml: row?.body_html ?? '',
    updatedAt: row?.updated_at ?? null,
  };
}

/** Saves a page text of the actor's agency: sanitized, audited, and the portal's content version bumped. */
export async function savePortalPage(
  ctx: Ctx,
  actor: Actor,
  slug: PortalPageSlug,
  input: { title?: string; bodyHtml: string },
): Promise<PortalPageView> {
  if (!actor.permissions.has('catalog.admin') && !actor.permissions.has('org.settings')) throw forbidden();
  const orgId = actor.orgId;
  if (!orgId) throw forbidden('无所属机关');
  assertWritesAgency(actor, orgId);
  if (input.bodyHtml.length > MAX_BODY) throw invalidField('bodyHtml', 'text_too_long', '正文过长');
  const title = (input.title ?? DEFAULT_TITLES[slug]).trim() || DEFAULT_TITLES[slug];
  const bodyHtml = sanitizeItemBody(input.bodyHtml);
  await inTransaction(ctx, async (trx) => {
    const at = nowIso(ctx.clock);
    const before = await findPortalPage(trx, orgId, slug);
    await upsertPortalPage(trx, {
      org_id: orgId,
      slug,
      title,
      body_html: bodyHtml,
      updated_at: at,
      updated_by: actor.userId,
    });
    await recordAudit(trx, ctx.clock, actor, {
      action: 'portal.page.save',
      targetType: 'portal_page',
      targetId: slug,
      orgId,
      before: before ? { title: before.title, length: before.body_html.length } : undefined,
      after: { title, length: bodyHtml.length },
    });
    await bumpContentVersion(trx, ctx.clock, orgId);
  });
  return readPortalPage(ctx, orgId, slug);
}

/** Console API: read and save the editable texts of the agency's portal pages. */
export async function portalPageRoutes(app: App, c: Container): Promise<void> {
  app.get(
    '/api/portal/pages/:slug',
    {
      config: { access: needs('business.read', 'org.settings') },
      schema: routeSchema(getPortalPage),
    },
    async (req) => {
      const orgId = req.query.orgId ?? req.actor.orgId;
      if (!orgId) throw forbidden('无所属机关');
      await assertReadsAgency(c.ctx, req.actor, orgId);
      return readPortalPage(c.ctx, orgId, req.params.slug);
    },
  );
  app.put(
    '/api/portal/pages/:slug',
    {
      config: { access: needs('catalog.admin', 'org.settings') },
      schema: routeSchema(putPortalPage),
    },
    async (req) => savePortalPage(c.ctx, req.actor, req.params.slug, req.body),
  );
}
