import { createHash, timingSafeEqual } from 'node:crypto';

/** The fields that the hash covers, in a fixed order (canonical content). */
export interface AuditContent {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  org_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: string;
  ip: string | null;
  request_id: string | null;
}

const FIELDS: (keyof AuditContent)[] = [
  'seq',
  'id',
  'at',
  'actor_id',
  'actor_name',
  'org_id',
  'action',
  'target_type',
  'target_id',
  'summary',
  'ip',
  'request_id',
];

/** Canonical serialisation: a JSON array in FIELDS order, so key order or engine quirks never change the hash. */
export function canonicalAuditContent(row: AuditContent): string {
  return JSON.stringify(FIELDS.map((f) => (f === 'seq' ? Number(row.seq) : row[f])));
}

/** hash = sha256(previous hash ‖ canonical content). */
export function auditHash(prevHash: string, row: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalAuditContent(row)).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason:
    'prev_hash_mismatch' | 'hash_mismatch' | 'gap' | 'mac_missing' | 'mac_mismatch' | 'checkpoint_mismatch';
}

/** Chinese description of a break, for the CLI and the console. */
export const BREAK_REASONS: Record<ChainBreak['reason'], string> = {
  prev_hash_mismatch: '上一条哈希不符（记录被删除或插入）',
  hash_mismatch: '内容与哈希不符（记录被篡改）',
  gap: '序号不连续或链头不符（记录被删除）',
  mac_missing: '缺少密钥校验码（记录在数据库中被改写或插入）',
  mac_mismatch: '密钥校验码不符（哈希链被重新计算过，记录被篡改）',
  checkpoint_mismatch: '与已签名的检查点不符（检查点之前的记录被改写）',
};

/** Checks a run of consecutive rows against the hash of the row before them; returns the first break. */
export function findChainBreak(
  rows: (AuditContent & { prev_hash: string; hash: string; mac?: string | null })[],
  prevHash: string,
  expectedSeq: number,
  mac?: (hash: string) => string,
): { broken: ChainBreak | null; lastHash: string; nextSeq: number } {
  let last = prevHash;
  let seq = expectedSeq;
  for (const row of rows) {
    if (Number(row.seq) !== seq) return { broken: { seq, reason: 'gap' }, lastHash: last, nextSeq: seq };
    if (row.prev_hash !== last)
      return { broken: { seq, reason: 'prev_hash_mismatch' }, lastHash: last, nextSeq: seq };
    if (auditHash(last, row) !== row.hash)
      return { broken: { seq, reason: 'hash_mismatch' }, lastHash: last, nextSeq: seq };
    // The MAC is keyed with a key outside the database: recomputing the hashes after a rewrite cannot
    // recompute it.
    if (mac) {
      if (!row.mac) return { broken: { seq, reason: 'mac_missing' }, lastHash: last, nextSeq: seq };
      const expected = Buffer.from(mac(row.hash));
      const given = Buffer.from(row.mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        return { broken: { seq, reason: 'mac_mismatch' }, lastHash: last, nextSeq: seq };
    }
    last = row.hash;
    seq += 1;
  }
  return { broken: null, lastHash: last, nextSeq: seq };
}
