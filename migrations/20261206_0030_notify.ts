import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the notify module (one sending queue, templates, notification centre, subscriptions). */
export function notify(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('notify_messages')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('recipient_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('to_addr', 'varchar(254)', (c) => c.notNull())
        .addColumn('template', 'varchar(100)', (c) => c.notNull())
        .addColumn('subject', 'varchar(300)')
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text')
        .addColumn('has_attachments', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('idempotency_key', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('source_module', 'varchar(40)')
        .addColumn('source_id', 'varchar(64)')
        .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'varchar(32)')
        .addColumn('claimed_by', 'varchar(36)')
        .addColumn('claimed_until', 'varchar(32)')
        .addColumn('external_ref', 'varchar(300)')
        .addColumn('parts', 'integer')
        .addColumn('last_error', 'varchar(1000)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('sent_at', 'varchar(32)')
        .addColumn('completed_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('notify_messages_due')
        .on('notify_messages')
        .columns(['status', 'next_attempt_at', 'created_at'])
        .execute();
      await db.schema
        .createIndex('notify_messages_org_channel')
        .on('notify_messages')
        .columns(['org_id', 'channel', 'created_at', 'status'])
        .execute();
      await db.schema
        .createIndex('notify_messages_source')
        .on('notify_messages')
        .columns(['source_module', 'source_id'])
        .execute();
      await db.schema
        .createTable('notify_attachments')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('message_id', 'varchar(36)', (c) => c.notNull().references('notify_messages.id'))
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('filename', 'varchar(200)', (c) => c.notNull())
        .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notify_attachments_message')
        .on('notify_attachments')
        .columns(['message_id', 'sort_order'])
        .execute();
      await db.schema
        .createTable('notify_sms_parts')
        .addColumn('smsc_id', 'varchar(80)', (c) => c.primaryKey())
        .addColumn('message_id', 'varchar(36)', (c) => c.notNull().references('notify_messages.id'))
        .addColumn('part_no', 'integer', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notify_sms_parts_message')
        .on('notify_sms_parts')
        .columns(['message_id'])
        .execute();
      await db.schema
        .createTable('notify_templates')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('template', 'varchar(100)', (c) => c.notNull())
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('subject', 'varchar(300)')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(36)')
        .addPrimaryKeyConstraint('notify_templates_pk', ['org_id', 'template', 'channel'])
        .execute();
      await db.schema
        .createTable('notify_inbox')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'varchar(60)', (c) => c.notNull())
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'varchar(500)')
        .addColumn('idempotency_key', 'varchar(200)', (c) => c.notNull())
        .addColumn('read_at', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('notify_inbox_user_key', ['user_id', 'idempotency_key'])
        .execute();
      await db.schema
        .createIndex('notify_inbox_user')
        .on('notify_inbox')
        .columns(['user_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('notify_user_prefs')
        .addColumn('user_id', 'varchar(36)', (c) => c.primaryKey().references('users.id'))
        .addColumn('email', 'varchar(254)')
        .addColumn('mobile', 'varchar(20)')
        .addColumn('email_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sms_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('muted_kinds', 'varchar(2000)', (c) => c.notNull().defaultTo('[]'))
        .addColumn('quiet_start', 'varchar(5)')
        .addColumn('quiet_end', 'varchar(5)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notify_subscriptions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('email', 'varchar(254)', (c) => c.notNull())
        .addColumn('target_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('target', 'varchar(200)', (c) => c.notNull())
        .addColumn('label', 'varchar(200)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('last_sent_at', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('confirmed_at', 'varchar(32)')
        .addColumn('unsubscribed_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('notify_subscriptions_org')
        .on('notify_subscriptions')
        .columns(['org_id', 'status', 'target_kind'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of [
        'notify_subscriptions',
        'notify_user_prefs',
        'notify_inbox',
        'notify_templates',
        'notify_sms_parts',
        'notify_attachments',
        'notify_messages',
      ])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
