/**
 * The publication workflow of 双公示 decisions, accident reports and hazards, as a pure state machine.
 * Same steps and permissions as catalog items (主动公开): the clerk submits, the 保密审查员 reviews
 * (catalog.review), the 分管领导 approves (catalog.approve), then it is on the portal. Either checker can
 * return it to the clerk with a reason; the clerk can recall it before review; a published record can be
 * taken down (kept, not deleted) and submitted again.
 */
import { ACTION_LABELS } from '../../../contract/enforcement.labels.js';
import type { Permission } from '../users/roles.js';
import type { PubState } from './enforcement.tables.js';

export type WorkflowAction = 'submit' | 'recall' | 'pass_review' | 'approve' | 'return' | 'take_down';

export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = [
  'submit',
  'recall',
  'pass_review',
  'approve',
  'return',
  'take_down',
];

export { ACTION_LABELS };

interface Transition {
  from: PubState;
  action: WorkflowAction;
  to: PubState;
  /** any of these permissions */
  anyOf: Permission[];
  needsReason?: boolean;
}

const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', action: 'submit', to: 'review', anyOf: ['enforcement.manage'] },
  { from: 'taken_down', action: 'submit', to: 'review', anyOf: ['enforcement.manage'] },
  { from: 'review', action: 'recall', to: 'draft', anyOf: ['enforcement.manage'] },
  { from: 'review', action: 'pass_review', to: 'approval', anyOf: ['catalog.review'] },
  { from: 'review', action: 'return', to: 'draft', anyOf: ['catalog.review'], needsReason: true },
  { from: 'approval', action: 'approve', to: 'published', anyOf: ['catalog.approve'] },
  { from: 'approval', action: 'return', to: 'draft', anyOf: ['catalog.approve'], needsReason: true },
  {
    from: 'published',
    action: 'take_down',
    to: 'taken_down',
    anyOf: ['enforcement.manage', 'catalog.admin'],
    needsReason: true,
  },
];

export type TransitionResult =
  | { ok: true; to: PubState }
  | { ok: false; code: 'invalid_transition' | 'forbidden' | 'reason_required'; messageZh: string };

/** Where `action` leads from `from` for an actor holding `has`, or why it may not be taken. */
export function transition(
  from: PubState,
  action: WorkflowAction,
  has: (p: Permission) => boolean,
  reason?: string | null,
): TransitionResult {
  const t = TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t)
    return {
      ok: false,
      code: 'invalid_transition',
      messageZh: `当前状态不能执行“${ACTION_LABELS[action] ?? action}”`,
    };
  if (!t.anyOf.some(has))
    return { ok: false, code: 'forbidden', messageZh: `您没有“${ACTION_LABELS[action]}”的权限` };
  if (t.needsReason && !(reason ?? '').trim())
    return { ok: false, code: 'reason_required', messageZh: '请填写退回或撤下的理由' };
  return { ok: true, to: t.to };
}

/** The actions an actor can take from a state (for the console's buttons). */
export function availableActions(from: PubState, has: (p: Permission) => boolean): WorkflowAction[] {
  return TRANSITIONS.filter((t) => t.from === from && t.anyOf.some(has)).map((t) => t.action);
}

/** Business fields may be edited only before submission (after publication: 更正 with a notice). */
export function isEditable(state: PubState): boolean {
  return state === 'draft' || state === 'taken_down';
}

/** The queue a permission works on: reviewers see `review`, leaders `approval`. */
export function queueStates(has: (p: Permission) => boolean): PubState[] {
  const states: PubState[] = [];
  if (has('catalog.review')) states.push('review');
  if (has('catalog.approve')) states.push('approval');
  return states;
}
