import type { Kysely, Migration } from 'kysely';
import { v7 } from 'uuid';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 17: one sending queue. The catalog's channel releases (WeChat, Weibo, SMS) stop having their own
 * outbox in `catalog_deliveries`: they become posts on the notify queue (`notify_messages`, recipient
 * kind `broadcast`), with the queue's retries, leases, dead letters (failed) and honest status; the
 * catalog row stays as the release ledger and names its queue message (`message_id`).
 *
 * - `notify_messages.link`: the portal path a post points to (the transport adds the public origin
 *   when it sends, so a queued post follows a changed PUBLIC_BASE_URL);
 * - `notify_messages.headers`: extra mail headers as JSON (List-Unsubscribe on subscription mails);
 * - every `pending` catalog delivery (claimed ones included: the old outbox was at-least-once) is carried
 *   over as a pending queue message with its attempts, next attempt time and last error, idempotency key
 *   `catalog.release:<delivery id>`; nothing else changes state, so nothing is lost or sent twice;
 * - the outbox's lease columns and due index go (the queue has its own).
 *
 * Down puts still-pending (or in-flight) carried messages back into the catalog outbox and deletes them
 * from the queue. Up again links a delivery whose message is still on the queue to it (never a second one).
 */
const POST_ADDRESS: Record<string, string> = {
  wechat: '政务微信公众号',
  weibo: '政务微博',
  sms: '短信群发',
};

const CHUNK = 200;

export function notifyOneQueue(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('notify_messages').addColumn('link', 'varchar(500)').execute();
      await db.schema.alterTable('notify_messages').addColumn('headers', 'text').execute();
      await db.schema.alterTable('catalog_deliveries').addColumn('message_id', 'varchar(36)').execute();
      await db.schema
        .createIndex('catalog_deliveries_message')
        .on('catalog_deliveries')
        .column('message_id')
        .execute();
      const now = new Date().toISOString();
      for (;;) {
        const rows = (await db
          .selectFrom('catalog_deliveries as d')
          .innerJoin('orgs as o', 'o.id', 'd.org_id')
          .select([
            'd.id',
            'd.org_id',
            'd.item_id',
            'd.channel',
            'd.attempts',
            'd.next_attempt_at',
            'd.last_error',
            'd.payload',
            'd.created_at',
            'o.code',
          ])
          .where('d.status', '=', 'pending')
          .where('d.channel', '!=', 'portal')
          .where('d.message_id', 'is', null)
          .orderBy('d.id')
          .limit(CHUNK)
          .execute()) as {
          id: string;
          org_id: string;
          item_id: string;
          channel: string;
          attempts: number;
          next_attempt_at: string | null;
          last_error: string | null;
          payload: string;
          created_at: string;
          code: string;
        }[];
        if (rows.length === 0) break;
        const messages = rows.map((d) => {
          let p: { title?: string; summary?: string } = {};
          try {
            p = JSON.parse(d.payload) as typeof p;
          } catch {
            // a broken payload still carries over: the title falls back below
          }
          const title = (p.title ?? '').trim() || '政府信息公开';
          return {
            id: v7(),
            org_id: d.org_id,
            channel: d.channel,
            recipient_kind: 'broadcast',
            to_addr: POST_ADDRESS[d.channel] ?? d.channel,
            template: 'catalog.release',
            subject: title.slice(0, 300),
            body_text: (p.summary ?? '').trim() || title,
            body_html: null,
            has_attachments: 0,
            idempotency_key: `catalog.release:${d.id}`,
            source_module: 'catalog',
            source_id: d.item_id,
            urgent: 0,
            status: 'pending',
            attempts: Number(d.attempts),
            next_attempt_at: d.next_attempt_at,
            claimed_by: null,
            claimed_until: null,
            external_ref: null,
            parts: null,
            last_error: d.last_error,
            created_at: d.created_at,
            updated_at: now,
            sent_at: null,
            completed_at: null,
            link: `/a/${d.code}/items/${d.item_id}`,
            headers: null,
          };
        });
        // a delivery already on the queue (up run again after down) keeps its message: never twice
        const known = new Map(
          (
            (await db
              .selectFrom('notify_messages')
              .select(['id', 'idempotency_key'])
              .where(
                'idempotency_key',
                'in',
                messages.map((m) => m.idempotency_key),
              )
              .execute()) as { id: string; idempotency_key: string }[]
          ).map((m) => [m.idempotency_key, m.id]),
        );
        const fresh = messages.filter((m) => !known.has(m.idempotency_key));
        if (fresh.length) await db.insertInto('notify_messages').values(fresh).execute();
        for (let i = 0; i < rows.length; i++)
          await db
            .updateTable('catalog_deliveries')
            .set({
              message_id: known.get(messages[i]!.idempotency_key) ?? messages[i]!.id,
              updated_at: now,
            })
            .where('id', '=', rows[i]!.id)
            .execute();
      }
      await db.schema.dropIndex('catalog_deliveries_due').execute();
      await db.schema.alterTable('catalog_deliveries').dropColumn('claimed_until').execute();
      await db.schema.alterTable('catalog_deliveries').dropColumn('claimed_by').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.alterTable('catalog_deliveries').addColumn('claimed_by', 'varchar(36)').execute();
      await db.schema.alterTable('catalog_deliveries').addColumn('claimed_until', 'varchar(32)').execute();
      await db.schema
        .createIndex('catalog_deliveries_due')
        .on('catalog_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
      const open = (await db
        .selectFrom('catalog_deliveries as d')
        .innerJoin('notify_messages as m', 'm.id', 'd.message_id')
        .select(['d.id', 'm.id as message_id', 'm.attempts', 'm.next_attempt_at', 'm.last_error'])
        .where('m.status', 'in', ['pending', 'sending'])
        .execute()) as {
        id: string;
        message_id: string;
        attempts: number;
        next_attempt_at: string | null;
        last_error: string | null;
      }[];
      for (const o of open) {
        await db
          .updateTable('catalog_deliveries')
          .set({
            status: 'pending',
            attempts: Number(o.attempts),
            next_attempt_at: o.next_attempt_at ?? new Date().toISOString(),
            last_error: o.last_error,
          })
          .where('id', '=', o.id)
          .execute();
        await db.deleteFrom('notify_messages').where('id', '=', o.message_id).execute();
      }
      await db.schema.dropIndex('catalog_deliveries_message').execute();
      await db.schema.alterTable('catalog_deliveries').dropColumn('message_id').execute();
      await db.schema.alterTable('notify_messages').dropColumn('headers').execute();
      await db.schema.alterTable('notify_messages').dropColumn('link').execute();
    },
  };
}
