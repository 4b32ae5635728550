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
