/**
 * Notices other modules attach to the public page of a published item, such as "this draft is open
 * for public comment" (意见征集, issue 16 item 6: a draft published in the catalog in its 征集 state).
 * The catalog declares the hook and renders what it returns; a module provides it in its `wire(c)`, so
 * the catalog never imports the modules that build on it.
 */
import type { Ctx } from '../../platform/context.js';

export interface ItemNotice {
  /** Plain text; the page escapes it. */
  text: string;
  link?: { href: string; label: string };
}

/** The notices for one item of one agency; `base` is the portal path prefix ('' or `/a/<code>`). */
export type ItemNoticeSource = (
  ctx: Ctx,
  orgId: string,
  itemId: string,
  base: string,
) => Promise<ItemNotice[]>;

declare module '../../platform/providers.js' {
  interface Providers {
    'catalog.itemNotices': ItemNoticeSource;
  }
}

/** The provided notices, or none when no module provides the hook. */
export async function itemNotices(
  ctx: Ctx,
  orgId: string,
  itemId: string,
  base: string,
): Promise<ItemNotice[]> {
  const source = ctx.providers?.find('catalog.itemNotices');
  return source ? source(ctx, orgId, itemId, base) : [];
}
