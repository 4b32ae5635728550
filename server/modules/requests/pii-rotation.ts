/**
 * `gongkai keys rotate` for the requests module's ID numbers (issue 14, item 5): adds a data key version
 * (unless resuming), moves the pre-issue-14 database key to KEYS_DIR, re-encrypts every case's ID number
 * under the new version and recomputes its applicant HMAC — in batches, each in its own transaction, in
 * primary-key order with compare-and-set updates, so an interrupted run is simply run again (`--resume`)
 * and a case edited meanwhile is not overwritten — then deletes the key row from the database. Start and
 * end are in the audit log.
 */
import { systemActor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { addDataKeyVersion, adoptDataKey, currentDataKey } from '../../platform/keys/keys.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  applicantKey,
  encrypt,
  forgetPiiKeyring,
  openPii,
  piiKeyring,
  sealedVersion,
  type PiiKeyring,
} from './pii.js';
import * as piiRepo from './pii.repository.js';

const LEGACY_KEY_NAME = 'pii_key_v1';

export interface RotationResult {
  version: number;
  /** Cases re-encrypted by this run. */
  reencrypted: number;
  /** Cases already under the version (an earlier, interrupted run). */
  alreadyCurrent: number;
  /** Cases whose ciphertext no held key opens (reported, left as they are). */
  unreadable: string[];
  /** True when the pre-issue-14 key was moved out of the database by this run. */
  legacyMoved: boolean;
}

export async function rotatePiiKeys(
  ctx: Ctx,
  options: { resume?: boolean; batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<RotationResult> {
  const actor = systemActor('密钥轮换');
  const legacy = await piiRepo.legacyKey(ctx.db, LEGACY_KEY_NAME);
  if (legacy) adoptDataKey(0, Buffer.from(legacy, 'base64'));
  const version = options.resume ? currentDataKey().version : addDataKeyVersion();
  const target = currentDataKey();
  if (target.version !== version) throw new Error('data key version changed during rotation');
  await inTransaction(ctx, (trx) =>
    recordAudit(trx, ctx.clock, actor, {
      action: 'keys.rotate.start',
      targetType: 'data_key',
      targetId: String(version),
      after: { version, resume: Boolean(options.resume), legacyInDatabase: Boolean(legacy) },
    }),
  );
  // Reading: every version (the legacy key from the row or KEYS_DIR); writing: the new version.
  const reader = await piiKeyring(ctx.db);
  const writer: PiiKeyring = { writeVersion: version, write: target.key, key: (v) => reader.key(v) };
  const result: RotationResult = {
    version,
    reencrypted: 0,
    alreadyCurrent: 0,
    unreadable: [],
    legacyMoved: false,
  };
  let after = '';
  let unreadableLegacy = 0;
  for (;;) {
    const rows = await piiRepo.sealedBatch(ctx.db, after, options.batchSize ?? 500);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    await inTransaction(ctx, async (trx) => {
      for (const row of rows) {
        if (row.id_number_enc.startsWith(`k${version}:`)) {
          result.alreadyCurrent++;
          continue;
        }
        let plain: string;
        try {
          plain = openPii(reader, row.id_number_enc);
        } catch {
          result.unreadable.push(row.id);
          if (sealedVersion(row.id_number_enc) === 0) unreadableLegacy++;
          continue;
        }
        const updated = await piiRepo.resealCase(trx, row.id, row.id_number_enc, {
          id_number_enc: `k${version}:${encrypt(writer.write, plain)}`,
          id_number_hmac: applicantKey(writer.write, plain),
        });
        if (updated) result.reencrypted++;
      }
    });
    options.onBatch?.(result.reencrypted + result.alreadyCurrent);
  }
  // The database copy of the old key goes only once every row written under it is under the new version
  // (a row under a version nobody holds is reported, but was never the old key's to open).
  result.legacyMoved = Boolean(legacy) && unreadableLegacy === 0;
  await inTransaction(ctx, async (trx) => {
    if (result.legacyMoved) await piiRepo.deleteLegacyKey(trx, LEGACY_KEY_NAME);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'keys.rotate.done',
      targetType: 'data_key',
      targetId: String(version),
      after: {
        version,
        reencrypted: result.reencrypted,
        alreadyCurrent: result.alreadyCurrent,
        unreadable: result.unreadable.length,
        legacyMoved: result.legacyMoved,
      },
    });
  });
  forgetPiiKeyring(ctx.db);
  return result;
}
