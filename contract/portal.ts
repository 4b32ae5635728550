/** Portal shell: per-agency site identity (党政机关网站标识) shown in every page's footer. */
import { Type } from 'typebox';
import { Nullable, STAFF_ERRORS, type RouteContract } from './common.js';

const TAGS = ['portal'];

/** An https URL (or a site-relative path) for the 党政机关网站标识 image or its verification link. */
const Url = Type.String({ maxLength: 500, pattern: '^(https://|/)[^\\s\\u0000]*$' });

export const SiteIdentity = Type.Object({
  conacImageUrl: Nullable(Url),
  conacLinkUrl: Nullable(Url),
  updatedAt: Nullable(Type.String()),
});

export const getSiteIdentity = {
  operationId: 'portal.getSiteIdentity',
  summary: '读取门户网站标识设置（党政机关网站标识）',
  tags: TAGS,
  response: { 200: SiteIdentity },
  errors: STAFF_ERRORS,
} as const satisfies RouteContract;

export const putSiteIdentity = {
  operationId: 'portal.putSiteIdentity',
  summary: '保存门户网站标识设置（党政机关网站标识图片地址与链接）',
  description: '图片与链接由机构编制部门核发；两项都为空时页脚不显示该标识。',
  tags: TAGS,
  body: Type.Object({ conacImageUrl: Nullable(Url), conacLinkUrl: Nullable(Url) }),
  response: { 200: SiteIdentity },
  errors: STAFF_ERRORS,
} as const satisfies RouteContract;

// ---------------------------------------------------------------- editable portal page texts

/** The portal pages whose free text the office edits (today the 政府信息公开指南). */
export const PORTAL_PAGE_SLUGS = ['guide'] as const;
export const PortalPageParams = Type.Object({
  slug: Type.Unsafe<(typeof PORTAL_PAGE_SLUGS)[number]>({ type: 'string', enum: [...PORTAL_PAGE_SLUGS] }),
});
export const PortalPageView = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  bodyHtml: Type.String(),
  updatedAt: Nullable(Type.String()),
});

export const getPortalPage = {
  operationId: 'portal.getPage',
  summary: '读取门户页面可编辑文本（如政府信息公开指南补充说明）',
  tags: TAGS,
  params: PortalPageParams,
  querystring: Type.Object({ orgId: Type.Optional(Type.String({ maxLength: 36 })) }),
  response: { 200: PortalPageView },
  errors: STAFF_ERRORS,
} as const satisfies RouteContract;

export const putPortalPage = {
  operationId: 'portal.putPage',
  summary: '保存门户页面可编辑文本（富文本，服务端净化）',
  tags: TAGS,
  params: PortalPageParams,
  body: Type.Object({
    title: Type.Optional(Type.String({ maxLength: 200 })),
    bodyHtml: Type.String({ maxLength: 100_000 }),
  }),
  response: { 200: PortalPageView },
  errors: STAFF_ERRORS,
} as const satisfies RouteContract;
