import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Round 4 of 依申请公开 and the shared captcha:
 * - `captchas` (owned by the captcha module): one-use answers for every portal form, image or text question;
 * - request cases remember how the applicant wants to be notified and where a converted case came from
 *   (an interaction item: module + id + number);
 * - letters may be rendered lazily (render_input holds the template snapshot and values at issuance);
 * - per-agency Word templates (.docx with {占位符}), remedy settings (复议机关, 管辖法院) and the files
 *   released with a reply.
 */
export function requestsR4(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('captchas')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('purpose', 'varchar(40)', (c) => c.notNull())
        .addColumn('kind', 'varchar(10)', (c) => c.notNull())
        .addColumn('answer_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('captchas_expiry').on('captchas').column('expires_at').execute();

      await db.schema.alterTable('request_cases').addColumn('notify_channel', 'varchar(10)').execute();
      await db.schema.alterTable('request_cases').addColumn('source_module', 'varchar(40)').execute();
      await db.schema.alterTable('request_cases').addColumn('source_id', 'varchar(36)').execute();
      await db.schema.alterTable('request_cases').addColumn('source_number', 'varchar(60)').execute();
      await db.schema.alterTable('request_letters').addColumn('render_input', 'text').execute();

      await db.schema
        .createTable('request_docx_templates')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('outcome_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('placeholders', 'text', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('uploaded_by', 'varchar(36)')
        .addColumn('uploaded_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('request_docx_templates_key', ['org_id', 'kind', 'outcome_code'])
        .execute();

      await db.schema
        .createTable('request_settings')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('review_body', 'varchar(200)')
        .addColumn('court', 'varchar(200)')
        .addColumn('updated_by', 'varchar(36)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('request_reply_files')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('request_cases.id'))
        .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('mime', 'varchar(100)', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('request_reply_files_case')
        .on('request_reply_files')
        .column('case_id')
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      await db.schema.dropTable('request_reply_files').execute();
      await db.schema.dropTable('request_settings').execute();
      await db.schema.dropTable('request_docx_templates').execute();
      for (const col of ['notify_channel', 'source_module', 'source_id', 'source_number'])
        await db.schema.alterTable('request_cases').dropColumn(col).execute();
      await db.schema.alterTable('request_letters').dropColumn('render_input').execute();
      await db.schema.dropTable('captchas').execute();
    },
  };
}
