import type { GongkaiModule } from '../module.js';
import type { Container } from '../../container.js';
import { runCheckpointJob } from './audit.checkpoints.js';

/** Containers whose log already said that no checkpoints are written (once per process/container). */
const warnedNoKeys = new WeakSet<Container>();

/**
 * The worker's part of the audit chain: a signed checkpoint of the chain head every
 * AUDIT_CHECKPOINT_MINUTES (default 60) when the head moved. Routes are wired by the HTTP shell
 * (server/http/app.ts), the CLI by server/cli/commands/ops.ts.
 */
export async function auditCheckpointWorker(c: Container): Promise<number> {
  const r = await runCheckpointJob(c.ctx.db, c.ctx.clock.now(), c.config.hardening.auditCheckpointMinutes);
  if (r === 'no_keys' && !warnedNoKeys.has(c)) {
    warnedNoKeys.add(c);
    console.warn('audit checkpoints are not written: keys / DATA_DIR are not configured');
  }
  return r === 'written' ? 1 : 0;
}

/** Audit module: the hash-chained audit log (every module records through auditTarget/recordAudit). */
export const auditModule: GongkaiModule = {
  name: 'audit',
  worker: auditCheckpointWorker,
};
