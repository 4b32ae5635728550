import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Risk warnings (预警信息发布) and their recipients; agencies' WeChat/Weibo publishing accounts. */
export function warnings(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('notify_channel_accounts')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('api_base', 'varchar(300)', (c) => c.notNull())
        .addColumn('app_id', 'varchar(100)')
        .addColumn('app_secret', 'varchar(200)')
        .addColumn('access_token', 'varchar(500)')
        .addColumn('thumb_media_id', 'varchar(200)')
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('notify_channel_accounts_pk', ['org_id', 'channel'])
        .execute();
      await db.schema
        .createTable('warnings')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('event', 'varchar(40)', (c) => c.notNull())
        .addColumn('level', 'varchar(10)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('area', 'varchar(500)', (c) => c.notNull())
        .addColumn('effective_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('source', 'varchar(500)', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('actions', 'text', (c) => c.notNull())
        .addColumn('msg_type', 'varchar(10)', (c) => c.notNull())
        .addColumn('ref_id', 'varchar(36)')
        .addColumn('root_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('groups', 'varchar(200)', (c) => c.notNull())
        .addColumn('enterprise_filter', 'varchar(500)')
        .addColumn('ack_minutes', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)')
        .addColumn('approved_by', 'varchar(36)')
        .addColumn('reject_reason', 'varchar(1000)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('submitted_at', 'varchar(32)')
        .addColumn('published_at', 'varchar(32)')
        .addColumn('ended_at', 'varchar(32)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('warnings_org_status')
        .on('warnings')
        .columns(['org_id', 'status', 'expires_at'])
        .execute();
      await db.schema
        .createIndex('warnings_root')
        .on('warnings')
        .columns(['root_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('warning_recipients')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('warning_id', 'varchar(36)', (c) => c.notNull().references('warnings.id'))
        .addColumn('group_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('mobile', 'varchar(20)')
        .addColumn('email', 'varchar(254)')
        .addColumn('user_id', 'varchar(36)')
        .addColumn('acked_at', 'varchar(32)')
        .addColumn('ack_via', 'varchar(10)')
        .addColumn('escalated_at', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('warning_recipients_warning')
        .on('warning_recipients')
        .columns(['warning_id', 'acked_at'])
        .execute();
      await db.schema
        .createIndex('warning_recipients_mobile')
        .on('warning_recipients')
        .columns(['mobile', 'acked_at'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of ['warning_recipients', 'warnings', 'notify_channel_accounts'])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
