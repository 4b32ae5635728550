import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';

/** Tables of the events-and-proposals module (发布会/听证会 …, the press plan, 建议提案办理). */
export function events(_dialect: DialectName): Migration {
  return {
    // Migrations run against the schema as it was at their time, not today's typed schema.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(24)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('event_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('event_time', 'varchar(5)')
        .addColumn('place', 'varchar(200)', (c) => c.notNull())
        .addColumn('host', 'varchar(200)', (c) => c.notNull())
        .addColumn('spokespersons', 'varchar(1000)')
        .addColumn('topic', 'varchar(2000)', (c) => c.notNull())
        .addColumn('related_json', 'text', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('announcement', 'text')
        .addColumn('announced_at', 'varchar(32)')
        .addColumn('registration_deadline', 'varchar(10)')
        .addColumn('registration_quota', 'integer')
        .addColumn('record_text', 'text')
        .addColumn('video_url', 'varchar(500)')
        .addColumn('attendance', 'integer')
        .addColumn('outcome', 'varchar(4000)')
        .addColumn('opinions_handling', 'text')
        .addColumn('held_at', 'varchar(32)')
        .addColumn('published_at', 'varchar(32)')
        .addColumn('cancel_reason', 'varchar(1000)')
        .addColumn('filed_with', 'varchar(200)')
        .addColumn('filed_on', 'varchar(10)')
        .addColumn('filing_number', 'varchar(100)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('events_org_date')
        .on('events')
        .columns(['org_id', 'event_date', 'id'])
        .execute();
      await db.schema
        .createIndex('events_org_state')
        .on('events')
        .columns(['org_id', 'state', 'event_date'])
        .execute();

      await db.schema
        .createTable('event_registrations')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('event_id', 'varchar(36)', (c) => c.notNull().references('events.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('name', 'varchar(50)', (c) => c.notNull())
        .addColumn('affiliation', 'varchar(200)')
        .addColumn('phone', 'varchar(20)', (c) => c.notNull())
        .addColumn('email', 'varchar(200)')
        .addColumn('statement', 'varchar(2000)')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('decided_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('event_registrations_event')
        .on('event_registrations')
        .columns(['event_id', 'created_at'])
        .execute();
      // One registration per phone number and hearing: a second one is a duplicate, not a new person.
      await db.schema
        .createIndex('event_registrations_phone')
        .on('event_registrations')
        .columns(['event_id', 'phone'])
        .unique()
        .execute();

      await db.schema
        .createTable('event_press_plans')
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('planned_count', 'integer', (c) => c.notNull())
        .addColumn('note', 'varchar(2000)')
        .addColumn('filed_with', 'varchar(200)')
        .addColumn('filed_on', 'varchar(10)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_press_plans_pk', ['org_id', 'year'])
        .execute();

      await db.schema
        .createTable('proposals')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('number', 'varchar(50)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('session', 'varchar(100)', (c) => c.notNull())
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('proposers', 'varchar(1000)', (c) => c.notNull())
        .addColumn('role', 'varchar(8)', (c) => c.notNull())
        .addColumn('lead_unit', 'varchar(200)')
        .addColumn('assigned_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
        .addColumn('division', 'varchar(100)')
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('reply_text', 'text')
        .addColumn('reply_class', 'varchar(1)')
        .addColumn('replied_on', 'varchar(10)')
        .addColumn('reply_number', 'varchar(100)')
        .addColumn('feedback', 'varchar(24)')
        .addColumn('feedback_note', 'varchar(2000)')
        .addColumn('feedback_on', 'varchar(10)')
        .addColumn('publication', 'varchar(16)', (c) => c.notNull())
        .addColumn('public_text', 'text')
        .addColumn('public_is_summary', 'integer', (c) => c.notNull())
        .addColumn('withhold_reason', 'varchar(1000)')
        .addColumn('published_at', 'varchar(32)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('proposals_number')
        .on('proposals')
        .columns(['org_id', 'kind', 'year', 'number'])
        .unique()
        .execute();
      await db.schema
        .createIndex('proposals_org_year')
        .on('proposals')
        .columns(['org_id', 'year', 'id'])
        .execute();

      await db.schema
        .createTable('proposal_contacts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('proposal_id', 'varchar(36)', (c) => c.notNull().references('proposals.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('method', 'varchar(16)', (c) => c.notNull())
        .addColumn('contacted_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('note', 'varchar(2000)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('proposal_contacts_proposal')
        .on('proposal_contacts')
        .columns(['proposal_id', 'contacted_on'])
        .execute();

      await db.schema
        .createTable('proposal_co_opinions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('proposal_id', 'varchar(36)', (c) => c.notNull().references('proposals.id'))
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('unit', 'varchar(200)', (c) => c.notNull())
        .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('opinion', 'text')
        .addColumn('received_on', 'varchar(10)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('proposal_co_opinions_proposal')
        .on('proposal_co_opinions')
        .columns(['proposal_id'])
        .execute();

      await db.schema
        .createTable('proposal_settings')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('deadline_months', 'integer', (c) => c.notNull())
        .addColumn('co_opinion_workdays', 'integer', (c) => c.notNull())
        .addColumn('due_soon_workdays', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('proposal_templates')
        .addColumn('org_id', 'varchar(36)', (c) => c.primaryKey().references('orgs.id'))
        .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'varchar(36)')
        .addColumn('uploaded_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>) {
      for (const t of [
        'proposal_templates',
        'proposal_settings',
        'proposal_co_opinions',
        'proposal_contacts',
        'proposals',
        'event_press_plans',
        'event_registrations',
        'events',
      ])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
