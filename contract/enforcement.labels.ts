/**
 * Chinese labels of the 双公示 and 安全生产 vocabulary (contract/enforcement.ts), shown alike by the
 * server (portal pages, import columns, audit titles) and the console. Plain values without TypeBox, so
 * the console bundle takes them without the schema library.
 */
import type {
  AccidentLevelT,
  CounterpartyTypeT,
  DecisionKindT,
  LegalStatusT,
  PubStateT,
  RectificationStatusT,
  WorkflowActionT,
} from './enforcement.js';

export const KIND_LABELS: Record<DecisionKindT, string> = {
  license: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
};
export const COUNTERPARTY_LABELS: Record<CounterpartyTypeT, string> = {
  legal_person: '法人及非法人组织',
  individual_business: '个体工商户',
  natural_person: '自然人',
};
export const LEGAL_STATUS_LABELS: Record<LegalStatusT, string> = {
  in_force: '有效',
  corrected: '已更正',
  revoked: '已撤销',
  withdrawn: '已撤回',
};
export const PUB_STATE_LABELS: Record<PubStateT, string> = {
  draft: '草稿',
  review: '待保密审查',
  approval: '待领导审批',
  published: '已公开',
  taken_down: '已撤下',
};
export const ACCIDENT_LEVEL_LABELS: Record<AccidentLevelT, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};
export const RECTIFICATION_LABELS: Record<RectificationStatusT, string> = {
  pending: '未整改',
  in_progress: '整改中',
  rectified: '已整改待销号',
  delisted: '已销号',
};

/** The publication workflow's steps as buttons and history entries name them. */
export const ACTION_LABELS: Record<WorkflowActionT, string> = {
  submit: '提交审核',
  recall: '撤回提交',
  pass_review: '保密审查通过',
  approve: '审批通过并公开',
  return: '退回修改',
  take_down: '撤下公示',
};
