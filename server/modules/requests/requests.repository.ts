/** SQL of the requests module (Kysely only). Every function takes `db`, which may be a transaction. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toNumber } from '../../db/dialect.js';
import { names as orgNames } from '../orgs/orgs.repository.js';
import { displayNames } from '../users/users.repository.js';
import { movesClock } from './clock-events.js';
import type {
  RequestAppealsTable,
  RequestCaseLinksTable,
  RequestCasesTable,
  RequestEventsTable,
  RequestFeesTable,
  RequestLetterTemplatesTable,
  RequestLettersTable,
  RequestOutcomesTable,
  RequestPromotionsTable,
  RequestRemindersTable,
  RequestStage,
} from './requests.tables.js';

type Db = Kysely<DB>;
export type CaseRow = Selectable<RequestCasesTable>;
export type EventRow = Selectable<RequestEventsTable>;
export type OutcomeRow = Selectable<RequestOutcomesTable>;
export type LetterMeta = Omit<Selectable<RequestLettersTable>, 'content_base64' | 'render_input'>;
export type FeeRow = Selectable<RequestFeesTable>;
export type AppealRow = Selectable<RequestAppealsTable>;
export type LinkRow = Selectable<RequestCaseLinksTable>;
export type ReminderRow = Selectable<RequestRemindersTable>;
export type TemplateRow = Selectable<RequestLetterTemplatesTable>;
export type PromotionRow = Selectable<RequestPromotionsTable>;

export const OPEN_STAGE_LIST: RequestStage[] = ['registered', 'assigned', 'drafting', 'review', 'sign_off'];

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('request_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCaseByNumber(db: Db, caseNumber: string): Promise<CaseRow | undefined> {
  return db.selectFrom('request_cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirst();
}

export async function insertCase(db: Db, row: RequestCasesTable): Promise<void> {
  await db.insertInto('request_cases').values(row).execute();
}

export async function updateCase(db: Db, id: string, patch: Partial<RequestCasesTable>): Promise<void> {
  await db.updateTable('request_cases').set(patch).where('id', '=', id).execute();
}

export interface CaseFilter {
  orgIds: string[] | 'all';
  stages?: RequestStage[];
  handlerId?: string;
  q?: string;
  year?: number;
}

export async function listCases(db: Db, f: CaseFilter, ilikeOp: 'like' | 'ilike'): Promise<CaseRow[]> {
  let q = db.selectFrom('request_cases').selectAll();
  if (f.orgIds !== 'all') {
    if (f.orgIds.length === 0) return [];
    q = q.where('org_id', 'in', f.orgIds);
  }
  if (f.stages && f.stages.length > 0) q = q.where('stage', 'in', f.stages);
  if (f.handlerId) q = q.where('handler_id', '=', f.handlerId);
  if (f.year) q = q.where('submitted_at', 'like', `${f.year}%`);
  if (f.q) {
    const like = `%${f.q.replace(/[%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('case_number', ilikeOp, like), eb('description', ilikeOp, like)]));
  }
  return q.orderBy('submitted_at', 'desc').orderBy('id', 'desc').execute();
}

export async function openCases(db: Db, orgIds: string[] | 'all'): Promise<CaseRow[]> {
  let q = db.selectFrom('request_cases').selectAll().where('stage', 'in', OPEN_STAGE_LIST);
  if (orgIds !== 'all') {
    if (orgIds.length === 0) return [];
    q = q.where('org_id', 'in', orgIds);
  }
  return q.execute();
}

export async function eventsOf(db: Db, caseId: string): Promise<EventRow[]> {
  return db.selectFrom('request_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function eventsOfMany(db: Db, caseIds: string[]): Promise<Map<string, EventRow[]>> {
  const out = new Map<string, EventRow[]>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const chunk = caseIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('request_events')
      .selectAll()
      .where('case_id', 'in', chunk)
      .orderBy('case_id')
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      const list = out.get(r.case_id) ?? [];
      list.push(r);
      out.set(r.case_id, list);
    }
  }
  return out;
}

export async function nextEventSeq(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('request_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return toNumber(row?.m) + 1;
}

export async function insertEvent(db: Db, row: RequestEventsTable): Promise<void> {
  await insertEvents(db, [row]);
}

/**
 * Several events in one statement (a new case's first events). Every event is written here, so this is
 * where a case's `clock_moved` flag is kept: set, in the same transaction, by its first clock event
 * besides the receipt and the answer (CLOCK_CHANGING_EVENT_TYPES). Events are never deleted or retyped,
 * so the flag never goes back.
 */
export async function insertEvents(db: Db, rows: RequestEventsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('request_events').values(rows).execute();
  const moved = [...new Set(rows.filter((r) => movesClock(r.type)).map((r) => r.case_id))];
  if (moved.length > 0)
    await db
      .updateTable('request_cases')
      .set({ clock_moved: 1 })
      .where('id', 'in', moved)
      .where('clock_moved', '=', 0)
      .execute();
}

/** Claims the next value of a per-agency, per-year counter (atomic upsert on both engines). */
export async function nextCounter(db: Db, orgId: string, scope: string, year: number): Promise<number> {
  const row = await db
    .insertInto('request_counters')
    .values({ org_id: orgId, scope, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'scope', 'year'])
        .doUpdateSet({ last_value: sql`request_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return toNumber(row.last_value);
}

export async function findOutcome(db: Db, caseId: string): Promise<OutcomeRow | undefined> {
  return db.selectFrom('request_outcomes').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function upsertOutcome(db: Db, row: RequestOutcomesTable): Promise<void> {
  const existing = await findOutcome(db, row.case_id);
  if (existing) {
    const { id: _id, created_at: _c, ...patch } = row;
    await db.updateTable('request_outcomes').set(patch).where('case_id', '=', row.case_id).execute();
  } else {
    await db.insertInto('request_outcomes').values(row).execute();
  }
}

export async function updateOutcome(
  db: Db,
  caseId: string,
  patch: Partial<RequestOutcomesTable>,
): Promise<void> {
  await db.updateTable('request_outcomes').set(patch).where('case_id', '=', caseId).execute();
}

const LETTER_META = [
  'id',
  'org_id',
  'case_id',
  'kind',
  'outcome_code',
  'letter_number',
  'year',
  'seq',
  'title',
  'file_name',
  'storage_path',
  'size_bytes',
  'sha256',
  'public',
  'created_by',
  'created_at',
] as const;

export async function lettersOf(db: Db, caseId: string): Promise<LetterMeta[]> {
  return db
    .selectFrom('request_letters')
    .select(LETTER_META)
    .where('case_id', '=', caseId)
    .orderBy('year')
    .orderBy('seq')
    .execute();
}

export async function findLetter(db: Db, id: string): Promise<Selectable<RequestLettersTable> | undefined> {
  return db.selectFrom('request_letters').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Letters issued without their file (rendered later from `render_input`), oldest first: the worker's
 * queue (partial index request_letters_unrendered).
 */
export async function unrenderedLetters(
  db: Db,
  limit: number,
): Promise<Pick<Selectable<RequestLettersTable>, 'id' | 'render_input'>[]> {
  return db
    .selectFrom('request_letters')
    .select(['id', 'render_input'])
    .where('content_base64', 'is', null)
    .where('render_input', 'is not', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Stores the rendered .docx of a lazily rendered letter (once; later calls change nothing). */
export async function storeLetterContent(
  db: Db,
  id: string,
  contentBase64: string,
  sizeBytes: number,
  sha256: string,
): Promise<void> {
  await db
    .updateTable('request_letters')
    .set({ content_base64: contentBase64, size_bytes: sizeBytes, sha256, render_input: null })
    .where('id', '=', id)
    .where('content_base64', 'is', null)
    .execute();
}

export async function findSettings(db: Db, orgId: string) {
  return db.selectFrom('request_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function upsertSettings(
  db: Db,
  row: {
    org_id: string;
    review_body: string | null;
    court: string | null;
    updated_by: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('request_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        review_body: row.review_body,
        court: row.court,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function insertLetter(db: Db, row: RequestLettersTable): Promise<void> {
  await db.insertInto('request_letters').values(row).execute();
}

export async function feeOf(db: Db, caseId: string): Promise<FeeRow | undefined> {
  return db.selectFrom('request_fees').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function insertFee(db: Db, row: RequestFeesTable): Promise<void> {
  await db.insertInto('request_fees').values(row).execute();
}

export async function updateFee(db: Db, caseId: string, patch: Partial<RequestFeesTable>): Promise<void> {
  await db.updateTable('request_fees').set(patch).where('case_id', '=', caseId).execute();
}

export async function feesInYear(
  db: Db,
  orgIds: string[] | 'all',
  year: number,
): Promise<(FeeRow & { case_number: string })[]> {
  let q = db
    .selectFrom('request_fees')
    .innerJoin('request_cases', 'request_cases.id', 'request_fees.case_id')
    .selectAll('request_fees')
    .select('request_cases.case_number')
    .where((eb) =>
      eb.or([
        eb('request_fees.notice_sent_on', 'like', `${year}%`),
        eb('request_fees.paid_on', 'like', `${year}%`),
        eb('request_fees.abandoned_on', 'like', `${year}%`),
      ]),
    );
  if (orgIds !== 'all') {
    if (orgIds.length === 0) return [];
    q = q.where('request_fees.org_id', 'in', orgIds);
  }
  return q.orderBy('request_fees.notice_sent_on').execute();
}

/** Items (一事一申请 units) the same applicant filed with this agency earlier in the same 自然月. */
export async function priorItemsInMonth(db: Db, c: CaseRow): Promise<number> {
  if (!c.received_on) return 0;
  const month = c.received_on.slice(0, 7);
  const row = await db
    .selectFrom('request_cases')
    .select((eb) => eb.fn.sum<number>('item_count').as('n'))
    .where('org_id', '=', c.org_id)
    .where('id_number_hmac', '=', c.id_number_hmac)
    .where('id', '!=', c.id)
    .where('received_on', 'like', `${month}%`)
    .where((eb) =>
      eb.or([
        eb('received_on', '<', c.received_on!),
        eb.and([eb('received_on', '=', c.received_on!), eb('created_at', '<', c.created_at)]),
      ]),
    )
    .executeTakeFirst();
  return toNumber(row?.n);
}

export async function appealsOf(db: Db, caseId: string): Promise<AppealRow[]> {
  return db
    .selectFrom('request_appeals')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('filed_on')
    .execute();
}

export async function findAppeal(db: Db, id: string): Promise<AppealRow | undefined> {
  return db.selectFrom('request_appeals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAppeals(
  db: Db,
  orgIds: string[] | 'all',
  year?: number,
): Promise<(AppealRow & { case_number: string })[]> {
  let q = db
    .selectFrom('request_appeals')
    .innerJoin('request_cases', 'request_cases.id', 'request_appeals.case_id')
    .selectAll('request_appeals')
    .select('request_cases.case_number');
  if (orgIds !== 'all') {
    if (orgIds.length === 0) return [];
    q = q.where('request_appeals.org_id', 'in', orgIds);
  }
  if (year) q = q.where('request_appeals.filed_on', 'like', `${year}%`);
  return q.orderBy('request_appeals.filed_on', 'desc').execute();
}

export async function linksOf(db: Db, caseId: string): Promise<(LinkRow & { linked_case_number: string })[]> {
  return db
    .selectFrom('request_case_links')
    .innerJoin('request_cases', 'request_cases.id', 'request_case_links.linked_case_id')
    .selectAll('request_case_links')
    .select('request_cases.case_number as linked_case_number')
    .where('request_case_links.case_id', '=', caseId)
    .execute();
}

export async function templatesOf(db: Db, orgId: string): Promise<TemplateRow[]> {
  return db.selectFrom('request_letter_templates').selectAll().where('org_id', '=', orgId).execute();
}

export async function findTemplate(
  db: Db,
  orgId: string,
  kind: string,
  outcomeCode: string,
): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('request_letter_templates')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('kind', '=', kind as TemplateRow['kind'])
    .where('outcome_code', '=', outcomeCode)
    .executeTakeFirst();
}

export async function reminderExists(
  db: Db,
  caseId: string,
  kind: string,
  dueDate: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('request_reminders')
    .select('id')
    .where('case_id', '=', caseId)
    .where('kind', '=', kind as ReminderRow['kind'])
    .where('due_date', '=', dueDate)
    .executeTakeFirst();
  return Boolean(row);
}

export async function names(
  db: Db,
  userIds: string[],
  orgIds: string[],
): Promise<{ users: Map<string, string>; orgs: Map<string, string> }> {
  const users = new Map<string, string>();
  const orgs = new Map<string, string>();
  const u = [...new Set(userIds.filter(Boolean))];
  const o = [...new Set(orgIds.filter(Boolean))];
  if (u.length > 0) for (const r of await displayNames(db, u)) users.set(r.id, r.display_name);
  if (o.length > 0) for (const r of await orgNames(db, o)) orgs.set(r.id, r.name);
  return { users, orgs };
}
