/**
 * Signed checkpoints of the audit chain (issue 14, item 5): the chain head (seq, hash, MAC) signed with
 * the Ed25519 key kept outside the database, written as a JSON file to DATA_DIR/audit-checkpoints (copy
 * these off the machine, e.g. to the auditor). `audit verify` checks every checkpoint file: a valid
 * signature by this installation's key, and the row at its seq still carrying the signed hash.
 */
import { sign, verify, createPublicKey } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditSigningKeys, checkpointsDir } from '../../platform/keys/keys.js';
import type { ChainBreak } from './audit-chain.js';
import { checkpointDue, type LastCheckpoint } from './audit.rules.js';
import * as repo from './audit.repository.js';
import type { Db } from './audit.repository.js';

export interface Checkpoint {
  seq: number;
  hash: string;
  mac: string | null;
  at: string;
  publicKey: string;
  signature: string;
}

export interface CheckpointStatus extends Checkpoint {
  file: string;
  /** signature valid (by this installation's key) and the chain still holds the signed hash. */
  valid: boolean;
  /** 有效 / 与链不符 (the chain no longer holds the signed row) / 签名无效 (file altered, foreign or unreadable). */
  status: 'valid' | 'chain_mismatch' | 'bad_signature';
  problem: string | null;
}

const payload = (c: Pick<Checkpoint, 'seq' | 'hash' | 'mac' | 'at'>) =>
  Buffer.from(JSON.stringify(['gongkai-audit-checkpoint-v1', c.seq, c.hash, c.mac, c.at]));

/** Signs the current chain head and writes it to the checkpoint directory (nothing when the chain is empty). */
export async function writeCheckpoint(
  db: Db,
  now: Date = new Date(),
  dir = checkpointsDir(),
): Promise<Checkpoint | null> {
  if (!dir) throw new Error('audit checkpoints need configured keys (DATA_DIR)');
  const h = await repo.head(db);
  if (h.seq === 0) return null;
  const [row] = await repo.rowsFrom(db, h.seq, 1);
  const { privateKey, publicKey } = auditSigningKeys();
  const base = { seq: h.seq, hash: h.last_hash, mac: row?.mac ?? null, at: now.toISOString() };
  const cp: Checkpoint = {
    ...base,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    signature: sign(null, payload(base), privateKey).toString('base64'),
  };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `checkpoint-${String(h.seq).padStart(12, '0')}.json`);
  // A temporary name per process: several workers may sign the same head at once.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(cp, null, 2) + '\n');
  renameSync(tmp, file);
  return cp;
}

const FILE = /^checkpoint-\d+\.json$/;

/** The newest checkpoint file's seq and time, without verifying it (the worker asks every few seconds). */
export function latestCheckpoint(dir = checkpointsDir()): LastCheckpoint | null {
  if (!dir) return null;
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => FILE.test(f));
  } catch {
    return null;
  }
  const newest = files.sort().at(-1);
  if (!newest) return null;
  try {
    const cp = JSON.parse(readFileSync(path.join(dir, newest), 'utf8')) as Partial<Checkpoint>;
    return { seq: Number(cp.seq), at: String(cp.at) };
  } catch {
    return { seq: Number(/\d+/.exec(newest)![0]), at: '' };
  }
}

/** The raw text of one checkpoint file (the auditor's download), or null when there is no such file. */
export function readCheckpointFile(name: string, dir = checkpointsDir()): string | null {
  if (!dir || !FILE.test(name)) return null;
  try {
    return readFileSync(path.join(dir, name), 'utf8');
  } catch {
    return null;
  }
}

export type CheckpointJobResult = 'written' | 'not_due' | 'no_keys';

/**
 * The periodic job: signs the chain head when it moved and the last checkpoint is older than the
 * interval. Without a checkpoint directory (keys not configured) it writes nothing.
 */
export async function runCheckpointJob(
  db: Db,
  now: Date,
  intervalMinutes: number,
  dir = checkpointsDir(),
): Promise<CheckpointJobResult> {
  if (!dir) return 'no_keys';
  const h = await repo.head(db);
  if (!checkpointDue(h.seq, latestCheckpoint(dir), now, intervalMinutes)) return 'not_due';
  return (await writeCheckpoint(db, now, dir)) ? 'written' : 'not_due';
}

/** Every checkpoint file with its status, newest first. */
export async function listCheckpoints(db: Db, dir = checkpointsDir()): Promise<CheckpointStatus[]> {
  if (!dir) return [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => FILE.test(f));
  } catch {
    return [];
  }
  const ours = auditSigningKeys().publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const out: CheckpointStatus[] = [];
  for (const f of files.sort().reverse()) {
    let cp: Checkpoint;
    try {
      cp = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Checkpoint;
    } catch {
      out.push({
        file: f,
        seq: 0,
        hash: '',
        mac: null,
        at: '',
        publicKey: '',
        signature: '',
        valid: false,
        status: 'bad_signature',
        problem: '文件无法读取',
      });
      continue;
    }
    let problem: string | null = null;
    let status: CheckpointStatus['status'] = 'bad_signature';
    if (cp.publicKey !== ours) problem = '签名密钥不是本系统的审计签名密钥';
    else if (!signatureHolds(cp)) problem = '签名无效（检查点文件被改动）';
    else {
      status = 'chain_mismatch';
      const [row] = await repo.rowsFrom(db, cp.seq, 1);
      if (!row || row.seq !== cp.seq) problem = `审计日志中已没有第${cp.seq}条记录`;
      else if (row.hash !== cp.hash) problem = `第${cp.seq}条记录的哈希与检查点不符`;
    }
    if (problem === null) status = 'valid';
    out.push({ ...cp, file: f, valid: problem === null, status, problem });
  }
  return out;
}

function signatureHolds(cp: Checkpoint): boolean {
  try {
    return verify(null, payload(cp), createPublicKey(cp.publicKey), Buffer.from(cp.signature, 'base64'));
  } catch {
    // A malformed key or field in an altered file is an invalid signature, not a crash of `audit verify`.
    return false;
  }
}

/** What the auditor's console shows: whether checkpoints are configured, the interval, every file's status. */
export async function checkpointOverview(db: Db, intervalMinutes: number) {
  const dir = checkpointsDir();
  const items = await listCheckpoints(db, dir);
  return {
    configured: dir !== null,
    intervalMinutes,
    items: items.map((c) => ({
      file: c.file,
      seq: c.seq,
      hash: c.hash,
      at: c.at,
      status: c.status,
      problem: c.problem,
    })),
  };
}

/** The first checkpoint the chain no longer matches, as a chain break (null when all match). */
export async function checkCheckpoints(db: Db): Promise<ChainBreak | null> {
  const all = await listCheckpoints(db);
  const bad = all.filter((c) => !c.valid).sort((a, b) => a.seq - b.seq)[0];
  return bad ? { seq: bad.seq, reason: 'checkpoint_mismatch' } : null;
}
