import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Permission } from '../users/roles.js';
import {
  addMonths,
  assertActionAllowed,
  assertGeneratedOn,
  assertNotSelfReview,
  assertPublishAt,
  assertSubtreeFits,
  assertUniqueSiblingName,
  assertValidityChange,
  checkAttachment,
  childDepth,
  columnFreshness,
  itemTimeliness,
  nextAttemptDelayMs,
  nextState,
  normalizeArt20Items,
  normalizeChannels,
  releaseTarget,
  reorder,
  validateReview,
  type WorkflowAction,
} from './catalog.rules.js';
import type { RevisionState } from './catalog.tables.js';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'no error';
}

const single = { secondApproval: false, release: 'published' as const };
const double = { secondApproval: true, release: 'published' as const };

describe('workflow state machine', () => {
  it('walks the happy path with one and two approval levels', () => {
    expect(nextState('draft', 'submit', single)).toBe('submitted');
    expect(nextState('submitted', 'start_review', single)).toBe('reviewing');
    expect(nextState('reviewing', 'review_pass', single)).toBe('approving');
    expect(nextState('approving', 'approve', single)).toBe('published');
    expect(nextState('approving', 'approve', double)).toBe('approving_principal');
    expect(nextState('approving_principal', 'approve', double)).toBe('published');
    expect(nextState('approving', 'approve', { secondApproval: false, release: 'scheduled' })).toBe(
      'scheduled',
    );
    expect(nextState('scheduled', 'publish_due', single)).toBe('published');
  });

  it('returns rejected items to the drafter', () => {
    expect(nextState('reviewing', 'review_reject', single)).toBe('draft');
    expect(nextState('approving', 'reject', single)).toBe('draft');
    expect(nextState('approving_principal', 'reject', double)).toBe('draft');
    expect(nextState('submitted', 'recall', single)).toBe('draft');
    expect(nextState('draft', 'discard', single)).toBe('discarded');
  });

  it('refuses every transition not in the table with invalid_transition', () => {
    const states: RevisionState[] = [
      'draft',
      'submitted',
      'reviewing',
      'approving',
      'approving_principal',
      'scheduled',
      'published',
      'superseded',
      'discarded',
    ];
    const allowed: Record<WorkflowAction, RevisionState[]> = {
      submit: ['draft'],
      recall: ['submitted'],
      start_review: ['submitted'],
      review_pass: ['reviewing'],
      review_reject: ['reviewing'],
      approve: ['approving', 'approving_principal'],
      reject: ['approving', 'approving_principal'],
      publish_due: ['scheduled'],
      discard: ['draft'],
    };
    let refused = 0;
    for (const [action, from] of Object.entries(allowed) as [WorkflowAction, RevisionState[]][])
      for (const s of states)
        if (!from.includes(s)) {
          expect(code(() => nextState(s, action, single))).toBe('invalid_transition');
          refused++;
        }
    expect(refused).toBeGreaterThan(60);
  });

  it('checks permissions per action and level', () => {
    const perms = (...p: Permission[]) => new Set<Permission>(p);
    expect(code(() => assertActionAllowed('approve', 'approving', perms('catalog.draft'), false))).toBe(
      'forbidden',
    );
    expect(code(() => assertActionAllowed('approve', 'approving', perms('catalog.approve'), false))).toBe(
      'no error',
    );
    expect(
      code(() => assertActionAllowed('approve', 'approving_principal', perms('catalog.approve'), false)),
    ).toBe('principal_required');
    expect(
      code(() =>
        assertActionAllowed('approve', 'approving_principal', perms('catalog.approve.principal'), false),
      ),
    ).toBe('no error');
    expect(code(() => assertActionAllowed('review_pass', 'reviewing', perms('catalog.approve'), false))).toBe(
      'forbidden',
    );
    expect(code(() => assertActionAllowed('publish_due', 'scheduled', perms('catalog.admin'), false))).toBe(
      'forbidden',
    );
    expect(code(() => assertActionAllowed('publish_due', 'scheduled', perms(), true))).toBe('no error');
    expect(code(() => assertNotSelfReview('u1', 'u1'))).toBe('self_review');
    expect(code(() => assertNotSelfReview('u1', 'u2'))).toBe('no error');
  });
});

describe('保密审查 record', () => {
  const none = {
    stateSecret: { involved: false },
    workSecret: { involved: false },
    commercialSecret: { involved: false },
    privacy: { involved: false },
    sensitive: { involved: false },
  };
  it('needs every checklist answer and an opinion', () => {
    expect(code(() => validateReview({ ...none, privacy: undefined }, '同意', 'pass'))).toBe(
      'checklist_incomplete',
    );
    expect(code(() => validateReview(none, '  ', 'pass'))).toBe('review_opinion_required');
    expect(validateReview(none, '同意', 'pass').privacy.involved).toBe(false);
  });
  it('cannot pass while a checklist item is involved, but can reject', () => {
    const involved = { ...none, privacy: { involved: true, note: '身份证号' } };
    expect(code(() => validateReview(involved, '同意', 'pass'))).toBe('checklist_contradicts_pass');
    expect(validateReview(involved, '请删除', 'reject').privacy.note).toBe('身份证号');
  });
});

describe('columns', () => {
  it('allows at most three levels, also for moved subtrees', () => {
    expect(childDepth(null)).toBe(1);
    expect(childDepth(2)).toBe(3);
    expect(code(() => childDepth(3))).toBe('column_depth_exceeded');
    expect(code(() => assertSubtreeFits(2, 2))).toBe('no error');
    expect(code(() => assertSubtreeFits(2, 3))).toBe('column_depth_exceeded');
  });
  it('keeps sibling names unique and normalizes items and channels', () => {
    expect(code(() => assertUniqueSiblingName(' 工作动态 ', ['工作动态']))).toBe('column_name_taken');
    expect(code(() => assertUniqueSiblingName('通知公告', ['工作动态']))).toBe('no error');
    expect(normalizeArt20Items([12, 1, 12])).toEqual([1, 12]);
    expect(code(() => normalizeArt20Items([16]))).toBe('invalid_art20_item');
    expect(normalizeChannels(['sms', 'wechat'])).toEqual(['portal', 'wechat', 'sms']);
    expect(code(() => normalizeChannels(['fax']))).toBe('invalid_channel');
  });
  it('reorders siblings with clamped positions', () => {
    expect(reorder(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(reorder(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(reorder(['a', 'b'], 'x', 1)).toEqual(['a', 'x', 'b']);
  });
  it('computes staleness by update class', () => {
    expect(columnFreshness('dynamic', '2026-02-01', '2026-02-15').stale).toBe(false);
    expect(columnFreshness('dynamic', '2026-02-01', '2026-02-16').stale).toBe(true);
    expect(columnFreshness('periodic', '2025-08-31', '2026-02-28').stale).toBe(false);
    expect(columnFreshness('periodic', '2025-08-31', '2026-03-01').stale).toBe(true);
    expect(columnFreshness('static', '2010-01-01', '2026-03-01').stale).toBe(false);
    expect(columnFreshness('dynamic', null, '2026-03-01')).toEqual({
      stale: false,
      daysSince: null,
      dueBy: null,
    });
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
  });
});

describe('dates and timeliness', () => {
  it('never back-dates publication and refuses future 成文日期', () => {
    expect(code(() => assertPublishAt('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'))).toBe(
      'publish_at_in_past',
    );
    expect(code(() => assertPublishAt('2026-03-03T00:00:00Z', '2026-03-02T00:00:00Z'))).toBe('no error');
    expect(code(() => assertGeneratedOn('2026-03-03', '2026-03-02'))).toBe('generated_on_in_future');
    expect(code(() => assertGeneratedOn('2026-02-30', '2026-03-02'))).toBe('invalid_date');
    expect(releaseTarget(null, '2026-03-02T00:00:00Z')).toBe('published');
    expect(releaseTarget('2026-03-03T00:00:00Z', '2026-03-02T00:00:00Z')).toBe('scheduled');
  });
  it('counts working days from 成文日期 to 发布日期 against 20 (Art. 26), skipping holidays', () => {
    const cal = new WorkCalendar();
    // 2025 National Day holiday 10-01..10-08; 09-28 and 10-11 are 调休 working days.
    const t = itemTimeliness(cal, '2025-09-26', '2025-10-24');
    expect(t.workdays).toBe(cal.workdaysBetween('2025-09-26', '2025-10-24'));
    expect(t.workdays).toBeLessThan(20);
    expect(t.late).toBe(false);
    expect(itemTimeliness(cal, '2025-08-15', '2025-09-28').late).toBe(true);
    expect(itemTimeliness(cal, '2025-03-03', '2025-03-31').workdays).toBe(20);
    expect(itemTimeliness(cal, '2025-03-03', '2025-03-31').late).toBe(false);
  });
  it('flags estimated years instead of guessing silently', () => {
    const t = itemTimeliness(new WorkCalendar(), '2099-01-05', '2099-01-12');
    expect(t.estimated).toBe(true);
    expect(t.notice).toContain('2099');
  });
  it('declares 失效/废止 once, not in the future, only when published', () => {
    expect(code(() => assertValidityChange('valid', 'published', '2026-03-01', '2026-03-02'))).toBe(
      'no error',
    );
    expect(code(() => assertValidityChange('repealed', 'published', '2026-03-01', '2026-03-02'))).toBe(
      'already_repealed',
    );
    expect(code(() => assertValidityChange('valid', 'unpublished', '2026-03-01', '2026-03-02'))).toBe(
      'not_published',
    );
    expect(code(() => assertValidityChange('valid', 'published', '2026-03-03', '2026-03-02'))).toBe(
      'validity_date_in_future',
    );
  });
});

describe('attachments and outbox', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
  it('whitelists types, checks size and file signatures', () => {
    expect(checkAttachment('通知.pdf', 100, pdf).mimeType).toBe('application/pdf');
    expect(code(() => checkAttachment('run.exe', 100, pdf))).toBe('attachment_type_not_allowed');
    expect(code(() => checkAttachment('通知.pdf', 51 * 1024 * 1024, pdf))).toBe('attachment_too_large');
    expect(code(() => checkAttachment('通知.pdf', 0, pdf))).toBe('attachment_empty');
    expect(code(() => checkAttachment('photo.png', 100, pdf))).toBe('attachment_type_mismatch');
    expect(code(() => checkAttachment('../x.pdf', 100, pdf))).toBe('invalid_file_name');
    expect(checkAttachment('表.XLSX', 100, new Uint8Array([0x50, 0x4b, 3, 4])).ext).toBe('xlsx');
  });
  it('backs off exponentially and gives up after 8 attempts', () => {
    expect(nextAttemptDelayMs(1)).toBe(60_000);
    expect(nextAttemptDelayMs(2)).toBe(120_000);
    expect(nextAttemptDelayMs(7)).toBe(64 * 60_000);
    expect(nextAttemptDelayMs(8)).toBeNull();
  });
});

describe('assertSubmittable', () => {
  it('needs 成文日期, and a 文号 for 行政规范性文件', async () => {
    const { assertSubmittable } = await import('./catalog.rules.js');
    const code = (f: () => void) => {
      try {
        f();
        return null;
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(() => assertSubmittable({ generated_on: null, doc_kind: 'other', doc_number: null }))).toBe(
      'generated_on_required',
    );
    expect(
      code(() => assertSubmittable({ generated_on: '2026-12-01', doc_kind: 'normative', doc_number: ' ' })),
    ).toBe('doc_number_required');
    expect(
      code(() => assertSubmittable({ generated_on: '2026-12-01', doc_kind: 'other', doc_number: null })),
    ).toBe(null);
    expect(
      code(() =>
        assertSubmittable({
          generated_on: '2026-12-01',
          doc_kind: 'normative',
          doc_number: '示应急规〔2026〕1号',
        }),
      ),
    ).toBe(null);
  });
});
