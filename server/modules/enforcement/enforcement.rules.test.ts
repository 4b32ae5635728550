import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { permissionsOf, type Permission, type Role } from '../users/roles.js';
import {
  addMonths,
  checkDecision,
  decisionHash,
  DEFAULT_SETTINGS,
  inPublicityPeriod,
  isIsoDate,
  isPublicationOverdue,
  maskPersonName,
  publicCounterpartyName,
  publicUntil,
  publishDue,
  type DecisionInput,
} from './enforcement.rules.js';
import { availableActions, isEditable, transition, type WorkflowAction } from './workflow.rules.js';
import {
  cellText,
  mapHeader,
  normalizeDateText,
  parseImportRow,
  yuanToFen,
  IMPORT_COLUMNS,
} from './import.columns.js';
import { nameTokens, queryTokens } from './name-tokens.js';
import { sampleCreditCode } from './sample-credit-codes.js';
import type { PubState } from './enforcement.tables.js';

const TODAY = '2026-03-02';
const CODE = sampleCreditCode(7);

const base: DecisionInput = {
  kind: 'penalty',
  decisionNumber: '示应急罚[2026]3号',
  decisionDate: '2026-02-10',
  counterpartyType: 'legal_person',
  counterpartyName: '示例市恒安化工有限公司',
  creditCode: CODE,
  legalBasis: '《中华人民共和国安全生产法》第九十七条',
  content: '罚款人民币二万元',
  fineFen: 2_000_000,
};

describe('checkDecision', () => {
  it('accepts a valid penalty and normalizes the 文号 brackets and optional fields', () => {
    const { value, problems } = checkDecision(
      { ...base, itemName: '  ', creditCode: CODE.toLowerCase() },
      TODAY,
    );
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ decisionNumber: '示应急罚〔2026〕3号', itemName: null, creditCode: CODE });
  });

  it('rejects a credit code with a wrong check character, naming the code and the reason', () => {
    const bad = CODE.slice(0, 17) + (CODE.endsWith('0') ? '1' : '0');
    const { value, problems } = checkDecision({ ...base, creditCode: bad }, TODAY);
    expect(value).toBeNull();
    expect(problems).toEqual([
      { field: 'creditCode', code: 'invalid_credit_code', message: expect.stringContaining('校验位错误') },
    ]);
    expect(problems[0]!.message).toContain(bad);
  });

  it('rejects credit codes of the wrong length or with forbidden letters', () => {
    expect(checkDecision({ ...base, creditCode: '91370300' }, TODAY).problems[0]!.message).toContain('18位');
    expect(
      checkDecision({ ...base, creditCode: 'I1370300MA3C5LQK6Y' }, TODAY).problems[0]!.message,
    ).toContain('不允许的字符');
    expect(checkDecision({ ...base, creditCode: '' }, TODAY).problems[0]).toMatchObject({
      field: 'creditCode',
      code: 'required',
    });
  });

  it('rejects decision dates in the future but accepts today', () => {
    const future = checkDecision({ ...base, decisionDate: '2026-03-03' }, TODAY);
    expect(future.problems).toEqual([
      { field: 'decisionDate', code: 'future_decision_date', message: expect.stringContaining('晚于今天') },
    ]);
    expect(checkDecision({ ...base, decisionDate: TODAY }, TODAY).problems).toEqual([]);
    expect(checkDecision({ ...base, decisionDate: '2026-02-30' }, TODAY).problems[0]!.code).toBe(
      'invalid_date',
    );
  });

  it('knows real calendar dates (leap years included)', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30'])
      expect(isIsoDate(ok)).toBe(true);
    for (const bad of ['2100-02-29', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])
      expect(isIsoDate(bad)).toBe(false);
    for (const bad of ['2026-1-01', '2026/01/01', ' 2026-01-01', '2026-01-01T00:00'])
      expect(isIsoDate(bad)).toBe(false);
  });

  it('natural persons have no credit code and need a Chinese name', () => {
    const person = {
      ...base,
      counterpartyType: 'natural_person' as const,
      counterpartyName: '张三',
      creditCode: null,
    };
    expect(checkDecision(person, TODAY).problems).toEqual([]);
    expect(checkDecision({ ...person, creditCode: CODE }, TODAY).problems[0]!.code).toBe(
      'credit_code_for_person',
    );
    expect(checkDecision({ ...person, counterpartyName: 'Zhang' }, TODAY).problems[0]!.code).toBe(
      'invalid_person_name',
    );
  });

  it('amounts belong to penalties and validity periods to licenses', () => {
    expect(checkDecision({ ...base, kind: 'license' }, TODAY).problems[0]!.code).toBe('amount_not_penalty');
    expect(checkDecision({ ...base, fineFen: -1 }, TODAY).problems[0]!.code).toBe('invalid_amount');
    expect(checkDecision({ ...base, validFrom: '2026-01-01' }, TODAY).problems[0]!.code).toBe(
      'validity_not_license',
    );
    const lic = {
      ...base,
      kind: 'license' as const,
      fineFen: null,
      validFrom: '2026-02-10',
      validTo: '2026-02-01',
    };
    expect(checkDecision(lic, TODAY).problems[0]!.code).toBe('invalid_validity');
  });

  it('reports every problem of a row at once', () => {
    const { problems } = checkDecision(
      { ...base, decisionNumber: '', legalBasis: '', content: '', decisionDate: '2030-01-01' },
      TODAY,
    );
    expect(problems.map((p) => p.field).sort()).toEqual([
      'content',
      'decisionDate',
      'decisionNumber',
      'legalBasis',
    ]);
  });

  it('hashes equal content equally and different content differently', () => {
    const a = checkDecision(base, TODAY).value!;
    const b = checkDecision({ ...base, decisionNumber: '示应急罚〔2026〕3号' }, TODAY).value!;
    const c = checkDecision({ ...base, fineFen: 2_000_001 }, TODAY).value!;
    expect(decisionHash(a)).toBe(decisionHash(b));
    expect(decisionHash(a)).not.toBe(decisionHash(c));
  });
});

describe('masking natural persons', () => {
  it('keeps the surname and masks the rest', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('李')).toBe('李*');
  });
  it('masks only natural persons', () => {
    expect(publicCounterpartyName('natural_person', '张建华')).toBe('张**');
    expect(publicCounterpartyName('legal_person', '示例市恒安化工有限公司')).toBe('示例市恒安化工有限公司');
    expect(publicCounterpartyName('individual_business', '示例市城关李记烟花爆竹零售店')).toBe(
      '示例市城关李记烟花爆竹零售店',
    );
  });
});

describe('publication clock and publicity period', () => {
  const calendar = new WorkCalendar();
  it('is due 7 working days after the decision, skipping the Spring Festival', () => {
    // 2026-02-13 (Fri): 春节 holidays 2026-02-15..23 with make-up days 02-14 and 02-28 in the official schedule.
    const due = publishDue(calendar, '2026-02-13', 7);
    expect(due.date > '2026-02-24').toBe(true);
    expect(publishDue(calendar, '2025-06-02', 7)).toEqual({ date: '2025-06-11', estimated: false });
  });
  it('is overdue only while unpublished and after the due date', () => {
    expect(isPublicationOverdue('review', '2026-03-01', TODAY)).toBe(true);
    expect(isPublicationOverdue('review', TODAY, TODAY)).toBe(false);
    expect(isPublicationOverdue('published', '2026-03-01', TODAY)).toBe(false);
  });
  it('ends penalties after the configured months, licenses never by default', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(publicUntil('penalty', '2025-04-18', DEFAULT_SETTINGS)).toBe('2026-04-18');
    expect(publicUntil('license', '2025-04-18', DEFAULT_SETTINGS)).toBeNull();
    expect(publicUntil('penalty', '2025-04-18', { ...DEFAULT_SETTINGS, penaltyPublicMonths: 6 })).toBe(
      '2025-10-18',
    );
    expect(inPublicityPeriod('2026-04-18', '2026-04-18')).toBe(true);
    expect(inPublicityPeriod('2026-04-18', '2026-04-19')).toBe(false);
    expect(inPublicityPeriod(null, '2099-01-01')).toBe(true);
  });
});

describe('workflow rules', () => {
  const roleHas = (role: Role) => {
    const set = permissionsOf([role]);
    return (p: Permission) => set.has(p);
  };
  const clerk = roleHas('clerk');
  const reviewer = roleHas('reviewer');
  const leader = roleHas('leader');
  const office = roleHas('office');

  it('walks draft → review → approval → published with the catalog permissions', () => {
    expect(transition('draft', 'submit', clerk)).toEqual({ ok: true, to: 'review' });
    expect(transition('review', 'pass_review', reviewer)).toEqual({ ok: true, to: 'approval' });
    expect(transition('approval', 'approve', leader)).toEqual({ ok: true, to: 'published' });
    expect(transition('published', 'take_down', office, '公示期内发现错误')).toEqual({
      ok: true,
      to: 'taken_down',
    });
    expect(transition('taken_down', 'submit', clerk)).toEqual({ ok: true, to: 'review' });
  });

  it('forbids skipping steps and acting without the permission', () => {
    expect(transition('draft', 'approve', leader)).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(transition('review', 'approve', leader)).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(transition('review', 'pass_review', clerk)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(transition('approval', 'approve', reviewer)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(transition('draft', 'submit', leader)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(transition('published', 'submit', clerk)).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('needs a reason to return or take down', () => {
    expect(transition('review', 'return', reviewer)).toMatchObject({ ok: false, code: 'reason_required' });
    expect(transition('review', 'return', reviewer, '相对人名称有误')).toEqual({ ok: true, to: 'draft' });
    expect(transition('approval', 'return', leader, ' ')).toMatchObject({
      ok: false,
      code: 'reason_required',
    });
  });

  it('lists what each role can do and what is editable', () => {
    expect(availableActions('review', reviewer).sort()).toEqual<WorkflowAction[]>(['pass_review', 'return']);
    expect(availableActions('review', clerk)).toEqual<WorkflowAction[]>(['recall']);
    expect(availableActions('approval', clerk)).toEqual([]);
    const editable: PubState[] = ['draft', 'taken_down'];
    for (const s of ['draft', 'review', 'approval', 'published', 'taken_down'] as PubState[])
      expect(isEditable(s)).toBe(editable.includes(s));
  });
});

describe('import rows', () => {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  const { positions } = mapHeader(headers);
  const row = (over: Record<string, string>) => IMPORT_COLUMNS.map((c) => over[c.header] ?? '');
  const good = {
    决定类别: '行政处罚',
    决定文号: '示应急罚〔2026〕9号',
    决定日期: '2026/2/3',
    相对人类别: '法人及非法人组织',
    相对人名称: '示例市恒安化工有限公司',
    统一社会信用代码: CODE,
    决定依据: '《安全生产法》',
    决定内容: '罚款',
    '罚款金额（元）': '20,000.5',
  };

  it('maps headers by text and reports missing required columns', () => {
    expect(mapHeader(headers).problems).toEqual([]);
    const r = mapHeader(['决定文号', '相对人名称']);
    expect(r.problems.map((p) => p.column)).toContain('决定类别');
  });

  it('parses a good row (dates and yuan amounts normalized)', () => {
    const { value, problems } = parseImportRow(row(good), positions, TODAY);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ kind: 'penalty', decisionDate: '2026-02-03', fineFen: 2_000_050 });
  });

  it('reports bad cells with the column header and a Chinese reason', () => {
    const { value, problems } = parseImportRow(
      row({ ...good, 决定类别: '行政奖励', '罚款金额（元）': '两万', 统一社会信用代码: '123' }),
      positions,
      TODAY,
    );
    expect(value).toBeNull();
    expect(problems.map((p) => p.column).sort()).toEqual(
      ['决定类别', '统一社会信用代码', '罚款金额（元）'].sort(),
    );
    expect(problems.find((p) => p.column === '决定类别')!.reason).toContain('行政奖励');
  });

  it('converts amounts and dates strictly', () => {
    expect(yuanToFen('1,234.56元')).toBe(123456);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('-5')).toBeUndefined();
    expect(yuanToFen('1.234')).toBeUndefined();
    expect(normalizeDateText('2026年3月1日')).toBe('2026-03-01');
    expect(cellText(new Date(Date.UTC(2026, 1, 3)))).toBe('2026-02-03');
    expect(cellText({ richText: [{ text: '示例' }, { text: '公司' }] })).toBe('示例公司');
    expect(cellText({ formula: 'A1', result: 5 })).toBe('5');
  });
});

describe('name tokens', () => {
  it('finds two-character words, including names jieba glues to a neighbour', () => {
    const tokens = nameTokens('示例市鑫达危险化学品经营有限公司');
    for (const q of ['鑫达', '危险', '化学品', '有限公司'])
      for (const t of queryTokens(q)) expect(tokens).toContain(t);
    expect(queryTokens('恒安 化工')).toEqual(['恒安', '化工']);
  });
});
