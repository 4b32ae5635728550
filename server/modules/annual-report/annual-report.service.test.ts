import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { userActor, type Actor } from '../../platform/actor.js';
import { fixedClock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { seedDemo } from '../demo/demo.seed.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import { createOrg } from '../orgs/orgs.service.js';
import { systemActor } from '../../platform/actor.js';
import * as users from '../users/users.repository.js';
import * as service from './annual-report.service.js';
import { findingKey } from './generator.js';
import { fakeSources, sampleLedger, type FakeLedger } from './testing/fake-sources.js';
import type { Finding } from './types.js';

async function actorOf(ctx: Ctx, username: string): Promise<Actor> {
  const u = (await users.findByUsername(ctx.db, username))!;
  return userActor({
    userId: u.id,
    name: u.display_name,
    orgId: u.org_id,
    divisionId: u.division_id,
    roles: u.roles,
  });
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

const FILLED = {
  one: '（一）主动公开\n本年主动公开政府信息。',
  five: '（一）存在的主要问题\n公开栏目有待优化。\n（二）改进情况\n优化公开栏目。',
  six: '无其他需要报告的事项。',
};

describeEachDialect('annual-report service', (getDb) => {
  let ctx: Ctx;
  let office: Actor, leader: Actor, clerk: Actor, supervisor: Actor;
  let agencyId: string;
  let ledger: FakeLedger;
  const clock = fixedClock('2026-01-10T02:00:00Z');

  beforeAll(async () => {
    ctx = { db: getDb().db, dialect: getDb().dialect, clock };
    await seedDemo(ctx);
    office = await actorOf(ctx, 'office');
    leader = await actorOf(ctx, 'leader');
    clerk = await actorOf(ctx, 'clerk');
    supervisor = await actorOf(ctx, 'supervisor');
    agencyId = office.orgId!;
    ledger = sampleLedger();
  });

  it('generates a draft from the sources; the clerk may not', async () => {
    const sources = fakeSources(ledger);
    await expectCode(service.generate(ctx, clerk, sources, { year: 2025 }), 'forbidden');
    await expectCode(service.generate(ctx, office, sources, { year: 2027 }), 'invalid_report_year');
    const row = await service.generate(ctx, office, sources, { year: 2025 });
    expect(row).toMatchObject({ status: 'draft', version: 1, format_id: '2021', year: 2025 });
    const findings = JSON.parse(row.findings_json) as Finding[];
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(JSON.parse(row.drill_json)['table3|new|total']).toHaveLength(14);
  });

  it('walks draft → checked → approved → published, and refuses the forbidden transitions', async () => {
    const sources = fakeSources(ledger);
    const row = await service.generate(ctx, office, sources, { year: 2025 });
    await expectCode(service.approve(ctx, leader, row.id), 'report_wrong_status'); // draft
    // A prompt left in the text blocks approval like an error: the office fills every 【请填写…】 first.
    await service.updateTexts(ctx, office, row.id, FILLED);
    await expectCode(service.publish(ctx, office, row.id), 'report_wrong_status');
    const checked = await service.check(ctx, office, row.id);
    expect(checked.status).toBe('checked');
    await expectCode(service.approve(ctx, office, row.id), 'forbidden'); // the office is not the leader
    await expectCode(service.publish(ctx, office, row.id), 'report_wrong_status'); // not approved
    const approved = await service.approve(ctx, leader, row.id);
    expect(approved.status).toBe('approved');
    await expectCode(service.updateTexts(ctx, office, row.id, { five: 'x' }), 'report_wrong_status');
    await expectCode(service.publish(ctx, leader, row.id), 'forbidden');
    const v = await service.publish(ctx, office, row.id);
    expect(v.version).toBe(1);
    const files = JSON.parse(v.files_json) as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(['docx', 'html', 'svg', 'xlsx']);
    const stored = await service.reportFile(ctx, office, row.id, 'docx', 1);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(stored.bytes).digest('hex')).toBe(files.docx);
    await expectCode(service.generate(ctx, office, sources, { year: 2025 }), 'report_wrong_status');
    await expectCode(service.check(ctx, office, row.id), 'report_wrong_status');

    // every transition was audited
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', row.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'report.generate',
      'report.regenerate',
      'report.edit',
      'report.check',
      'report.approve',
      'report.publish',
    ]);
  });

  it('a correction prepares version 2 with a reason; version 1 stays immutable and public', async () => {
    const row = (await service.listReports(ctx, office)).find((r) => r.year === 2025)!;
    await expectCode(service.startCorrection(ctx, office, row.id, '短'), 'correction_reason_required');
    const corr = await service.startCorrection(ctx, office, row.id, '更正表三自然人列数据');
    expect(corr).toMatchObject({ status: 'draft', version: 2, correction_reason: '更正表三自然人列数据' });
    const pub = await service.publishedOf(ctx, agencyId, 2025);
    expect(pub!.version.version).toBe(1);
    await service.updateTexts(ctx, office, row.id, { five: '（一）存在的主要问题\n解读形式单一。' });
    await service.check(ctx, office, row.id);
    await service.approve(ctx, leader, row.id);
    const v2 = await service.publish(ctx, office, row.id);
    expect(v2).toMatchObject({ version: 2, correction_reason: '更正表三自然人列数据' });
    const list = await service.publishedList(ctx, agencyId);
    expect(list.map((v) => [v.year, v.version])).toEqual([[2025, 2]]);
    const v1 = await service.publishedOf(ctx, agencyId, 2025, 1);
    expect(JSON.parse(v1!.version.texts_json).five).not.toContain('解读形式单一');
  });

  it('an error blocks checking until the office overrides it in writing', async () => {
    const broken = sampleLedger();
    broken.cases.find((c) => c.closedYear === 2024)!.outcome = null;
    const sources = fakeSources(broken);
    const row = await service.generate(ctx, office, sources, { year: 2024 });
    const errors = (JSON.parse(row.findings_json) as Finding[]).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.ruleId).sort()).toEqual(['R2', 'R2', 'R8']);
    const checked = await service.check(ctx, office, row.id);
    expect(checked.status).toBe('draft');
    await expectCode(
      service.setOverride(ctx, office, row.id, findingKey(errors[0]!), '太短'),
      'override_reason_required',
    );
    await expectCode(service.setOverride(ctx, office, row.id, 'nope', '理由足够长的说明'), 'not_found');
    for (const f of errors)
      await service.setOverride(
        ctx,
        office,
        row.id,
        findingKey(f),
        '该申请办理结果待复核，经领导同意先行发布',
      );
    expect((await service.check(ctx, office, row.id)).status).toBe('checked');
    // withdrawing one override blocks again
    await service.setOverride(ctx, office, row.id, findingKey(errors[0]!), null);
    expect((await service.check(ctx, office, row.id)).status).toBe('draft');
  });

  it('counts down to 31 January and lets the supervisor see readiness and a consolidated report', async () => {
    const c = await service.countdown(ctx, office);
    // 2025's report is published, so the countdown moves on to 2026's (due 2027-01-31)
    expect(c).toMatchObject({ year: 2026, deadline: '2027-01-31', status: 'missing', daysLeft: 386 });

    // a second agency below the government with its own (smaller) data
    const gov = (await orgRepo.findByCode(ctx.db, 'shili-gov'))!;
    const other = await createOrg(ctx, systemActor('测试'), {
      parentId: gov.id,
      kind: 'department',
      code: 'shili-sj',
      name: '示例市审计局',
    });
    await expectCode(service.readiness(ctx, office, 2025), 'forbidden');
    const board = await service.readiness(ctx, supervisor, 2025);
    expect(board.map((b) => [b.code, b.status, b.publishedVersion])).toEqual([
      ['shili-sj', 'missing', 0],
      ['shili-yjj', 'published', 2],
    ]);
    const cons = await service.consolidated(ctx, supervisor, 2025);
    expect(cons.parts.map((p) => p.name)).toEqual(['示例市应急管理局']);
    expect(cons.missing.map((m) => m.orgId)).toEqual([other.id]);
    expect(cons.findings).toEqual([]);
    expect(cons.tables.table3.new![6]).toBe(14);
  });
});
