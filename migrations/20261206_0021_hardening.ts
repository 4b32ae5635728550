import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Issue 14 (hardening): shared file storage in the database (files + 256 KiB chunks), shared rate-limit
 * counters, the audit chain's keyed MAC per row, one-time credential tokens (三员分立: a reset reaches
 * only the account's owner) and per-IP login backoff.
 */
export function hardening(dialect: DialectName): Migration {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('stored_files')
        .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('chunks', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('file_blobs')
        .addColumn('file_key', 'varchar(300)', (c) => c.notNull())
        .addColumn('chunk_no', 'integer', (c) => c.notNull())
        .addColumn('data', sql.raw(blob), (c) => c.notNull())
        .addPrimaryKeyConstraint('file_blobs_pk', ['file_key', 'chunk_no'])
        .execute();

      await db.schema
        .createTable('rate_limit_counters')
        .addColumn('key', 'varchar(400)', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('ttl_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rate_limit_counters_start')
        .on('rate_limit_counters')
        .column('window_start')
        .execute();

      await db.schema.alterTable('audit_log').addColumn('mac', 'varchar(64)').execute();

      await db.schema
        .createTable('credential_tokens')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('credential_tokens_user')
        .on('credential_tokens')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('login_backoff')
        .addColumn('ip', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('blocked_until', 'varchar(32)')
        .addColumn('last_failure_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of [
        'login_backoff',
        'credential_tokens',
        'rate_limit_counters',
        'file_blobs',
        'stored_files',
      ])
        await db.schema.dropTable(t).execute();
      await db.schema.alterTable('audit_log').dropColumn('mac').execute();
    },
  };
}
