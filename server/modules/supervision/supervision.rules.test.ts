import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { DomainError } from '../../platform/errors.js';
import {
  allowedActions,
  awaitsReceiver,
  canTransition,
  closedOnTime,
  isIssuer,
  isOverdue,
  isReceiver,
  mayIssueTo,
  nextState,
  suggestedTitle,
  taskDue,
  taskNumber,
  TASK_STATES,
  TRANSITIONS,
  evidenceMime,
  MAX_EVIDENCE_BYTES,
  type TaskAction,
} from './supervision.rules.js';
import type { TaskState } from './supervision.tables.js';

const cal = new WorkCalendar();
const ACTIONS: TaskAction[] = ['reply', 'accept', 'return', 'withdraw'];

describe('督办 transitions', () => {
  it('runs the normal life: issued → replied → returned → replied → accepted', () => {
    let s: TaskState = 'issued';
    s = nextState(s, 'reply');
    expect(s).toBe('replied');
    s = nextState(s, 'return');
    expect(s).toBe('returned');
    s = nextState(s, 'reply');
    expect(s).toBe('replied');
    s = nextState(s, 'accept');
    expect(s).toBe('accepted');
  });

  it('refuses everything on a closed task, with a 409 naming the state', () => {
    for (const closed of ['accepted', 'withdrawn'] as const)
      for (const a of ACTIONS) {
        expect(canTransition(closed, a)).toBe(false);
        try {
          nextState(closed, a);
          expect.unreachable();
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe('supervision.invalid_transition');
          expect((e as DomainError).kind).toBe('conflict');
          expect((e as DomainError).messageZh).toContain(closed === 'accepted' ? '已办结' : '已撤回');
        }
      }
  });

  it('accepts or returns only a replied task; replies only when awaited', () => {
    expect(canTransition('issued', 'accept')).toBe(false);
    expect(canTransition('returned', 'accept')).toBe(false);
    expect(canTransition('issued', 'return')).toBe(false);
    expect(canTransition('replied', 'reply')).toBe(false);
    expect(canTransition('returned', 'reply')).toBe(true);
  });

  it('property: any action sequence only ever moves along TRANSITIONS and never leaves a closed state', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (actions) => {
        let s: TaskState = 'issued';
        for (const a of actions) {
          const before = s;
          if (canTransition(s, a)) {
            s = nextState(s, a);
            expect(TRANSITIONS[a].from).toContain(before);
            expect(s).toBe(TRANSITIONS[a].to);
          } else {
            expect(() => nextState(s, a)).toThrow(DomainError);
          }
          if (before === 'accepted' || before === 'withdrawn') expect(s).toBe(before);
        }
        expect(TASK_STATES).toContain(s);
      }),
    );
  });
});

describe('due day, overdue, on time', () => {
  it('counts working days after the issue day, skipping the National Day holiday', () => {
    // 2026-09-30 (Wed) + 3 working days: 10-01…10-07 holiday (Oct 1–7 2026), 10-10 (Sat) make-up day
    const r = taskDue(cal, '2026-09-30', 3);
    expect(r.estimated).toBe(false);
    expect(cal.workdaysBetween('2026-09-30', r.dueOn)).toBe(3);
    expect(r.dueOn > '2026-10-07').toBe(true);
  });

  it('counts a plain week: Monday + 5 working days = next Monday', () => {
    expect(taskDue(cal, '2026-11-30', 5).dueOn).toBe('2026-12-07');
  });

  it('refuses 0, 61 and fractions of working days', () => {
    for (const n of [0, 61, 1.5, -1]) expect(() => taskDue(cal, '2026-11-30', n)).toThrow(/1至60个工作日/);
  });

  it('is overdue only while the receiver owes a reply and after the due day', () => {
    const due = '2026-12-04';
    expect(isOverdue({ state: 'issued', due_on: due }, '2026-12-04')).toBe(false);
    expect(isOverdue({ state: 'issued', due_on: due }, '2026-12-05')).toBe(true);
    expect(isOverdue({ state: 'returned', due_on: due }, '2026-12-07')).toBe(true);
    expect(isOverdue({ state: 'replied', due_on: due }, '2026-12-07')).toBe(false);
    expect(isOverdue({ state: 'accepted', due_on: due }, '2026-12-07')).toBe(false);
    expect(awaitsReceiver('withdrawn')).toBe(false);
  });

  it('closes on time when the accepted reply came by the due day', () => {
    expect(closedOnTime('2026-12-04', '2026-12-04')).toBe(true);
    expect(closedOnTime('2026-12-05', '2026-12-04')).toBe(false);
  });
});

describe('who issues to whom, who acts', () => {
  const gov = { id: 'gov', kind: 'government' as const, parentId: null };
  const dept = { id: 'dept', kind: 'department' as const, parentId: 'gov' };
  const sibling = { id: 'other', kind: 'department' as const, parentId: 'gov' };
  const division = { id: 'div', kind: 'division' as const, parentId: 'dept' };
  const supervisor = { orgId: 'gov', supervisor: true, office: false };
  const office = { orgId: 'dept', supervisor: false, office: true };

  it('a supervisor addresses the agencies below and their divisions, never itself or outside', () => {
    const readable = ['gov', 'dept', 'other'];
    expect(mayIssueTo(supervisor, dept, readable)).toBe(true);
    expect(mayIssueTo(supervisor, division, readable)).toBe(true);
    expect(mayIssueTo(supervisor, gov, readable)).toBe(false);
    expect(mayIssueTo(supervisor, dept, ['gov'])).toBe(false);
  });

  it("an office addresses only its own agency's divisions", () => {
    expect(mayIssueTo(office, division, ['dept'])).toBe(true);
    expect(mayIssueTo(office, dept, ['dept'])).toBe(false);
    expect(mayIssueTo(office, sibling, ['dept'])).toBe(false);
    expect(mayIssueTo(office, { id: 'd2', kind: 'division', parentId: 'other' }, ['dept'])).toBe(false);
  });

  it("the receiver is the target agency's office, or the division's own clerk", () => {
    const toAgency = { target_org_id: 'dept', target_agency_id: 'dept' };
    const toDivision = { target_org_id: 'div', target_agency_id: 'dept' };
    const officeUser = { orgId: 'dept', divisionId: null, office: true, reply: true };
    const clerk = { orgId: 'dept', divisionId: 'div', office: false, reply: true };
    const otherClerk = { orgId: 'dept', divisionId: 'div2', office: false, reply: true };
    const supervisorUser = { orgId: 'gov', divisionId: null, office: false, reply: false };
    expect(isReceiver(officeUser, toAgency)).toBe(true);
    expect(isReceiver(officeUser, toDivision)).toBe(true);
    expect(isReceiver(clerk, toDivision)).toBe(true);
    expect(isReceiver(clerk, toAgency)).toBe(false);
    expect(isReceiver(otherClerk, toDivision)).toBe(false);
    expect(isReceiver(supervisorUser, toAgency)).toBe(false);
    expect(isIssuer({ orgId: 'gov', issue: true }, { issuer_org_id: 'gov' })).toBe(true);
    expect(isIssuer({ orgId: 'gov', issue: false }, { issuer_org_id: 'gov' })).toBe(false);
    expect(isIssuer({ orgId: 'dept', issue: true }, { issuer_org_id: 'gov' })).toBe(false);
  });

  it('offers each side only its own next steps', () => {
    expect(allowedActions('issued', { issuer: false, receiver: true })).toEqual(['reply', 'attach']);
    expect(allowedActions('issued', { issuer: true, receiver: false })).toEqual(['withdraw']);
    expect(allowedActions('replied', { issuer: true, receiver: false })).toEqual([
      'accept',
      'return',
      'withdraw',
    ]);
    expect(allowedActions('replied', { issuer: false, receiver: true })).toEqual([]);
    expect(allowedActions('accepted', { issuer: true, receiver: true })).toEqual([]);
  });
});

describe('titles and numbers', () => {
  it('words a board row as a 督办 title', () => {
    expect(suggestedTitle('request_case', 'YSQ-2026-00012', { overdue: true })).toBe(
      '案件 YSQ-2026-00012 已逾期',
    );
    expect(suggestedTitle('catalog_column', '通知公告')).toBe('栏目 通知公告 超期未更新');
    expect(suggestedTitle('catalog_column', '规划计划', { blank: true })).toBe('栏目 规划计划 长期空白');
    expect(suggestedTitle('enforcement_decision', '示应急罚〔2026〕3号')).toContain('7个工作日');
  });
  it('numbers tasks per year with four digits', () => {
    expect(taskNumber(2026, 3)).toBe('DB-2026-0003');
    expect(taskNumber(2026, 12345)).toBe('DB-2026-12345');
  });
});

describe('evidence files', () => {
  const bytes = (...b: number[]) => new Uint8Array([...b, 1, 2, 3]);
  it('accepts PDF, PNG and JPEG by content, .docx/.xlsx by ZIP content and name', () => {
    expect(evidenceMime('a.bin', bytes(0x25, 0x50, 0x44, 0x46))).toBe('application/pdf');
    expect(evidenceMime('a', bytes(0x89, 0x50, 0x4e, 0x47))).toBe('image/png');
    expect(evidenceMime('照片.jpg', bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
    expect(evidenceMime('整改报告.DOCX', bytes(0x50, 0x4b, 0x03, 0x04))).toContain('wordprocessingml');
    expect(evidenceMime('台账.xlsx', bytes(0x50, 0x4b, 0x03, 0x04))).toContain('spreadsheetml');
  });
  it('refuses empty, oversized, renamed and other files', () => {
    expect(evidenceMime('a.pdf', new Uint8Array())).toBeNull();
    expect(evidenceMime('a.pdf', new Uint8Array(MAX_EVIDENCE_BYTES + 1).fill(0x25))).toBeNull();
    expect(evidenceMime('a.pdf', bytes(0x3c, 0x68, 0x74, 0x6d))).toBeNull(); // HTML named .pdf
    expect(evidenceMime('a.zip', bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull();
    expect(evidenceMime('a.exe', bytes(0x4d, 0x5a))).toBeNull();
  });
});
