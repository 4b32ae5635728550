/** Operations of the platform itself: liveness, readiness, the API description and the problem types. */
import { Type } from 'typebox';
import { PROBLEM_CODE_PATTERN } from './problems.js';
import type { RouteContract } from './common.js';

export const Health = Type.Object({ status: Type.Literal('ok') });
export const Readiness = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
});

export const ProblemTypeView = Type.Object({
  code: Type.String(),
  type: Type.String({ description: '稳定的类型 URI：/api/problems/<code>' }),
  status: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
});
export const ProblemTypeList = Type.Object({ items: Type.Array(ProblemTypeView) });
export const ProblemCodeParams = Type.Object({
  code: Type.String({ pattern: PROBLEM_CODE_PATTERN, maxLength: 80 }),
});

export const healthz = {
  operationId: 'ops.getHealth',
  summary: '存活检查',
  description: '进程在运行即答 200（不访问数据库）。供负载均衡和容器编排的存活探针使用。',
  tags: ['ops'],
  response: { 200: Health },
  errors: [],
} satisfies RouteContract;

export const readyz = {
  operationId: 'ops.getReadiness',
  summary: '就绪检查',
  description: '访问数据库（select 1）；数据库不可达时答 503。供就绪探针使用。',
  tags: ['ops'],
  response: { 200: Readiness },
  errors: [503],
} satisfies RouteContract;

export const openapi = {
  operationId: 'ops.getOpenApi',
  summary: 'API 描述（OpenAPI 3）',
  description: '本 API 的 OpenAPI 3 描述：每个操作的参数、请求体、成功响应和 problem+json 错误响应。',
  tags: ['ops'],
  response: {
    200: Type.Unsafe<Record<string, unknown>>({
      type: 'object',
      additionalProperties: true,
      description: 'OpenAPI 3.0 文档',
    }),
  },
  errors: [],
} satisfies RouteContract;

export const listProblems = {
  operationId: 'ops.listProblemTypes',
  summary: '错误类型列表',
  description: '所有已登记的错误码（problem+json 的 `code`），及其 HTTP 状态、标题和说明。',
  tags: ['ops'],
  response: { 200: ProblemTypeList },
  errors: [],
} satisfies RouteContract;

export const getProblem = {
  operationId: 'ops.getProblemType',
  summary: '错误类型说明',
  description: 'problem+json 中 `type` 指向的地址：说明该错误码何时出现、如何处理。未登记的错误码答 404。',
  tags: ['ops'],
  params: ProblemCodeParams,
  response: { 200: ProblemTypeView },
  errors: [400, 404],
} satisfies RouteContract;
