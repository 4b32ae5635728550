import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the 考核 scorecards module (issue 19 item 4). */
export function scorecards(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('scorecard_sets')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('period', 'varchar(7)', (c) => c.notNull())
        .addColumn('period_kind', 'varchar(8)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('note', 'varchar(2000)')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('scorecard_sets_org_period', ['org_id', 'period'])
        .execute();

      await db.schema
        .createTable('scorecard_indicators')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('set_id', 'varchar(36)', (c) => c.notNull().references('scorecard_sets.id'))
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('kind', 'varchar(40)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('weight_centi', 'integer', (c) => c.notNull())
        .addColumn('rule_json', 'varchar(500)', (c) => c.notNull())
        .addColumn('description', 'varchar(1000)')
        .execute();
      await db.schema
        .createIndex('scorecard_indicators_set')
        .on('scorecard_indicators')
        .columns(['set_id', 'sort_order'])
        .execute();

      await db.schema
        .createTable('scorecard_manual_scores')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('set_id', 'varchar(36)', (c) => c.notNull().references('scorecard_sets.id'))
        .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('scorecard_indicators.id'))
        .addColumn('agency_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('score_centi', 'integer', (c) => c.notNull())
        .addColumn('evidence', 'varchar(4000)', (c) => c.notNull())
        .addColumn('attachment_name', 'varchar(200)')
        .addColumn('attachment_key', 'varchar(300)')
        .addColumn('attachment_size', 'integer')
        .addColumn('scored_by', 'varchar(36)')
        .addColumn('scored_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('scorecard_manual_scores_item', ['indicator_id', 'agency_id'])
        .execute();

      await db.schema
        .createTable('scorecard_cards')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('set_id', 'varchar(36)', (c) => c.notNull().references('scorecard_sets.id'))
        .addColumn('agency_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('set_revision', 'integer', (c) => c.notNull())
        .addColumn('total_centi', 'integer', (c) => c.notNull())
        .addColumn('max_centi', 'integer', (c) => c.notNull())
        .addColumn('scored_max_centi', 'integer', (c) => c.notNull())
        .addColumn('provisional', 'integer', (c) => c.notNull())
        .addColumn('snapshot_json', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('computed_by', 'varchar(36)')
        .addUniqueConstraint('scorecard_cards_set_agency', ['set_id', 'agency_id'])
        .execute();
      await db.schema
        .createIndex('scorecard_cards_agency')
        .on('scorecard_cards')
        .columns(['agency_id'])
        .execute();

      await db.schema
        .createTable('scorecard_contests')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('card_id', 'varchar(36)', (c) => c.notNull().references('scorecard_cards.id'))
        .addColumn('set_id', 'varchar(36)', (c) => c.notNull().references('scorecard_sets.id'))
        .addColumn('agency_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('reason', 'varchar(2000)', (c) => c.notNull())
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('before_centi', 'integer')
        .addColumn('adjusted_centi', 'integer')
        .addColumn('reply', 'varchar(2000)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('answered_by', 'varchar(36)')
        .addColumn('answered_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('scorecard_contests_set')
        .on('scorecard_contests')
        .columns(['set_id', 'state', 'created_at'])
        .execute();
    },
    async down(db) {
      for (const t of [
        'scorecard_contests',
        'scorecard_cards',
        'scorecard_manual_scores',
        'scorecard_indicators',
        'scorecard_sets',
      ])
        await db.schema.dropTable(t).execute();
    },
  };
}
