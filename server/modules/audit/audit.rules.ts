/**
 * Pure decisions of the audit chain's anchoring (issue 14, item 5): when the worker writes a signed
 * checkpoint, and which legacy rows `gongkai audit seal-legacy` may give a MAC.
 */
import { findChainBreak, type AuditContent } from './audit-chain.js';

/** The newest checkpoint on disk, as far as the job needs it. */
export interface LastCheckpoint {
  seq: number;
  at: string;
}

/**
 * A checkpoint is due when the chain has rows, its head moved past the last checkpoint, and that one
 * is at least `intervalMinutes` old (the first checkpoint is written as soon as there is a chain).
 * `intervalMinutes <= 0` turns the job off.
 */
export function checkpointDue(
  headSeq: number,
  last: LastCheckpoint | null,
  now: Date,
  intervalMinutes: number,
): boolean {
  if (intervalMinutes <= 0 || headSeq <= 0) return false;
  if (!last) return true;
  if (headSeq === last.seq) return false;
  const lastAt = Date.parse(last.at);
  // An unreadable time on the last file: write a fresh one rather than never again.
  if (Number.isNaN(lastAt)) return true;
  return now.getTime() - lastAt >= intervalMinutes * 60_000;
}

export type LegacyRow = AuditContent & { prev_hash: string; hash: string; mac: string | null };

export type SealPlan =
  | { kind: 'nothing' }
  | { kind: 'seal'; seqs: number[] }
  | { kind: 'refuse'; seq: number; reason: 'legacy_prefix_broken' | 'mac_missing_after_mac' };

/**
 * Which rows without a MAC may be sealed, given the chain from seq 1 in order (the caller may pass only the
 * rows before the first MAC'd row, that row, and the first MAC-less row after it: the answer is the same). Only the unbroken
 * legacy prefix — the rows written before the first MAC'd row, whose hash chain verifies from the
 * genesis hash — is sealed. A prefix that does not verify is refused (sealing would bless a rewrite),
 * and so is any MAC-less row after a MAC'd row: the MAC existed when it was written, so its missing MAC
 * is tampering, never legacy.
 */
export function planLegacySeal(rows: readonly LegacyRow[]): SealPlan {
  const firstMac = rows.findIndex((r) => r.mac);
  const prefix = firstMac === -1 ? rows : rows.slice(0, firstMac);
  if (firstMac !== -1) {
    const late = rows.slice(firstMac).find((r) => !r.mac);
    if (late) return { kind: 'refuse', seq: Number(late.seq), reason: 'mac_missing_after_mac' };
  }
  if (prefix.length === 0) return { kind: 'nothing' };
  const check = findChainBreak([...prefix], '0'.repeat(64), 1);
  if (check.broken) return { kind: 'refuse', seq: check.broken.seq, reason: 'legacy_prefix_broken' };
  // The first MAC'd row must continue the prefix; otherwise the prefix was swapped in later.
  const next = firstMac === -1 ? undefined : rows[firstMac];
  if (next && (Number(next.seq) !== check.nextSeq || next.prev_hash !== check.lastHash))
    return { kind: 'refuse', seq: Number(next.seq), reason: 'legacy_prefix_broken' };
  return { kind: 'seal', seqs: prefix.map((r) => Number(r.seq)) };
}

/** Chinese explanation of a refusal (CLI output). */
export const SEAL_REFUSALS: Record<Extract<SealPlan, { kind: 'refuse' }>['reason'], string> = {
  legacy_prefix_broken: '早期记录（无密钥校验码部分）的哈希链不完整，可能已被改写，不能补签',
  mac_missing_after_mac: '已有密钥校验码的记录之后出现了缺少校验码的记录，这是篡改迹象，不能补签',
};

/** A timestamp as China time (UTC+8, no daylight saving) for the CLI: `2026-12-07 12:00:00`. */
export function chinaDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
