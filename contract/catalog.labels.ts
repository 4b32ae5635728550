/**
 * Chinese labels of the 主动公开 workflow (server/modules/catalog/catalog.rules.ts), shown alike by the
 * server (its refusals name the step) and the console (buttons, item history). Plain values without
 * TypeBox, so the console bundle takes them without the schema library.
 */

/** The steps of an item's publication workflow, in the words of the buttons and the history. */
export const CATALOG_ACTION_LABELS = {
  submit: '提交审查',
  recall: '撤回提交',
  start_review: '开始保密审查',
  review_pass: '保密审查通过',
  review_reject: '保密审查退回',
  approve: '审批通过',
  reject: '审批退回',
  publish_due: '定时发布',
  discard: '放弃草稿',
} as const;

export type CatalogWorkflowActionT = keyof typeof CATALOG_ACTION_LABELS;
