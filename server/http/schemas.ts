import { Type, type Static } from 'typebox';

/** Paging as clerks think of it: page number and page size (capped so no request scans without bound). */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type PageQueryT = Static<typeof PageQuery>;

/** Converts page/pageSize to limit/offset. */
export function toLimitOffset(q: { page?: number; pageSize?: number }): { limit: number; offset: number } {
  const pageSize = q.pageSize ?? 20;
  return { limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize };
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export { ProblemSchema } from '../../contract/common.js';

export const Ok = Type.Object({ ok: Type.Boolean() });
