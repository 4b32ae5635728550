/**
 * `gongkai keys rotate` for the interaction module (issue 14, item 5): after the requests module added
 * the new data key version (pii-rotation.ts), every correspondent identity (`identity_enc`) not yet under
 * that version is re-encrypted under it — in batches, each in its own transaction, in primary-key order
 * with compare-and-set updates, so an interrupted run is simply run again. The module's pre-issue-14 key
 * is first copied to KEYS_DIR/interaction-legacy.key (query codes hashed under it cannot be recomputed,
 * the codes are not stored, so it stays there to verify them) and its database row is deleted once no
 * identity needs it any more. Start and end are in the audit log.
 */
import { systemActor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { adoptNamedKey, currentDataKey } from '../../platform/keys/keys.js';
import { recordAudit } from '../audit/audit.service.js';
import { encrypt, openPii, type PiiKeyring } from '../requests/index.js';
import { LEGACY_KEY_FILE, LEGACY_KEY_NAME, dataKey, forgetDataKey } from './interaction.common.js';
import * as repo from './interaction.repository.js';

export interface InteractionRotationResult {
  version: number;
  reencrypted: number;
  alreadyCurrent: number;
  /** Items whose identity no held key opens (reported, left as they are). */
  unreadable: string[];
  /** True when this run deleted the pre-issue-14 key row from the database (now only in KEYS_DIR). */
  legacyMoved: boolean;
}

const sealedVersion = (sealed: string) => {
  const m = /^k(\d{1,6}):/.exec(sealed);
  return m ? Number(m[1]) : 0;
};

/** Re-encrypts every identity under the current data key version and moves the legacy key out. */
export async function rotateInteractionKeys(
  ctx: Ctx,
  options: { batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<InteractionRotationResult> {
  const actor = systemActor('密钥轮换');
  const stored = await repo.secret(ctx.db, LEGACY_KEY_NAME);
  // Copied before anything else: if the run stops halfway, the key is already where readers look for it.
  if (stored) adoptNamedKey(LEGACY_KEY_FILE, Buffer.from(stored, 'base64'));
  forgetDataKey(ctx.db);
  const target = currentDataKey();
  const reader = await dataKey(ctx.db);
  const writer: PiiKeyring = { writeVersion: target.version, write: target.key, key: reader.key };
  await inTransaction(ctx, (trx) =>
    recordAudit(trx, ctx.clock, actor, {
      action: 'keys.rotate.interaction.start',
      targetType: 'data_key',
      targetId: String(target.version),
      after: { version: target.version, legacyInDatabase: Boolean(stored) },
    }),
  );
  const result: InteractionRotationResult = {
    version: target.version,
    reencrypted: 0,
    alreadyCurrent: 0,
    unreadable: [],
    legacyMoved: false,
  };
  let after = '';
  let unreadableLegacy = 0;
  for (;;) {
    const rows = await repo.sealedIdentityBatch(ctx.db, after, options.batchSize ?? 500);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    await inTransaction(ctx, async (trx) => {
      for (const row of rows) {
        const sealed = row.identity_enc!;
        if (sealed.startsWith(`k${target.version}:`)) {
          result.alreadyCurrent++;
          continue;
        }
        let plain: string;
        try {
          plain = openPii(reader, sealed);
        } catch {
          result.unreadable.push(row.id);
          if (sealedVersion(sealed) === 0) unreadableLegacy++;
          continue;
        }
        const next = `k${writer.writeVersion}:${encrypt(writer.write, plain)}`;
        if (await repo.resealIdentity(trx, row.id, sealed, next)) result.reencrypted++;
      }
    });
    options.onBatch?.(result.reencrypted + result.alreadyCurrent);
  }
  result.legacyMoved = Boolean(stored) && unreadableLegacy === 0;
  await inTransaction(ctx, async (trx) => {
    if (result.legacyMoved) await repo.deleteSecret(trx, LEGACY_KEY_NAME);
    await recordAudit(trx, ctx.clock, actor, {
      action: 'keys.rotate.interaction.done',
      targetType: 'data_key',
      targetId: String(target.version),
      after: {
        version: target.version,
        reencrypted: result.reencrypted,
        alreadyCurrent: result.alreadyCurrent,
        unreadable: result.unreadable.length,
        legacyMoved: result.legacyMoved,
      },
    });
  });
  forgetDataKey(ctx.db);
  return result;
}
