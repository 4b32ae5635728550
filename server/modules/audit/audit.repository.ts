import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditLogTable } from './audit.tables.js';
import { toNumber } from '../../db/dialect.js';

export type Db = Kysely<DB>;

export interface AuditFilter {
  orgIds?: string[] | null;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

/** Takes the chain head for update: the UPDATE locks the row until the caller's transaction ends. */
export async function claimHead(db: Db): Promise<{ seq: number; last_hash: string }> {
  const row = await db
    .updateTable('audit_head')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', 1)
    .returning(['seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { seq: toNumber(row.seq), last_hash: row.last_hash };
}

export async function appendRow(db: Db, row: AuditLogTable): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
  await db.updateTable('audit_head').set({ last_hash: row.hash }).where('id', '=', 1).execute();
}

export async function rowsFrom(db: Db, fromSeq: number, limit: number): Promise<AuditLogTable[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: toNumber(r.seq) }));
}

export async function head(db: Db): Promise<{ seq: number; last_hash: string }> {
  const row = await db
    .selectFrom('audit_head')
    .select(['seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: toNumber(row.seq), last_hash: row.last_hash };
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.orgIds) q = q.where('org_id', 'in', f.orgIds.length ? f.orgIds : ['-']);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return q;
}

export async function list(db: Db, f: AuditFilter, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    filtered(db, f).selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, seq: toNumber(r.seq) })), total: toNumber(total.n) };
}

export async function* iterate(db: Db, f: AuditFilter, batch = 1000): AsyncGenerator<AuditLogTable> {
  // No bound on the first batch: seq is an `integer` on PostgreSQL, which refused Number.MAX_SAFE_INTEGER (500).
  let before: number | null = null;
  for (;;) {
    let q = filtered(db, f).selectAll();
    if (before !== null) q = q.where('seq', '<', before);
    const rows = await q.orderBy('seq', 'desc').limit(batch).execute();
    for (const r of rows) yield { ...r, seq: toNumber(r.seq) };
    if (rows.length < batch) return;
    before = toNumber(rows[rows.length - 1]!.seq);
  }
}

export async function forTarget(db: Db, targetType: string, targetId: string) {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: toNumber(r.seq) }));
}

/** Gives one row its MAC (`gongkai audit seal-legacy` only; a row that has one is never touched). */
export async function setMacIfMissing(db: Db, seq: number, mac: string): Promise<void> {
  await db.updateTable('audit_log').set({ mac }).where('seq', '=', seq).where('mac', 'is', null).execute();
}

/** The first row carrying a MAC and the first row after it without one (`seal-legacy`'s two facts). */
export async function macBoundary(
  db: Db,
): Promise<{ firstMac: AuditLogTable | null; missingAfter: AuditLogTable | null }> {
  const first = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('mac', 'is not', null)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (!first) return { firstMac: null, missingAfter: null };
  const firstMac = { ...first, seq: toNumber(first.seq) };
  const late = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('mac', 'is', null)
    .where('seq', '>', firstMac.seq)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return { firstMac, missingAfter: late ? { ...late, seq: toNumber(late.seq) } : null };
}

/**
 * The latest audit sequence number of each agency (0 when none) and of platform-wide rows (org_id NULL):
 * one seek per agency on audit_log_org_seq, in statements of at most 400 agencies.
 */
export async function latestSeqs(
  db: Db,
  orgIds: readonly string[],
): Promise<{ byOrg: Map<string, number>; platform: number }> {
  const byOrg = new Map<string, number>();
  const ids = [...new Set(orgIds)];
  for (let i = 0; i < ids.length; i += 400) {
    const part = ids.slice(i, i + 400);
    // One correlated seek per listed agency. Not a UNION ALL of one SELECT per agency: PostgreSQL spent
    // 650 ms planning 400 branches (the execution took a few ms).
    const { rows } = await sql<{ org_id: string; seq: number | string | null }>`
      WITH o(id) AS (VALUES ${sql.join(part.map((id) => sql`(CAST(${id} AS TEXT))`))})
      SELECT o.id AS org_id, (SELECT max(a.seq) FROM audit_log a WHERE a.org_id = o.id) AS seq FROM o`.execute(
      db,
    );
    for (const r of rows) byOrg.set(r.org_id, r.seq === null ? 0 : toNumber(r.seq));
  }
  const platform = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('org_id', 'is', null)
    .executeTakeFirst();
  return { byOrg, platform: platform?.seq == null ? 0 : toNumber(platform.seq) };
}
