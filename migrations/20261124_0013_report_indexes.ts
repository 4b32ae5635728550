import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/**
 * Indexes for the annual report's facts (catalog/catalog.report.ts, requests/requests.report.ts),
 * so they are counted over the report year's range instead of every row the agency ever wrote.
 * The wide ones are covering: the facts read only these columns, and without them each counted row
 * costs a lookup of the whole row (catalog items carry their bodies).
 */
export function reportIndexes(_dialect: DialectName): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // items published in the year, one range per column (publishedByColumn, publishedTotal)
      await db.schema
        .createIndex('catalog_items_org_column_published')
        .on('catalog_items')
        .columns(['org_id', 'column_id', 'published_on'])
        .execute();
      // 规章 / 规范性文件: every fact of table 二 第二十条第（一）项 from the index alone
      await db.schema
        .createIndex('catalog_items_org_doc_kind')
        .on('catalog_items')
        .columns([
          'org_id',
          'doc_kind',
          'published_on',
          'generated_on',
          'validity',
          'validity_date',
          'status',
          'withdrawn_at',
          'id',
        ])
        .execute();
      // table 三: cases received in the year, and cases carried over (open or closed from 1 January on)
      await db.schema
        .createIndex('request_cases_report_received')
        .on('request_cases')
        .columns(['org_id', 'received_on', 'applicant_type', 'closed_on', 'outcome_code', 'id'])
        .execute();
      await db.schema
        .createIndex('request_cases_report_closed')
        .on('request_cases')
        .columns(['org_id', 'closed_on', 'received_on', 'applicant_type', 'outcome_code', 'id'])
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const name of [
        'request_cases_report_closed',
        'request_cases_report_received',
        'catalog_items_org_doc_kind',
        'catalog_items_org_column_published',
      ])
        await db.schema.dropIndex(name).execute();
    },
  };
}
