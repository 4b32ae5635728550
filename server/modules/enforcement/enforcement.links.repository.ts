/**
 * The 双公示 records of one enterprise by credit code, for the 智慧安监 registry's automatic links
 * (enterprises/enterprises.service.ts `linkedRecords`): they join on the credit code, so a decision
 * registered before the enterprise links too. Read-only; at most 200 rows each.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';

type Db = Kysely<DB>;

/** Decisions of `code`; with `publicOn`, only those on the portal that day. */
export async function decisionsByCreditCode(db: Db, orgId: string, code: string, publicOn?: string) {
  let q = db
    .selectFrom('enforcement_decisions')
    .select([
      'id',
      'kind',
      'decision_number',
      'decision_date',
      'content',
      'fine_fen',
      'legal_status',
      'pub_state',
      'public_until',
      'valid_to',
    ])
    .where('org_id', '=', orgId)
    .where('credit_code', '=', code);
  if (publicOn)
    q = q
      .where('pub_state', '=', 'published')
      .where((eb) => eb.or([eb('public_until', 'is', null), eb('public_until', '>=', publicOn)]));
  const rows = await q.orderBy('decision_date', 'desc').limit(200).execute();
  return rows.map((r) => ({ ...r, fine_fen: r.fine_fen === null ? null : toNumber(r.fine_fen) }));
}

export async function accidentsByCreditCode(db: Db, orgId: string, code: string, publishedOnly: boolean) {
  let q = db
    .selectFrom('enforcement_accidents')
    .select(['id', 'title', 'level', 'occurred_on', 'deaths', 'injuries', 'pub_state'])
    .where('org_id', '=', orgId)
    .where('credit_code', '=', code);
  if (publishedOnly) q = q.where('pub_state', '=', 'published');
  return q.orderBy('occurred_on', 'desc').limit(200).execute();
}

/** 挂牌督办 hazards of `code`. */
export async function supervisedHazardsByCreditCode(
  db: Db,
  orgId: string,
  code: string,
  publishedOnly: boolean,
) {
  let q = db
    .selectFrom('enforcement_hazards')
    .select(['id', 'title', 'listed_on', 'deadline', 'rectification_status', 'delisted_on', 'pub_state'])
    .where('org_id', '=', orgId)
    .where('credit_code', '=', code);
  if (publishedOnly) q = q.where('pub_state', '=', 'published');
  return q.orderBy('listed_on', 'desc').limit(200).execute();
}
