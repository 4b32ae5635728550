import { Type } from 'typebox';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { Container } from '../../container.js';
import * as service from './orgs.service.js';
import type { Org } from './orgs.repository.js';

const OrgKindT = Type.Union([
  Type.Literal('government'),
  Type.Literal('department'),
  Type.Literal('division'),
  Type.Literal('unit'),
]);
const Text = (max = 300) => Type.Optional(Nullable(Type.String({ maxLength: max })));

const Settings = {
  shortName: Text(100),
  creditCode: Text(18),
  address: Text(),
  postcode: Text(6),
  officeHours: Text(200),
  phone: Text(100),
  fax: Text(100),
  email: Text(200),
  portalHost: Text(200),
  footerSponsor: Text(200),
  siteCode: Text(20),
  icpNumber: Text(100),
  policeRecordNumber: Text(100),
};

const OrgView = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  kind: OrgKindT,
  code: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  creditCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  officeHours: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  fax: Nullable(Type.String()),
  email: Nullable(Type.String()),
  portalHost: Nullable(Type.String()),
  footerSponsor: Nullable(Type.String()),
  siteCode: Nullable(Type.String()),
  icpNumber: Nullable(Type.String()),
  policeRecordNumber: Nullable(Type.String()),
  isDefault: Type.Boolean(),
  sortOrder: Type.Integer(),
  retired: Type.Boolean(),
});

/** API shape of an org. */
export function toOrgView(o: Org) {
  return {
    id: o.id,
    parentId: o.parent_id,
    kind: o.kind,
    code: o.code,
    name: o.name,
    shortName: o.short_name,
    creditCode: o.credit_code,
    address: o.address,
    postcode: o.postcode,
    officeHours: o.office_hours,
    phone: o.phone,
    fax: o.fax,
    email: o.email,
    portalHost: o.portal_host,
    footerSponsor: o.footer_sponsor,
    siteCode: o.site_code,
    icpNumber: o.icp_number,
    policeRecordNumber: o.police_record_number,
    isDefault: o.is_default === 1,
    sortOrder: o.sort_order,
    retired: o.retired_at !== null,
  };
}

export async function orgRoutes(app: App, c: Container): Promise<void> {
  app.get('/api/orgs', {
    config: { access: needs('org.read') },
    schema: {
      tags: ['机构'],
      summary: '机构树（当前用户可见部分）',
      response: { 200: Type.Object({ items: Type.Array(OrgView) }) },
    },
    handler: async (req) => ({ items: (await service.visibleOrgs(c.ctx, req.actor)).map(toOrgView) }),
  });

  app.get('/api/orgs/:id', {
    config: { access: needs('org.read') },
    schema: { tags: ['机构'], params: IdParams, response: { 200: OrgView } },
    handler: async (req) => toOrgView(await service.getOrg(c.ctx, req.actor, req.params.id)),
  });

  app.post('/api/orgs', {
    config: { access: needs('org.manage', 'org.settings') },
    schema: {
      tags: ['机构'],
      summary: '新建机构（系统管理员）或内设科室/所属单位（政务公开办）',
      body: Type.Object({
        parentId: Nullable(Type.String()),
        kind: OrgKindT,
        code: Type.String({ minLength: 2, maxLength: 63 }),
        name: Type.String({ minLength: 1, maxLength: 200 }),
        sortOrder: Type.Optional(Type.Integer()),
        ...Settings,
      }),
      response: { 201: OrgView },
    },
    handler: async (req, reply) =>
      reply.status(201).send(toOrgView(await service.createOrg(c.ctx, req.actor, req.body))),
  });

  app.patch('/api/orgs/:id', {
    config: { access: needs('org.manage', 'org.settings') },
    schema: {
      tags: ['机构'],
      summary: '修改机关设置（指南与门户页脚所需信息）',
      params: IdParams,
      body: Type.Object({
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        sortOrder: Type.Optional(Type.Integer()),
        ...Settings,
      }),
      response: { 200: OrgView },
    },
    handler: async (req) =>
      toOrgView(await service.updateOrgSettings(c.ctx, req.actor, req.params.id, req.body)),
  });

  app.delete('/api/orgs/:id', {
    config: { access: needs('org.manage', 'org.settings') },
    schema: {
      tags: ['机构'],
      summary: '撤销机构（保留历史）',
      params: IdParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await service.retireOrg(c.ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
