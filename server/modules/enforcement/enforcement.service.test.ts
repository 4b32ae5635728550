import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/each-dialect.js';
import { fixedClock } from '../../platform/clock.js';
import { systemActor, userActor, type Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createOrg } from '../orgs/orgs.service.js';
import type { Org } from '../orgs/orgs.repository.js';
import type { Role } from '../users/roles.js';
import { publicSearch } from '../search/search.service.js';
import * as service from './enforcement.service.js';
import { enforcementReportFacts } from './enforcement.report.js';
import type { DecisionInput } from './enforcement.rules.js';
import { sampleCreditCode } from './sample-credit-codes.js';

const CODE = sampleCreditCode(42);

function actorOf(org: Org, role: Role, name: string): Actor {
  return userActor({ userId: newId(), name, orgId: org.id, divisionId: null, roles: [role] });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'no error';
}

describeEachDialect('enforcement service', (getDb) => {
  let ctx: Ctx;
  let clock: ReturnType<typeof fixedClock>;
  let agency: Org;
  let other: Org;
  let clerk: Actor, reviewer: Actor, leader: Actor, office: Actor, outsider: Actor;

  const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
    kind: 'penalty',
    decisionNumber: `示应急罚〔2026〕${Math.floor(Math.random() * 1e6)}号`,
    decisionDate: '2026-02-10',
    counterpartyType: 'legal_person',
    counterpartyName: '示例市鑫达危险化学品经营有限公司',
    creditCode: CODE,
    legalBasis: '《中华人民共和国安全生产法》第九十七条',
    content: '罚款人民币二万元',
    fineFen: 2_000_000,
    ...over,
  });

  const publish = async (id: string) => {
    await service.transitionDecision(ctx, clerk, id, 'submit');
    await service.transitionDecision(ctx, reviewer, id, 'pass_review');
    return service.transitionDecision(ctx, leader, id, 'approve');
  };

  beforeAll(async () => {
    const db = getDb();
    clock = fixedClock('2026-03-02T02:00:00Z');
    ctx = { db: db.db, dialect: db.dialect, clock };
    const sys = systemActor('测试');
    const gov = await createOrg(ctx, sys, {
      parentId: null,
      kind: 'government',
      code: 'gov',
      name: '示例市人民政府',
    });
    agency = await createOrg(ctx, sys, {
      parentId: gov.id,
      kind: 'department',
      code: 'yjj',
      name: '示例市应急管理局',
    });
    other = await createOrg(ctx, sys, {
      parentId: gov.id,
      kind: 'department',
      code: 'other',
      name: '示例市市场监管局',
    });
    clerk = actorOf(agency, 'clerk', '李信息');
    reviewer = actorOf(agency, 'reviewer', '赵保密');
    leader = actorOf(agency, 'leader', '孙分管');
    office = actorOf(agency, 'office', '王政务');
    outsider = actorOf(other, 'clerk', '钱外单位');
  });

  // 2026-02-28 (Saturday) is a make-up working day (调休) after the Spring Festival, so it counts.
  it('registers a draft with its publication deadline and audits it', async () => {
    const d = await service.createDecision(ctx, clerk, input({ decisionDate: '2026-02-25' }));
    expect(d).toMatchObject({
      pubState: 'draft',
      legalStatus: 'in_force',
      publishDue: '2026-03-05',
      overdue: false,
    });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('target_id', '=', d.id)
      .execute();
    expect(audit).toEqual([{ action: 'enforcement.decision.create', actor_name: '李信息' }]);
  });

  it('rejects invalid credit codes, future dates and duplicate numbers with clear errors', async () => {
    const bad = CODE.slice(0, 17) + (CODE.endsWith('0') ? '1' : '0');
    const err = await service
      .createDecision(ctx, clerk, input({ creditCode: bad }))
      .catch((e: DomainError) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('invalid_credit_code');
    expect((err as DomainError).messageZh).toContain('校验位错误');
    expect((err as DomainError).details).toMatchObject({ field: 'creditCode' });

    expect(await codeOf(service.createDecision(ctx, clerk, input({ decisionDate: '2026-03-03' })))).toBe(
      'future_decision_date',
    );

    const first = await service.createDecision(
      ctx,
      clerk,
      input({ decisionNumber: '示应急罚〔2026〕100号' }),
    );
    const dup = await service
      .createDecision(ctx, clerk, input({ decisionNumber: '示应急罚[2026]100号' }))
      .catch((e: DomainError) => e);
    expect((dup as DomainError).code).toBe('duplicate_decision_number');
    expect((dup as DomainError).messageZh).toBe('文号“示应急罚〔2026〕100号”已登记，不能重复登记');
    // Another agency may use the same number.
    const theirs = await service.createDecision(
      ctx,
      outsider,
      input({ decisionNumber: '示应急罚〔2026〕100号' }),
    );
    expect(theirs.orgId).toBe(other.id);
    expect(first.orgId).toBe(agency.id);
  });

  it('runs the workflow with the same permissions as catalog items, every step audited', async () => {
    const d = await service.createDecision(ctx, clerk, input());
    expect(await codeOf(service.transitionDecision(ctx, leader, d.id, 'submit'))).toBe('forbidden');
    await service.transitionDecision(ctx, clerk, d.id, 'submit');
    expect(await codeOf(service.transitionDecision(ctx, leader, d.id, 'approve'))).toBe('invalid_transition');
    expect(await codeOf(service.transitionDecision(ctx, clerk, d.id, 'pass_review'))).toBe('forbidden');
    expect(await codeOf(service.transitionDecision(ctx, reviewer, d.id, 'return'))).toBe('reason_required');
    const returned = await service.transitionDecision(ctx, reviewer, d.id, 'return', '金额与决定书不一致');
    expect(returned).toMatchObject({ pubState: 'draft', returnReason: '金额与决定书不一致' });
    await service.updateDecision(
      ctx,
      clerk,
      d.id,
      input({ decisionNumber: returned.decisionNumber, fineFen: 1_000_000 }),
    );
    const published = await publish(d.id);
    expect(published).toMatchObject({ pubState: 'published', publicUntil: '2027-02-10' });
    expect(await codeOf(service.updateDecision(ctx, clerk, d.id, input()))).toBe('decision_not_editable');
    expect(await codeOf(service.transitionDecision(ctx, outsider, d.id, 'take_down', '误发'))).toBe(
      'forbidden',
    );

    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', d.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'enforcement.decision.create',
      'enforcement.decision.submit',
      'enforcement.decision.return',
      'enforcement.decision.update',
      'enforcement.decision.submit',
      'enforcement.decision.pass_review',
      'enforcement.decision.approve',
    ]);
    const detail = await service.getDecision(ctx, clerk, d.id);
    expect(detail.history.map((h) => h.action)).toEqual([
      'create',
      'submit',
      'return',
      'update',
      'submit',
      'pass_review',
      'approve',
    ]);
    expect(await codeOf(service.getDecision(ctx, outsider, d.id))).toBe('forbidden');
  });

  it('shows published decisions on the portal, finds them by a two-character word and by credit code', async () => {
    const d = await service.createDecision(
      ctx,
      clerk,
      input({ counterpartyName: '示例市鑫达危险化学品经营有限公司' }),
    );
    const before = await service.publicDecisions(ctx, agency.id, { name: '鑫达' });
    expect(before.items.map((i) => i.id)).not.toContain(d.id);
    await publish(d.id);
    const byName = await service.publicDecisions(ctx, agency.id, { name: '鑫达' });
    expect(byName.items.map((i) => i.id)).toContain(d.id);
    const byWord = await service.publicDecisions(ctx, agency.id, { name: '化学品' });
    expect(byWord.items.map((i) => i.id)).toContain(d.id);
    const none = await service.publicDecisions(ctx, agency.id, { name: '恒安' });
    expect(none.items.map((i) => i.id)).not.toContain(d.id);
    const byCode = await service.publicDecisions(ctx, agency.id, { creditCode: CODE.toLowerCase() });
    expect(byCode.items.map((i) => i.id)).toContain(d.id);
    expect(await service.publicDecision(ctx, other.id, d.id)).toBeUndefined();
    // the site-wide search has it too
    const site = await publicSearch({ ...ctx }, { q: '鑫达', orgIds: [agency.id] });
    expect(site.hits.map((h) => h.sourceId)).toContain(d.id);
  });

  it('masks natural persons publicly and keeps them out of the name index', async () => {
    const d = await service.createDecision(
      ctx,
      clerk,
      input({ counterpartyType: 'natural_person', counterpartyName: '张建华', creditCode: null }),
    );
    await publish(d.id);
    const found = await service.publicDecision(ctx, agency.id, d.id);
    const shown = service.toPublicDecision(found!.decision, agency.name);
    expect(shown.counterpartyName).toBe('张**');
    expect(JSON.stringify(shown)).not.toContain('建华');
    expect((await service.publicDecisions(ctx, agency.id, { name: '张建华' })).items).toEqual([]);
  });

  it('ends the publicity period by configuration without deleting the record', async () => {
    await service.updateSettings(ctx, office, {
      publishWorkdays: 7,
      licensePublicMonths: null,
      penaltyPublicMonths: 1,
      coercionPublicMonths: 12,
    });
    expect(
      await codeOf(service.updateSettings(ctx, clerk, { ...(await service.getSettings(ctx, agency.id)) })),
    ).toBe('forbidden');
    const d = await service.createDecision(ctx, clerk, input({ decisionDate: '2026-01-05' }));
    const p = await publish(d.id);
    expect(p.publicUntil).toBe('2026-02-05');
    expect(await service.publicDecision(ctx, agency.id, d.id)).toBeUndefined();
    expect((await service.getDecision(ctx, clerk, d.id)).pubState).toBe('published');
    await service.updateSettings(ctx, office, {
      ...(await service.getSettings(ctx, agency.id)),
      penaltyPublicMonths: 12,
    });
  });

  it('publishes a notice on correction and revocation and keeps the fields before', async () => {
    const d = await service.createDecision(ctx, clerk, input({ content: '罚款人民币五万元' }));
    await publish(d.id);
    expect(
      await codeOf(service.changeLegalStatus(ctx, clerk, d.id, { status: 'corrected', reason: '' })),
    ).toBe('reason_required');
    const corrected = await service.changeLegalStatus(ctx, clerk, d.id, {
      status: 'corrected',
      reason: '金额笔误',
      changes: input({ decisionNumber: d.decisionNumber, content: '罚款人民币伍万元整' }),
    });
    expect(corrected).toMatchObject({
      legalStatus: 'corrected',
      content: '罚款人民币伍万元整',
      pubState: 'published',
    });
    expect(corrected.notices).toHaveLength(1);
    expect(corrected.notices[0]!.title).toContain('更正');
    const correction = corrected.history.find((h) => h.action === 'correct')!;
    expect(correction.before).toMatchObject({ content: '罚款人民币五万元' });

    const revoked = await service.changeLegalStatus(ctx, clerk, d.id, {
      status: 'revoked',
      reason: '复议决定撤销',
    });
    expect(revoked.legalStatus).toBe('revoked');
    expect(revoked.notices.map((n) => n.kind).sort()).toEqual(['correction', 'revocation']);
    expect(
      await codeOf(service.changeLegalStatus(ctx, clerk, d.id, { status: 'withdrawn', reason: 'x' })),
    ).toBe('decision_already_void');
    const pub = await service.publicDecision(ctx, agency.id, d.id);
    expect(pub?.decision.legal_status).toBe('revoked');
    expect(pub?.notices).toHaveLength(2);
  });

  it('takes a decision down (kept) and removes it from search', async () => {
    const d = await service.createDecision(
      ctx,
      clerk,
      input({ counterpartyName: '示例市撤下测试化工有限公司' }),
    );
    await publish(d.id);
    await service.transitionDecision(ctx, office, d.id, 'take_down', '公示信息有误');
    expect(await service.publicDecision(ctx, agency.id, d.id)).toBeUndefined();
    expect((await service.publicDecisions(ctx, agency.id, { name: '撤下' })).items).toEqual([]);
    expect((await service.getDecision(ctx, clerk, d.id)).pubState).toBe('taken_down');
  });

  it('feeds the annual report: decisions per kind and items with the change on last year', async () => {
    for (const [year, names] of [
      [2025, ['危险化学品经营许可证核发']],
      [2026, ['危险化学品经营许可证核发', '烟花爆竹经营（零售）许可']],
    ] as const)
      for (const name of names) await service.createItem(ctx, clerk, { year, kind: 'license', name });
    expect(
      await codeOf(
        service.createItem(ctx, clerk, { year: 2026, kind: 'license', name: '危险化学品经营许可证核发' }),
      ),
    ).toBe('duplicate_item');
    const lic = await service.createDecision(
      ctx,
      clerk,
      input({
        kind: 'license',
        fineFen: null,
        itemName: '烟花爆竹经营（零售）许可',
        decisionDate: '2026-01-20',
      }),
    );
    expect(lic.itemId).not.toBeNull();
    await service.createDecision(
      ctx,
      clerk,
      input({ kind: 'coercion', fineFen: null, decisionDate: '2025-12-30' }),
    );
    const facts = await enforcementReportFacts(ctx, agency.id, 2026);
    expect(facts.kinds.license).toMatchObject({ items: 2, previousItems: 1, itemChange: 1 });
    expect(facts.kinds.license.decisions.records).toContain(lic.id);
    expect(facts.kinds.license.decisions.count).toBe(1);
    const penalties = await ctx.db
      .selectFrom('enforcement_decisions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', agency.id)
      .where('kind', '=', 'penalty')
      .where('decision_date', 'like', '2026-%')
      .executeTakeFirst();
    expect(facts.kinds.penalty.decisions.count).toBe(Number(penalties?.n));
    expect((await enforcementReportFacts(ctx, agency.id, 2025)).kinds.coercion.decisions.count).toBe(1);
  });

  it('keeps accident reports and hazards with their own workflow and validation', async () => {
    const a = await service.saveAccident(ctx, clerk, null, {
      title: '“1·05”机械伤害事故调查报告',
      level: 'general',
      occurredOn: '2026-01-05',
      place: '开发区某车间',
      deaths: 1,
      injuries: 0,
      directLossFen: 120_000_000,
      summary: '经过',
      conclusions: '结论',
      responsibilityHandling: '处理',
    });
    for (const [who, step] of [
      [clerk, 'submit'],
      [reviewer, 'pass_review'],
      [leader, 'approve'],
    ] as const)
      await service.transitionRecord(ctx, who, 'accident', a.id, step);
    expect(await service.publicAccident(ctx, agency.id, a.id)).toMatchObject({ pub_state: 'published' });
    const hz = {
      title: '储罐区隐患',
      enterpriseName: '示例市恒安化工有限公司',
      creditCode: CODE,
      description: '未设置紧急切断装置',
      listedOn: '2026-01-10',
      deadline: '2026-06-30',
      responsibleUnit: '示例市应急管理局',
      rectificationStatus: 'pending' as const,
    };
    expect(await codeOf(service.saveHazard(ctx, clerk, null, { ...hz, deadline: '2025-12-31' }))).toBe(
      'invalid_deadline',
    );
    expect(
      await codeOf(service.saveHazard(ctx, clerk, null, { ...hz, rectificationStatus: 'delisted' })),
    ).toBe('delisted_on_required');
    const h = await service.saveHazard(ctx, clerk, null, hz);
    for (const [who, step] of [
      [clerk, 'submit'],
      [reviewer, 'pass_review'],
      [leader, 'approve'],
    ] as const)
      await service.transitionRecord(ctx, who, 'hazard', h.id, step);
    // Progress (整改状态/销号) may change on a published hazard; its facts may not.
    const done = await service.saveHazard(ctx, clerk, h.id, {
      ...hz,
      rectificationStatus: 'delisted',
      delistedOn: '2026-03-01',
    });
    expect(done.rectification_status).toBe('delisted');
    expect(
      await codeOf(
        service.saveHazard(ctx, clerk, h.id, {
          ...hz,
          title: '改名',
          rectificationStatus: 'delisted',
          delistedOn: '2026-03-01',
        }),
      ),
    ).toBe('record_not_editable');
    const ent = await service.enterpriseRecord(ctx, agency.id, CODE);
    expect(ent.hazards.map((x) => x.id)).toContain(h.id);
  });
});
