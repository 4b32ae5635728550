/**
 * Contract of the audit chain's signed checkpoints (issue 14, item 5): the auditor lists them with their
 * status and downloads each file to keep it off the machine.
 */
import { Type, type Static } from 'typebox';
import { FileResponse, Nullable, STAFF_ERRORS, type RouteContract } from './common.js';

const TAGS = ['审计'];

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
