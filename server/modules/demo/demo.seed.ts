import type { Ctx } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { createOrg } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import { createUser } from '../users/users.service.js';
import type { Role } from '../users/roles.js';
import * as orgRepo from '../orgs/orgs.repository.js';

/** The printed demo password: it satisfies the policy and demo accounts are exempt from the forced change. */
export const DEMO_PASSWORD = 'Gongkai@2026';

export interface DemoLogin {
  username: string;
  role: Role;
  label: string;
  agency: string;
}

/** A module adds its demo content here (columns, items, cases …) after the agency exists. */
export type DemoContributor = (ctx: Ctx, agency: Org, government: Org) => Promise<void>;

/**
 * Seeds 示例市人民政府 → 示例市应急管理局 with the divisions and subordinate units named in the seeds
 * (seed 000: 安全生产监察大队, 危险化学品监督管理办公室, 安全生产应急救援指挥中心), one user per role.
 * Idempotent: does nothing when any org exists.
 */
export async function seedDemo(ctx: Ctx, contributors: DemoContributor[] = []): Promise<DemoLogin[] | null> {
  if ((await orgRepo.count(ctx.db)) > 0) return null;
  const actor = systemActor('演示数据');
  const government = await createOrg(ctx, actor, {
    parentId: null,
    kind: 'government',
    code: 'shili-gov',
    name: '示例市人民政府',
    shortName: '示例市政府',
    creditCode: '11370300004300123X',
    address: '示例市人民路1号',
    postcode: '255000',
    phone: '0533-1234000',
    footerSponsor: '示例市人民政府办公室',
    siteCode: '3703000001',
  });
  const agency = await createOrg(ctx, actor, {
    parentId: government.id,
    kind: 'department',
    code: 'shili-yjj',
    name: '示例市应急管理局',
    shortName: '市应急局',
    isDefault: true,
    creditCode: '113703000MB158465B',
    address: '示例市人民路26号应急管理大楼',
    postcode: '255000',
    officeHours: '工作日 上午8:30—12:00，下午13:30—17:30（法定节假日除外）',
    phone: '0533-1234567',
    fax: '0533-1234568',
    email: 'yjj@shili.example.gov.cn',
    footerSponsor: '示例市应急管理局',
    siteCode: '3703000012',
    icpNumber: '鲁ICP备00000000号-1',
    policeRecordNumber: '鲁公网安备 37030002000001号',
  });
  const divisions = [
    '办公室',
    '政策法规科',
    '安全生产基础科',
    '危险化学品监督管理科',
    '应急救援科',
    '执法监督科',
  ];
  const divisionOrgs: Record<string, Org> = {};
  for (const [i, name] of divisions.entries()) {
    divisionOrgs[name] = await createOrg(ctx, actor, {
      parentId: agency.id,
      kind: 'division',
      code: `shili-yjj-d${i + 1}`,
      name,
      sortOrder: i,
    });
  }
  const units = ['安全生产监察大队', '危险化学品监督管理办公室', '安全生产应急救援指挥中心'];
  for (const [i, name] of units.entries()) {
    await createOrg(ctx, actor, {
      parentId: agency.id,
      kind: 'unit',
      code: `shili-yjj-u${i + 1}`,
      name,
      sortOrder: 100 + i,
    });
  }
  const people: { username: string; name: string; role: Role; org: Org; division?: string }[] = [
    { username: 'office', name: '王政务', role: 'office', org: agency, division: '办公室' },
    { username: 'clerk', name: '李信息', role: 'clerk', org: agency, division: '安全生产基础科' },
    { username: 'reviewer', name: '赵保密', role: 'reviewer', org: agency, division: '办公室' },
    { username: 'leader', name: '孙分管', role: 'leader', org: agency },
    { username: 'principal', name: '周局长', role: 'principal_leader', org: agency },
    { username: 'supervisor', name: '吴督查', role: 'supervisor', org: government },
    { username: 'sysadmin', name: '郑系统', role: 'sysadmin', org: government },
    { username: 'secadmin', name: '冯安全', role: 'secadmin', org: government },
    { username: 'auditor', name: '陈审计', role: 'auditor', org: government },
  ];
  const logins: DemoLogin[] = [];
  for (const p of people) {
    await createUser(ctx, actor, {
      username: p.username,
      displayName: p.name,
      orgId: p.org.id,
      divisionId: p.division ? divisionOrgs[p.division]!.id : null,
      roles: [p.role],
      password: DEMO_PASSWORD,
      mustChangePassword: false,
    });
    logins.push({ username: p.username, role: p.role, label: p.name, agency: p.org.name });
  }
  for (const contribute of contributors) await contribute(ctx, agency, government);
  return logins;
}
