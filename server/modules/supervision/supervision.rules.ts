/**
 * Pure rules of 督办 tasks (no I/O, no clock): states and transitions, the due day in working days,
 * overdue and "closed on time", who may issue to whom, who may act on a task, and the titles generated
 * from board rows.
 */
import { DomainError, invalidField } from '../../platform/errors.js';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { TaskSourceKind, TaskState } from './supervision.tables.js';

export const TASK_STATES: readonly TaskState[] = ['issued', 'replied', 'returned', 'accepted', 'withdrawn'];

export const STATE_LABELS: Record<TaskState, string> = {
  issued: '待答复',
  replied: '待验收',
  returned: '已退回',
  accepted: '已办结',
  withdrawn: '已撤回',
};

export type TaskAction = 'reply' | 'accept' | 'return' | 'withdraw';

/** From which states each action may run, and where it leads. */
export const TRANSITIONS: Record<TaskAction, { from: readonly TaskState[]; to: TaskState }> = {
  reply: { from: ['issued', 'returned'], to: 'replied' },
  accept: { from: ['replied'], to: 'accepted' },
  return: { from: ['replied'], to: 'returned' },
  withdraw: { from: ['issued', 'returned', 'replied'], to: 'withdrawn' },
};

export const ACTION_LABELS: Record<string, string> = {
  issued: '下达督办',
  replied: '答复',
  returned: '退回重办',
  accepted: '验收办结',
  withdrawn: '撤回督办',
  attached: '上传佐证材料',
  overdue_notified: '逾期提醒',
};

export function canTransition(state: TaskState, action: TaskAction): boolean {
  return TRANSITIONS[action].from.includes(state);
}

/** The state after `action`, or a 409 naming the current state. */
export function nextState(state: TaskState, action: TaskAction): TaskState {
  if (!canTransition(state, action))
    throw new DomainError(
      'supervision.invalid_transition',
      `督办当前为“${STATE_LABELS[state]}”，不能${ACTION_VERB[action]}`,
      { state, action },
      'conflict',
    );
  return TRANSITIONS[action].to;
}

const ACTION_VERB: Record<TaskAction, string> = {
  reply: '答复',
  accept: '验收办结',
  return: '退回',
  withdraw: '撤回',
};

/** Open = the receiver still has to act (a replied task waits on the issuer, not the receiver). */
export function awaitsReceiver(state: TaskState): boolean {
  return state === 'issued' || state === 'returned';
}

export function isClosed(state: TaskState): boolean {
  return state === 'accepted' || state === 'withdrawn';
}

export const MIN_WORKDAYS = 1;
export const MAX_WORKDAYS = 60;

/** The due day: `workdays` working days after the issue day (the issue day not counted). */
export function taskDue(
  calendar: WorkCalendar,
  issuedOn: string,
  workdays: number,
): { dueOn: string; estimated: boolean } {
  if (!Number.isInteger(workdays) || workdays < MIN_WORKDAYS || workdays > MAX_WORKDAYS)
    throw invalidField(
      'workdays',
      'supervision.invalid_workdays',
      `办理时限应为${MIN_WORKDAYS}至${MAX_WORKDAYS}个工作日`,
    );
  const r = calendar.addWorkdays(issuedOn, workdays);
  return { dueOn: r.date, estimated: r.estimated };
}

/** Overdue: the receiver has not (successfully) replied and the due day has passed. */
export function isOverdue(task: { state: TaskState; due_on: string }, today: string): boolean {
  return awaitsReceiver(task.state) && today > task.due_on;
}

/** Closed on time: the reply the issuer accepted came on or before the due day. */
export function closedOnTime(repliedOn: string, dueOn: string): boolean {
  return repliedOn <= dueOn;
}

// ---------------------------------------------------------------- who may issue to whom

export interface OrgNode {
  id: string;
  kind: 'government' | 'department' | 'division' | 'unit';
  parentId: string | null;
}

/**
 * Targets an issuer may address:
 * - a supervisor: any agency it reads except its own (the agencies below), and their divisions;
 * - the office of an agency: the divisions of its own agency.
 * `readable` are the agencies the supervisor reads (orgs.readableAgencyIds).
 */
export function mayIssueTo(
  issuer: { orgId: string; supervisor: boolean; office: boolean },
  target: OrgNode,
  readable: readonly string[],
): boolean {
  if (target.kind === 'division') {
    const agency = target.parentId;
    if (!agency) return false;
    if (issuer.office && agency === issuer.orgId) return true;
    return issuer.supervisor && agency !== issuer.orgId && readable.includes(agency);
  }
  return issuer.supervisor && target.id !== issuer.orgId && readable.includes(target.id);
}

/**
 * The receiver side: the target agency's office; for a task to a division also the staff of that
 * division holding `supervision.reply` (a clerk of the division).
 */
export function isReceiver(
  actor: { orgId: string | null; divisionId: string | null; office: boolean; reply: boolean },
  task: { target_org_id: string; target_agency_id: string },
): boolean {
  if (!actor.reply || !actor.orgId || actor.orgId !== task.target_agency_id) return false;
  if (actor.office) return true;
  return task.target_org_id !== task.target_agency_id && actor.divisionId === task.target_org_id;
}

/** The issuer side: staff of the issuing org who may issue tasks. */
export function isIssuer(
  actor: { orgId: string | null; issue: boolean },
  task: { issuer_org_id: string },
): boolean {
  return actor.issue && actor.orgId === task.issuer_org_id;
}

export type ViewerAction = 'reply' | 'accept' | 'return' | 'withdraw' | 'attach';

/** What the viewer may do now (drives the console's buttons; the use cases check the same). */
export function allowedActions(
  state: TaskState,
  side: { issuer: boolean; receiver: boolean },
): ViewerAction[] {
  const out: ViewerAction[] = [];
  if (side.receiver && canTransition(state, 'reply')) out.push('reply', 'attach');
  if (side.issuer && canTransition(state, 'accept')) out.push('accept');
  if (side.issuer && canTransition(state, 'return')) out.push('return');
  if (side.issuer && canTransition(state, 'withdraw')) out.push('withdraw');
  return out;
}

// ---------------------------------------------------------------- titles from board rows

/** The 督办 title a board row suggests ("栏目 X 超期未更新", "案件 Y 已逾期"). */
export function suggestedTitle(
  kind: TaskSourceKind,
  label: string,
  detail: { overdue?: boolean; blank?: boolean; workdays?: number } = {},
): string {
  switch (kind) {
    case 'request_case':
      return detail.overdue ? `案件 ${label} 已逾期` : `案件 ${label} 即将到期`;
    case 'catalog_column':
      return detail.blank ? `栏目 ${label} 长期空白` : `栏目 ${label} 超期未更新`;
    case 'catalog_item':
      return `信息 ${label} 超期发布（${detail.workdays ?? '超过20'}个工作日）`;
    case 'enforcement_decision':
      return `双公示决定 ${label} 超过7个工作日未公示`;
    case 'interaction_item':
      return detail.overdue ? `互动事项 ${label} 已逾期` : `互动事项 ${label} 即将到期`;
    case 'report':
      return `${label} 年度报告尚未就绪`;
  }
}

/** Task number, e.g. DB-2026-0003. */
export function taskNumber(year: number, seq: number): string {
  return `DB-${year}-${String(seq).padStart(4, '0')}`;
}

// ---------------------------------------------------------------- evidence files

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: [string, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];
const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The media type of an evidence file from its content (PDF, PNG, JPEG) or, for a ZIP container, its
 * .docx/.xlsx name; null when not accepted (empty, over 10 MB, or another kind).
 */
export function evidenceMime(fileName: string, bytes: Uint8Array): string | null {
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_EVIDENCE_BYTES) return null;
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  for (const [mime, sig] of SIGNATURES) if (starts(sig)) return mime;
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (starts([0x50, 0x4b, 0x03, 0x04]) && OOXML[ext]) return OOXML[ext];
  return null;
}
