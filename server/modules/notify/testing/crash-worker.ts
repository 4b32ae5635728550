/**
 * A worker process for the kill -9 test and the benchmark: drains the queue of a database through an
 * SMPP gateway until killed or nothing is left. argv: <DATABASE_URL> <SMPP_URL> [maxSeconds]
 */
import { openDatabase } from '../../../db/database.js';
import { systemClock } from '../../../platform/clock.js';
import { applyReceiptSoon, runNotifyQueue } from '../notify.worker.js';
import { SmppTransport } from '../notify.transports.js';

const [dbUrl, smppUrl, maxSeconds] = process.argv.slice(2);
const database = openDatabase(
  dbUrl!.startsWith('postgres')
    ? { kind: 'postgres', url: dbUrl! }
    : { kind: 'sqlite', file: dbUrl!.replace(/^sqlite:/, '') },
);
const ctx = { db: database.db, dialect: database.dialect, clock: systemClock };
const sms = new SmppTransport(smppUrl!, {
  onReceipt: (r) => applyReceiptSoon(ctx, r),
  onMobileOriginated: async () => {},
});
const until = Date.now() + Number(maxSeconds ?? 600) * 1000;
let idle = 0;
while (Date.now() < until && idle < 3) {
  const n = await runNotifyQueue(ctx, new Map([['sms', sms]]), { maxMessages: 1000 });
  process.stdout.write(`settled ${n}\n`);
  idle = n === 0 ? idle + 1 : 0;
  if (n === 0) await new Promise((r) => setTimeout(r, 200));
}
await new Promise((r) => setTimeout(r, 500)); // late receipts
await sms.close();
await database.close();
