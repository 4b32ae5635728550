import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/context.js';
import { enqueueMany, setTemplateDefaults } from './notify.service.js';
import { seedAgency } from './notify.testing.js';
import { SmppTransport } from './notify.transports.js';
import { LEASE_MS, runNotifyQueue } from './notify.worker.js';
import { startSmppPeer, type SmppPeer } from './testing/peers.js';

const N = 300;
const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * kill -9 of a worker process in the middle of a batch: afterwards a second worker finishes the queue.
 * Nothing may be received twice by the SMSC, and every message either reached it or is visibly failed
 * (“发送过程中断…”, at most the killed worker's in-flight window) — none silently lost.
 */
describe('notify worker killed with SIGKILL mid-batch', () => {
  let dir: string;
  let database: Database;
  let peer: SmppPeer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-crash-'));
    database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'q.db') });
    await migrateToLatest(database);
    setTemplateDefaults([
      { key: 't.sms', channel: 'sms', name: '短信', body: '{{内容}}', placeholders: { 内容: '' } },
    ]);
    const clock = fixedClock(new Date().toISOString());
    const ctx = { db: database.db, dialect: database.dialect, clock };
    const { orgId } = await seedAgency(ctx.db, 'crash', []);
    await inTransaction(ctx, (trx) =>
      enqueueMany(
        trx,
        clock,
        { orgId, channel: 'sms', template: 't.sms', urgent: true },
        Array.from({ length: N }, (_, i) => ({
          to: `138${String(i).padStart(8, '0')}`,
          recipientKind: 'unit' as const,
          data: { 内容: `第${i}条预警测试短信` },
          idempotencyKey: `crash:${i}`,
        })),
      ),
    );
    peer = await startSmppPeer({ delayMs: 15 });
  });
  afterAll(async () => {
    setTemplateDefaults(null);
    await peer?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and sends nothing twice', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/modules/notify/testing/crash-worker.ts',
        `sqlite:${path.join(dir, 'q.db')}`,
        `${peer.url}&window=10`,
        '60',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    for (let i = 0; i < 600 && peer.parts.length < 60; i++) await new Promise((r) => setTimeout(r, 50));
    expect(peer.parts.length).toBeGreaterThanOrEqual(60);
    child.kill('SIGKILL');
    await exited;
    const atKill = peer.parts.length;
    expect(atKill).toBeLessThan(N); // killed mid-batch

    // a new worker, after the dead worker's lease has run out
    const later = fixedClock(new Date(Date.now() + LEASE_MS + 60_000).toISOString());
    const ctx = { db: database.db, dialect: database.dialect, clock: later };
    const sms = new SmppTransport(peer.url, {
      onReceipt: async () => {},
      onMobileOriginated: async () => {},
    });
    try {
      while ((await runNotifyQueue(ctx, new Map([['sms', sms]]))) > 0);
    } finally {
      await sms.close();
    }

    const received = new Map<string, number>();
    for (const p of peer.parts) received.set(p.to, (received.get(p.to) ?? 0) + 1);
    expect([...received.values()].every((n) => n === 1)).toBe(true); // nothing doubled
    const rows = await database.db
      .selectFrom('notify_messages')
      .select(['to_addr', 'status', 'last_error'])
      .execute();
    expect(rows).toHaveLength(N);
    const interrupted = rows.filter((r) => r.status === 'failed' && r.last_error?.includes('发送过程中断'));
    for (const r of rows) {
      const got = received.get(`86${r.to_addr}`) ?? 0;
      if (got === 0)
        expect(r.status === 'failed' && r.last_error?.includes('发送过程中断')).toBe(true); // never silently lost
      else expect(['sent', 'delivered', 'failed']).toContain(r.status);
    }
    expect(interrupted.length).toBeLessThanOrEqual(10); // at most the killed worker's window
    expect(rows.filter((r) => r.status === 'pending' || r.status === 'sending')).toHaveLength(0);
  }, 120_000);
});
