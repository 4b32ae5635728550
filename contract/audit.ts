/**
 * Contract of the audit module (安全审计员 only, 三员分立): the hash-chained log with its filters, the
 * streamed CSV export, the chain check, and the signed checkpoints (issue 14, item 5), which the auditor
 * lists with their status and downloads to keep off the machine.
 */
import { Type, type Static } from 'typebox';
import { FileResponse, Nullable, PageQuery, STAFF_ERRORS, type RouteContract } from './common.js';

const TAGS = ['审计'];

// ---------------------------------------------------------------- the log

export const AuditFilter = Type.Object({
  orgId: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  targetType: Type.Optional(Type.String({ maxLength: 64 })),
  targetId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date', description: '起始日期（含）' })),
  to: Type.Optional(Type.String({ format: 'date', description: '截止日期（含）' })),
});
export type AuditFilterT = Static<typeof AuditFilter>;

/** What an audit row's `summary` usually holds; other keys may appear. */
export const AuditSummary = Type.Record(Type.String(), Type.Unknown(), {
  description: '摘要：通常含 before、after、note，按操作不同可有其他字段',
});

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ description: '时间（ISO 8601）' }),
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  orgId: Nullable(Type.String()),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Nullable(Type.String()),
  summary: Nullable(AuditSummary),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  hash: Type.String(),
});
export type AuditEntryT = Static<typeof AuditEntry>;

export const listAudit = {
  operationId: 'audit.list',
  summary: '审计日志（安全审计员）',
  tags: TAGS,
  querystring: Type.Object({ ...PageQuery.properties, ...AuditFilter.properties }),
  response: { 200: Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer({ minimum: 0 }) }) },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const exportAudit = {
  operationId: 'audit.exportCsv',
  summary: '导出审计日志（CSV，UTF-8 BOM，流式）',
  tags: TAGS,
  querystring: AuditFilter,
  produces: ['text/csv'],
  response: { 200: FileResponse('审计日志 CSV（UTF-8 BOM）') },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: '已校验的记录数' }),
  firstBreak: Nullable(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
});
export type AuditVerifyResultT = Static<typeof AuditVerifyResult>;

export const verifyAudit = {
  operationId: 'audit.verify',
  summary: '校验审计日志哈希链',
  tags: TAGS,
  response: { 200: AuditVerifyResult },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

// ---------------------------------------------------------------- signed checkpoints

export const CheckpointView = Type.Object({
  file: Type.String({ description: '检查点文件名（checkpoint-<序号>.json）' }),
  seq: Type.Integer({ description: '签名时的链头序号' }),
  hash: Type.String({ description: '该条记录的哈希' }),
  at: Type.String({ description: '签名时间（ISO 8601，UTC）' }),
  status: Type.Union([Type.Literal('valid'), Type.Literal('chain_mismatch'), Type.Literal('bad_signature')], {
    description: '有效 / 与链不符 / 签名无效',
  }),
  problem: Nullable(Type.String({ description: '不符或无效的原因（中文）' })),
});
export type CheckpointViewT = Static<typeof CheckpointView>;

export const CheckpointList = Type.Object({
  configured: Type.Boolean({ description: '是否配置了检查点目录与签名密钥' }),
  intervalMinutes: Type.Integer({ description: '定时签名间隔（分钟，0 表示不定时签名）' }),
  items: Type.Array(CheckpointView),
});
export type CheckpointListT = Static<typeof CheckpointList>;

export const listCheckpoints = {
  operationId: 'audit.checkpoints.list',
  summary: '审计日志签名检查点（安全审计员）',
  tags: TAGS,
  response: { 200: CheckpointList },
  errors: STAFF_ERRORS,
} satisfies RouteContract;

export const CheckpointFileParams = Type.Object({
  file: Type.String({ pattern: '^checkpoint-\\d{1,20}\\.json$', maxLength: 40 }),
});

export const downloadCheckpoint = {
  operationId: 'audit.checkpoints.download',
  summary: '下载一个签名检查点文件',
  tags: TAGS,
  params: CheckpointFileParams,
  response: { 200: FileResponse('检查点 JSON 文件') },
  errors: STAFF_ERRORS,
  produces: ['application/json'],
} satisfies RouteContract;
