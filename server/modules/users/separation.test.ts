import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { systemActor, userActor } from '../../platform/actor.js';
import { BUSINESS_ROLES, roleSetProblem, ROLES, SYSTEM_ROLES, type Role } from './roles.js';
import { accountClass, credentialProblem, lifecycleProblem, roleChangeProblem } from './separation.js';

const person = (id: string, orgId: string, roles: Role[]) =>
  userActor({ userId: id, name: id, orgId, divisionId: null, roles });
const sysadmin = person('sa', 'gov', ['sysadmin']);
const secadmin = person('sec', 'gov', ['secadmin']);
const auditor = person('aud', 'gov', ['auditor']);
const office = person('off', 'yjj', ['office']);
const operator = systemActor('命令行');
const account = (id: string, orgId: string, roles: Role[]) => ({ id, orgId, roles });
const clerk = account('c1', 'yjj', ['clerk']);
const otherClerk = account('c2', 'other', ['clerk']);
const auditorAccount = account('aud', 'gov', ['auditor']);
const officeOfGov = person('off2', 'gov', ['office']);

describe('三员分立: role sets', () => {
  it('no account holds two system roles, or a system role with a business role', () => {
    fc.assert(
      fc.property(fc.subarray([...ROLES], { minLength: 1 }), (roles) => {
        const system = roles.filter((r) => SYSTEM_ROLES.includes(r));
        const ok = roleSetProblem(roles) === null;
        if (system.length > 1) expect(ok).toBe(false);
        if (system.length === 1 && roles.length > 1) expect(ok).toBe(false);
        if (ok) expect(['system', 'business', 'enterprise']).toContain(accountClass(roles));
      }),
    );
    expect(roleSetProblem(['sysadmin', 'secadmin'])).toContain('不同人员');
    expect(roleSetProblem(['auditor', 'clerk'])).toContain('业务角色');
    expect(roleSetProblem([])).not.toBeNull();
  });

  it('system roles grant no business permission, and each other none of theirs', async () => {
    const { permissionsOf } = await import('./roles.js');
    const business = permissionsOf(BUSINESS_ROLES);
    // Shared on purpose: reading the organisation tree, and the working calendar (the deployment's
    // statutory holiday schedule, configuration rather than business data, kept by either side).
    const shared = new Set(['org.read', 'calendar.manage']);
    const only = (r: Role) => [...permissionsOf([r])].filter((p) => !shared.has(p));
    for (const r of SYSTEM_ROLES) {
      expect(only(r).filter((p) => business.has(p))).toEqual([]);
      for (const other of SYSTEM_ROLES.filter((o) => o !== r))
        expect(only(r).filter((p) => permissionsOf([other]).has(p))).toEqual([]);
    }
    expect(permissionsOf(['sysadmin']).has('audit.read')).toBe(false);
    expect(permissionsOf(['sysadmin']).has('security.read')).toBe(false);
    expect(permissionsOf(['auditor']).has('user.manage.system')).toBe(false);
    expect(permissionsOf(['secadmin']).has('audit.read')).toBe(false);
  });
});

describe('三员分立: credentials reach only their owner', () => {
  it('the system administrator never sets or receives anyone’s password', () => {
    expect(credentialProblem(sysadmin, clerk)?.code).toBe('credential_not_yours');
    expect(credentialProblem(sysadmin, auditorAccount)?.code).toBe('credential_not_yours');
    expect(credentialProblem(sysadmin, account('sa', 'gov', ['sysadmin']))?.code).toBe(
      'credential_not_yours',
    );
    expect(credentialProblem(sysadmin, account('new', 'yjj', ['office']))?.messageZh).toContain('政务公开办');
  });

  it('the office issues passwords of its own agency’s business accounts only', () => {
    expect(credentialProblem(office, clerk)).toBeNull();
    expect(credentialProblem(office, otherClerk)).not.toBeNull();
    expect(credentialProblem(officeOfGov, auditorAccount)?.messageZh).toContain(
      'gongkai user reset-password',
    );
    expect(credentialProblem(office, account('off', 'yjj', ['office']))?.messageZh).toContain('修改密码');
  });

  it('the security admin and the auditor issue none; the operator at the server issues any', () => {
    expect(credentialProblem(secadmin, clerk)).not.toBeNull();
    expect(credentialProblem(auditor, clerk)).not.toBeNull();
    expect(credentialProblem(operator, auditorAccount)).toBeNull();
    expect(credentialProblem(operator, clerk)).toBeNull();
  });
});

describe('三员分立: roles and account lifecycle', () => {
  it('nobody changes their own roles: a sysadmin cannot make themselves secadmin or auditor', () => {
    const self = account('sa', 'gov', ['sysadmin']);
    expect(roleChangeProblem(sysadmin, self, ['secadmin'])?.code).toBe('cannot_change_own_roles');
    expect(roleChangeProblem(sysadmin, self, ['auditor'])?.code).toBe('cannot_change_own_roles');
    expect(roleChangeProblem(office, account('off', 'yjj', ['office']), ['clerk'])?.code).toBe(
      'cannot_change_own_roles',
    );
  });

  it('an account never changes class, and a system account never changes its system role', () => {
    expect(roleChangeProblem(sysadmin, clerk, ['auditor'])?.code).toBe('role_class_change');
    expect(roleChangeProblem(sysadmin, auditorAccount, ['secadmin'])?.code).toBe('role_class_change');
    expect(roleChangeProblem(sysadmin, auditorAccount, ['clerk'])?.code).toBe('role_class_change');
    expect(roleChangeProblem(sysadmin, account('e', 'yjj', ['enterprise']), ['clerk'])?.code).toBe(
      'role_class_change',
    );
    expect(roleChangeProblem(sysadmin, clerk, ['clerk', 'reviewer'])).toBeNull();
    expect(roleChangeProblem(operator, auditorAccount, ['secadmin'])?.code).toBe('role_class_change');
  });

  it('system accounts are disabled and enabled only by the operator', () => {
    expect(lifecycleProblem(sysadmin, auditorAccount)?.code).toBe('system_account_operator');
    expect(lifecycleProblem(sysadmin, account('sec', 'gov', ['secadmin']))?.code).toBe(
      'system_account_operator',
    );
    expect(lifecycleProblem(sysadmin, clerk)).toBeNull();
    expect(lifecycleProblem(operator, auditorAccount)).toBeNull();
  });
});
