/** SQL of the events-and-proposals module (the only file that touches its tables). */
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  EventKind,
  EventPressPlansTable,
  EventRegistrationsTable,
  EventsTable,
  EventState,
  ProposalCoOpinionsTable,
  ProposalContactsTable,
  ProposalKind,
  ProposalSettingsTable,
  ProposalsTable,
  ProposalTemplatesTable,
  RegistrationStatus,
} from './events.tables.js';

export type Db = Kysely<DB>;
export type EventRow = Selectable<EventsTable>;
export type Registration = Selectable<EventRegistrationsTable>;
export type Proposal = Selectable<ProposalsTable>;
export type Contact = Selectable<ProposalContactsTable>;
export type CoOpinion = Selectable<ProposalCoOpinionsTable>;

const num = (v: unknown) => Number(v ?? 0);

/** A LIKE pattern matching `word` anywhere, with LIKE's wildcards escaped (used with ESCAPE '\\'). */
const containsPattern = (word: string) => `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

// ---------- events ----------

export async function insertEvent(db: Db, row: EventsTable): Promise<void> {
  await db.insertInto('events').values(row).execute();
}

export async function updateEvent(db: Db, id: string, patch: Updateable<EventsTable>): Promise<void> {
  await db.updateTable('events').set(patch).where('id', '=', id).execute();
}

export async function findEvent(db: Db, id: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface EventFilter {
  orgIds: string[] | 'all';
  kind?: EventKind;
  state?: EventState;
  year?: number;
}

function eventWhere(db: Db, f: EventFilter) {
  let q = db.selectFrom('events');
  if (f.orgIds !== 'all') q = q.where('org_id', 'in', f.orgIds.length ? f.orgIds : ['']);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.year) q = q.where('event_date', '>=', `${f.year}-01-01`).where('event_date', '<=', `${f.year}-12-31`);
  return q;
}

export async function listEvents(db: Db, f: EventFilter, page: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    eventWhere(db, f)
      .selectAll()
      .orderBy('event_date', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    eventWhere(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  ]);
  return { items, total: num(total?.n) };
}

export interface PublicEventFilter {
  kind?: EventKind;
  year?: number;
  /** upcoming: announced and not yet held; past: held records published. */
  when: 'upcoming' | 'past';
  /** Words that must all appear in the title or topic. */
  words?: string[];
  today: string;
}

function publicEventWhere(db: Db, orgId: string, f: PublicEventFilter) {
  let q = db.selectFrom('events').where('org_id', '=', orgId);
  q =
    f.when === 'upcoming'
      ? q.where('state', '=', 'announced').where('event_date', '>=', f.today)
      : q.where('state', '=', 'published');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.year) q = q.where('event_date', '>=', `${f.year}-01-01`).where('event_date', '<=', `${f.year}-12-31`);
  for (const w of f.words ?? []) {
    const like = containsPattern(w);
    q = q.where((eb) =>
      eb.or([sql<boolean>`title like ${like} escape '\\'`, sql<boolean>`topic like ${like} escape '\\'`]),
    );
  }
  return q;
}

/**
 * Public events of an agency. An agency holds tens of events a year, so the word filter scans only the
 * agency's rows through the (org_id, state, event_date) index; the count stops at 1,000.
 */
export async function publicEvents(
  db: Db,
  orgId: string,
  f: PublicEventFilter,
  page: { limit: number; offset: number },
) {
  const items = await publicEventWhere(db, orgId, f)
    .selectAll()
    .orderBy('event_date', f.when === 'upcoming' ? 'asc' : 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const counted = await db
    .selectFrom(publicEventWhere(db, orgId, f).select('id').limit(1001).as('t'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return { items, total: num(counted?.n) };
}

export async function eventCountsByKind(db: Db, orgId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('events')
    .select(['kind', 'state', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .where('event_date', '>=', from)
    .where('event_date', '<=', to)
    .groupBy(['kind', 'state'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, state: r.state, n: num(r.n) }));
}

export async function eventIdsHeld(db: Db, orgId: string, from: string, to: string, kinds: EventKind[]) {
  const rows = await db
    .selectFrom('events')
    .select('id')
    .where('org_id', '=', orgId)
    .where('event_date', '>=', from)
    .where('event_date', '<=', to)
    .where('kind', 'in', kinds)
    .where('state', 'in', ['held', 'published'])
    .limit(1000)
    .execute();
  return rows.map((r) => r.id);
}

// ---------- registrations ----------

export async function insertRegistration(db: Db, row: EventRegistrationsTable): Promise<void> {
  await db.insertInto('event_registrations').values(row).execute();
}

export async function findRegistrationByPhone(db: Db, eventId: string, phone: string) {
  return db
    .selectFrom('event_registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('phone', '=', phone)
    .executeTakeFirst();
}

export async function findRegistration(db: Db, id: string): Promise<Registration | undefined> {
  return db.selectFrom('event_registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRegistrations(db: Db, eventId: string): Promise<Registration[]> {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function setRegistrationStatus(db: Db, id: string, status: RegistrationStatus, at: string) {
  await db.updateTable('event_registrations').set({ status, decided_at: at }).where('id', '=', id).execute();
}

export async function countSelected(db: Db, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'selected')
    .executeTakeFirst();
  return num(r?.n);
}

/** Names and affiliations of selected participants (the public list; never contact details). */
export async function selectedParticipants(db: Db, eventId: string) {
  return db
    .selectFrom('event_registrations')
    .select(['name', 'affiliation'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'selected')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

// ---------- press-conference plan ----------

export async function findPlan(db: Db, orgId: string, year: number) {
  return db
    .selectFrom('event_press_plans')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function upsertPlan(db: Db, row: EventPressPlansTable): Promise<void> {
  await db
    .insertInto('event_press_plans')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'year']).doUpdateSet({
        planned_count: row.planned_count,
        note: row.note,
        filed_with: row.filed_with,
        filed_on: row.filed_on,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ---------- proposals ----------

export async function insertProposal(db: Db, row: ProposalsTable): Promise<void> {
  await db.insertInto('proposals').values(row).execute();
}

export async function updateProposal(db: Db, id: string, patch: Updateable<ProposalsTable>): Promise<void> {
  await db.updateTable('proposals').set(patch).where('id', '=', id).execute();
}

export async function findProposal(db: Db, id: string): Promise<Proposal | undefined> {
  return db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProposalByNumber(
  db: Db,
  orgId: string,
  kind: ProposalKind,
  year: number,
  number: string,
) {
  return db
    .selectFrom('proposals')
    .select('id')
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .where('number', '=', number)
    .executeTakeFirst();
}

export interface ProposalFilter {
  orgIds: string[] | 'all';
  kind?: ProposalKind;
  year?: number;
  state?: 'assigned' | 'replied' | 'closed';
}

function proposalWhere(db: Db, f: ProposalFilter) {
  let q = db.selectFrom('proposals');
  if (f.orgIds !== 'all') q = q.where('org_id', 'in', f.orgIds.length ? f.orgIds : ['']);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.year) q = q.where('year', '=', f.year);
  if (f.state) q = q.where('state', '=', f.state);
  return q;
}

export async function listProposals(db: Db, f: ProposalFilter, page: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    proposalWhere(db, f)
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('deadline', 'asc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    proposalWhere(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  ]);
  return { items, total: num(total?.n) };
}

/** Open proposals (not yet replied) of the agencies, for the due-soon and overdue boards. */
export async function openProposals(db: Db, orgIds: string[] | 'all', limit = 500): Promise<Proposal[]> {
  let q = db.selectFrom('proposals').selectAll().where('state', '=', 'assigned');
  if (orgIds !== 'all') q = q.where('org_id', 'in', orgIds.length ? orgIds : ['']);
  return q.orderBy('deadline').orderBy('id').limit(limit).execute();
}

export async function publicProposals(
  db: Db,
  orgId: string,
  f: { year?: number; kind?: ProposalKind; words?: string[] },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('proposals').where('org_id', '=', orgId).where('publication', '=', 'published');
  if (f.year) q = q.where('year', '=', f.year);
  if (f.kind) q = q.where('kind', '=', f.kind);
  for (const w of f.words ?? []) {
    const like = containsPattern(w);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`title like ${like} escape '\\'`,
        sql<boolean>`public_text like ${like} escape '\\'`,
      ]),
    );
  }
  const items = await q
    .selectAll()
    .orderBy('year', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const counted = await db
    .selectFrom(q.select('id').limit(1001).as('t'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return { items, total: num(counted?.n) };
}

export async function publicProposalYears(db: Db, orgId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('proposals')
    .select('year')
    .distinct()
    .where('org_id', '=', orgId)
    .where('publication', '=', 'published')
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => Number(r.year));
}

/** Proposals of the year for the annual report: kind, classification, publication. */
export async function proposalsOfYear(db: Db, orgId: string, year: number) {
  return db
    .selectFrom('proposals')
    .select(['id', 'kind', 'state', 'reply_class', 'publication', 'role'])
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .execute();
}

// ---------- contacts and co-handling ----------

export async function insertContact(db: Db, row: ProposalContactsTable): Promise<void> {
  await db.insertInto('proposal_contacts').values(row).execute();
}

export async function listContacts(db: Db, proposalId: string): Promise<Contact[]> {
  return db
    .selectFrom('proposal_contacts')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('contacted_on')
    .orderBy('id')
    .execute();
}

export async function insertCoOpinion(db: Db, row: ProposalCoOpinionsTable): Promise<void> {
  await db.insertInto('proposal_co_opinions').values(row).execute();
}

export async function findCoOpinion(db: Db, id: string): Promise<CoOpinion | undefined> {
  return db.selectFrom('proposal_co_opinions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCoOpinion(db: Db, id: string, patch: Updateable<ProposalCoOpinionsTable>) {
  await db.updateTable('proposal_co_opinions').set(patch).where('id', '=', id).execute();
}

export async function listCoOpinions(db: Db, proposalId: string): Promise<CoOpinion[]> {
  return db
    .selectFrom('proposal_co_opinions')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

// ---------- settings and templates ----------

export async function findSettings(db: Db, orgId: string) {
  return db.selectFrom('proposal_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function upsertSettings(db: Db, row: ProposalSettingsTable): Promise<void> {
  await db
    .insertInto('proposal_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        deadline_months: row.deadline_months,
        co_opinion_workdays: row.co_opinion_workdays,
        due_soon_workdays: row.due_soon_workdays,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function findTemplate(db: Db, orgId: string) {
  return db.selectFrom('proposal_templates').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function upsertTemplate(db: Db, row: ProposalTemplatesTable): Promise<void> {
  await db
    .insertInto('proposal_templates')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        file_name: row.file_name,
        content_base64: row.content_base64,
        uploaded_by: row.uploaded_by,
        uploaded_at: row.uploaded_at,
      }),
    )
    .execute();
}

export async function deleteTemplate(db: Db, orgId: string): Promise<void> {
  await db.deleteFrom('proposal_templates').where('org_id', '=', orgId).execute();
}
