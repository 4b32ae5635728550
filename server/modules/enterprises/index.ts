/**
 * What other modules may use from 智慧安监 (the rest is internal).
 */
import type { Ctx } from '../../platform/context.js';
import { normalizeIndustry, regionPrefix } from './codes.js';
import { iterateEnterprises } from './enterprises.repository.js';

export { enterprisesReportFacts, enterpriseStats } from './enterprises.report.js';

export interface EnterpriseContact {
  creditCode: string;
  name: string;
  mobile?: string;
  email?: string;
}

/**
 * Contacts of an agency's enterprises for warning fan-out (预警信息推送), filtered by GB/T 2260 region
 * prefixes (2/4/6 digits) and GB/T 4754 industry prefixes; streamed page by page (bounded memory).
 * Unknown codes are refused (RangeError) rather than silently matching nothing.
 */
export async function* listEnterpriseContactsForWarning(
  ctx: Ctx,
  f: { orgId: string; regionCodes?: string[]; industryCodes?: string[] },
): AsyncIterable<EnterpriseContact> {
  const regionPrefixes = (f.regionCodes ?? []).map((c) => {
    const p = regionPrefix(c);
    if (!p) throw new RangeError(`unknown region code ${c}`);
    return p;
  });
  const industryPrefixes = (f.industryCodes ?? []).map((c) => {
    const p = normalizeIndustry(c);
    if (!p) throw new RangeError(`unknown industry code ${c}`);
    return p;
  });
  for await (const e of iterateEnterprises(ctx.db, { orgId: f.orgId, regionPrefixes, industryPrefixes })) {
    const contact: EnterpriseContact = { creditCode: e.credit_code, name: e.name };
    if (e.contact_mobile) contact.mobile = e.contact_mobile;
    if (e.contact_email) contact.email = e.contact_email;
    yield contact;
  }
}
