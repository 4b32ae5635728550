import type { Static } from 'typebox';
import { routeSchema } from '../../../contract/common.js';
import * as contract from '../../../contract/orgs.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import * as service from './orgs.service.js';
import type { Org } from './orgs.repository.js';

/** API shape of an org. */
export function toOrgView(o: Org): Static<typeof contract.OrgView> {
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
    schema: routeSchema(contract.listOrgs),
    handler: async (req) => ({ items: (await service.visibleOrgs(c.ctx, req.actor)).map(toOrgView) }),
  });

  app.get('/api/orgs/:id', {
    config: { access: needs('org.read') },
    schema: routeSchema(contract.getOrg),
    handler: async (req) => toOrgView(await service.getOrg(c.ctx, req.actor, req.params.id)),
  });

  app.post('/api/orgs', {
    config: { access: needs('org.manage', 'org.settings') },
    schema: routeSchema(contract.createOrg),
    handler: async (req, reply) =>
      reply.status(201).send(toOrgView(await service.createOrg(c.ctx, req.actor, req.body))),
  });

  app.patch('/api/orgs/:id', {
    config: { access: needs('org.manage', 'org.settings') },
    schema: routeSchema(contract.updateOrg),
    handler: async (req) =>
      toOrgView(await service.updateOrgSettings(c.ctx, req.actor, req.params.id, req.body)),
  });

  app.delete('/api/orgs/:id', {
    config: { access: needs('org.manage', 'org.settings') },
    schema: routeSchema(contract.retireOrg),
    handler: async (req, reply) => {
      await service.retireOrg(c.ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
