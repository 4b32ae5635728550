/**
 * 三员分立 through the HTTP API on both engines (issue 14, item 6): the system administrator cannot
 * reset a clerk's password and receive it, nor create a business account with a password of its choosing,
 * nor grant itself another system role; credentials of business accounts come from the agency's office;
 * the auditor only reads the audit log, which nobody can alter through the API and the sysadmin cannot read.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { Client, createTestApp, signedIn, type TestApp } from '../../../test/http.js';
import { systemActor } from '../../platform/actor.js';
import { resetPassword, setUserDisabled } from './users.service.js';

describeEachDialect(
  '三员分立',
  (getDb) => {
    let t: TestApp;
    let sysadmin: Client;
    let office: Client;
    let auditor: Client;
    let agencyId: string;
    const userId = async (username: string) =>
      (
        (await sysadmin.get(`/api/users?q=${username}`)).json().items as { id: string; username: string }[]
      ).find((u) => u.username === username)!.id;

    beforeAll(async () => {
      t = await createTestApp(getDb(), { seed: false });
      sysadmin = await signedIn(t.app, 'sysadmin');
      office = await signedIn(t.app, 'office');
      auditor = await signedIn(t.app, 'auditor');
      agencyId = (await office.get('/api/orgs'))
        .json()
        .items.find((o: { code: string }) => o.code === 'shili-yjj').id;
    });

    it('the sysadmin creates a business account without learning or choosing its password; the office issues it', async () => {
      const chosen = await sysadmin.post('/api/users', {
        username: 'sa-chosen',
        displayName: '自设密码',
        orgId: agencyId,
        roles: ['clerk'],
        password: 'Chosen#Pass2026',
      });
      expect(chosen.statusCode).toBe(403);
      expect(chosen.json()).toMatchObject({ code: 'credential_not_yours', field: 'password' });

      const created = await sysadmin.post('/api/users', {
        username: 'sa-made',
        displayName: '新科员',
        orgId: agencyId,
        roles: ['clerk'],
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ initialPassword: null, user: { passwordPending: true } });
      const id = created.json().user.id as string;

      // Nobody signs in to an account waiting for its password, whatever they try.
      const nobody = new Client(t.app);
      for (const guess of ['', '!pending', 'Gongkai@2026'])
        if (guess) expect((await nobody.login('sa-made', guess)).json().code).toBe('invalid_credentials');

      const bySysadmin = await sysadmin.post(`/api/users/${id}/reset-password`);
      expect(bySysadmin.statusCode).toBe(403);
      expect(bySysadmin.json().code).toBe('credential_not_yours');
      expect(bySysadmin.body).not.toContain('initialPassword');

      const issued = await office.post(`/api/users/${id}/reset-password`);
      expect(issued.statusCode).toBe(200);
      const owner = new Client(t.app);
      expect((await owner.login('sa-made', issued.json().initialPassword)).statusCode).toBe(200);
      expect((await office.get(`/api/users/${id}`)).json().passwordPending).toBe(false);

      const audit = (await auditor.get(`/api/audit?targetType=user&targetId=${id}`)).json();
      const rows = audit.items as { action: string; actorName: string; summary: unknown }[];
      expect(rows.map((r) => r.action)).toEqual(['user.reset_password', 'user.create']);
      expect(rows[0]!.actorName).toBe('王政务');
      expect(JSON.stringify(rows[0]!.summary)).toContain('first_issued');
      expect(rows[1]!.actorName).toBe('郑系统');
      expect(JSON.stringify(rows[1]!.summary)).toContain('pending');
    });

    it('the sysadmin cannot reset anyone’s password and receive it: clerk, auditor, secadmin or itself', async () => {
      for (const username of ['clerk', 'auditor', 'secadmin', 'sysadmin']) {
        const res = await sysadmin.post(`/api/users/${await userId(username)}/reset-password`);
        expect([username, res.statusCode, res.json().code]).toEqual([username, 403, 'credential_not_yours']);
      }
      // The office still resets its own clerks (and only its own agency's business accounts).
      expect((await office.post(`/api/users/${await userId('clerk')}/reset-password`)).statusCode).toBe(200);
      expect((await office.post(`/api/users/${await userId('auditor')}/reset-password`)).statusCode).toBe(
        403,
      );
      // A system account the sysadmin creates waits for the operator at the server (CLI) to issue its password.
      const sec2 = await sysadmin.post('/api/users', {
        username: 'secadmin2',
        displayName: '第二安全员',
        orgId: agencyId,
        roles: ['secadmin'],
      });
      expect(sec2.json()).toMatchObject({ initialPassword: null, user: { passwordPending: true } });
      const id = sec2.json().user.id as string;
      expect((await office.post(`/api/users/${id}/reset-password`)).statusCode).toBe(403);
      const cli = await resetPassword(t.container.ctx, systemActor('命令行'), id);
      expect((await new Client(t.app).login('secadmin2', cli.initialPassword)).statusCode).toBe(200);
    });

    it('nobody holds two system roles or a system and a business role; the sysadmin cannot grant itself another', async () => {
      const me = await userId('sysadmin');
      for (const roles of [['secadmin'], ['auditor'], ['sysadmin', 'auditor']]) {
        const res = await sysadmin.patch(`/api/users/${me}`, { roles });
        expect(res.statusCode, JSON.stringify(roles)).toBeGreaterThanOrEqual(400);
        expect(['cannot_change_own_roles', 'invalid_roles']).toContain(res.json().code);
      }
      expect((await sysadmin.patch(`/api/users/${me}`, { roles: ['secadmin'] })).json().code).toBe(
        'cannot_change_own_roles',
      );
      const clerkId = await userId('clerk');
      expect((await sysadmin.patch(`/api/users/${clerkId}`, { roles: ['auditor'] })).json().code).toBe(
        'role_class_change',
      );
      expect(
        (await sysadmin.patch(`/api/users/${clerkId}`, { roles: ['clerk', 'auditor'] })).json().code,
      ).toBe('invalid_roles');
      const auditorId = await userId('auditor');
      expect((await sysadmin.patch(`/api/users/${auditorId}`, { roles: ['secadmin'] })).json().code).toBe(
        'role_class_change',
      );
      const twoSystem = await sysadmin.post('/api/users', {
        username: 'two-hats',
        displayName: '兼任',
        orgId: agencyId,
        roles: ['secadmin', 'auditor'],
      });
      expect(twoSystem.json().code).toBe('invalid_roles');
      // Business role changes stay possible (and audited).
      expect(
        (await sysadmin.patch(`/api/users/${clerkId}`, { roles: ['clerk', 'reviewer'] })).statusCode,
      ).toBe(200);
      expect((await sysadmin.patch(`/api/users/${clerkId}`, { roles: ['clerk'] })).statusCode).toBe(200);
    });

    it('the sysadmin cannot silence the auditor or the security admin; the operator can', async () => {
      const auditorId = await userId('auditor');
      const res = await sysadmin.post(`/api/users/${auditorId}/disable`);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('system_account_operator');
      expect((await sysadmin.post(`/api/users/${await userId('secadmin')}/disable`)).statusCode).toBe(403);
      expect((await auditor.get('/api/audit')).statusCode).toBe(200);
      const ctx = t.container.ctx;
      await setUserDisabled(ctx, systemActor('命令行'), auditorId, true);
      await setUserDisabled(ctx, systemActor('命令行'), auditorId, false);
    });

    it('the auditor only reads the audit log; nobody alters it through the API; the sysadmin and secadmin cannot read it', async () => {
      const auditRoutes = t.app.routeInventory.filter((r) => r.url.startsWith('/api/audit'));
      expect(auditRoutes.length).toBeGreaterThan(0);
      expect(auditRoutes.filter((r) => !['GET', 'HEAD'].includes(r.method))).toEqual([]);
      const auditor2 = await signedIn(t.app, 'auditor');
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const)
        expect([404, 405]).toContain((await auditor2.request(method, '/api/audit', {})).statusCode);
      const secadmin = await signedIn(t.app, 'secadmin');
      for (const url of ['/api/audit', '/api/audit/export.csv', '/api/audit/verify']) {
        expect((await sysadmin.get(url)).statusCode, url).toBe(403);
        expect((await secadmin.get(url)).statusCode, url).toBe(403);
        expect((await auditor2.get(url)).statusCode, url).toBe(200);
      }
      // System roles see no business data; the auditor manages no users.
      expect((await sysadmin.get('/api/catalog/items')).statusCode).toBe(403);
      expect((await auditor2.get('/api/catalog/items')).statusCode).toBe(403);
      expect((await auditor2.get('/api/users')).statusCode).toBe(403);
      expect((await sysadmin.get('/api/security/logins')).statusCode).toBe(403);
    });
  },
  { seeded: true },
);
