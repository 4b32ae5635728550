import type { Actor } from '../../platform/actor.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { auditMac } from '../../platform/keys/keys.js';
import { auditHash, findChainBreak, type ChainBreak } from './audit-chain.js';
import { checkCheckpoints } from './audit.checkpoints.js';
import * as repo from './audit.repository.js';
import type { Db } from './audit.repository.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** The agency the change belongs to; defaults to the actor's. */
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string;
}

/**
 * Records one change to a target in the same transaction as the change (the positional form the use-case
 * files share): `after`/`before` are left out of the summary when undefined.
 */
export async function auditTarget(
  trx: Db,
  clock: Clock,
  actor: Actor,
  action: string,
  target: { type: string; id: string; orgId: string },
  after?: unknown,
  before?: unknown,
): Promise<void> {
  await recordAudit(trx, clock, actor, {
    action,
    targetType: target.type,
    targetId: target.id,
    orgId: target.orgId,
    ...(after === undefined ? {} : { after }),
    ...(before === undefined ? {} : { before }),
  });
}

/**
 * Appends one hash-chained audit row. Call it with the SAME transaction as the change it records,
 * so the change and its audit commit or roll back together.
 */
export async function recordAudit(trx: Db, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  const { seq, last_hash } = await repo.claimHead(trx);
  const summary: Record<string, unknown> = {};
  if (entry.before !== undefined) summary.before = entry.before;
  if (entry.after !== undefined) summary.after = entry.after;
  if (entry.note !== undefined) summary.note = entry.note;
  const content = {
    seq,
    id: newId(),
    at: nowIso(clock),
    actor_id: actor.userId,
    actor_name: actor.name,
    org_id: entry.orgId === undefined ? actor.orgId : entry.orgId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    summary: JSON.stringify(summary),
    ip: actor.ip,
    request_id: actor.requestId,
  };
  const hash = auditHash(last_hash, content);
  await repo.appendRow(trx, { ...content, prev_hash: last_hash, hash, mac: auditMac(hash) });
}

/**
 * Per-agency change counters kept on write: the latest audit sequence number of each agency's rows and of
 * platform-wide rows. Every state change appends its audit row in the same transaction, so a number that
 * has not moved means no audited change of the agency since (scorecards reuse a closed period's cards).
 */
export async function auditVersions(
  db: Db,
  orgIds: readonly string[],
): Promise<{ byOrg: Map<string, number>; platform: number }> {
  return repo.latestSeqs(db, orgIds);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBreak: ChainBreak | null;
  headMismatch: boolean;
}

/** Walks the whole chain in batches and reports the first broken link, if any. */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<VerifyResult> {
  let prev = '0'.repeat(64);
  let seq = 1;
  let checked = 0;
  for (;;) {
    const rows = await repo.rowsFrom(db, seq, batch);
    const result = findChainBreak(rows, prev, seq, auditMac);
    checked += result.nextSeq - seq;
    if (result.broken) return { ok: false, checked, firstBreak: result.broken, headMismatch: false };
    prev = result.lastHash;
    seq = result.nextSeq;
    if (rows.length < batch) break;
  }
  const h = await repo.head(db);
  const headMismatch = h.seq !== seq - 1 || h.last_hash !== prev;
  if (headMismatch) return { ok: false, checked, firstBreak: { seq: seq, reason: 'gap' }, headMismatch };
  // Signed checkpoints pin the chain as it was when each was written: a chain rebuilt from an earlier
  // row (even by someone holding the MAC key) no longer matches them.
  const checkpoint = await checkCheckpoints(db);
  if (checkpoint) return { ok: false, checked, firstBreak: checkpoint, headMismatch: false };
  return { ok: true, checked, firstBreak: null, headMismatch: false };
}
