/**
 * Internals shared by every write of 依申请公开: the transaction context, events with their audit rows, stage changes, clock events, letters.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import type { DB } from '../../db/schema.js';
import type { Kysely, Selectable } from 'kysely';
import { can, type Actor } from '../../platform/actor.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { chinaDateOf, nowIso, todayInChina } from '../../platform/clock.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { randomInt } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { yearOf } from '../../platform/calendar/iso-date.js';
import { type WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as orgRepo from '../orgs/orgs.repository.js';
import {
  computeClocks,
  validateEvent,
  DEFAULT_CLOCK_RULES,
  type ClockEvent,
  type Clocks,
} from './deadlines.js';
import { remediesSentence } from './outcomes.js';
import { noticeApplicant, stepOfLetter } from './notices.js';
import {
  LETTER_KIND_LABELS,
  QUERY_CODE_ALPHABET,
  STAGE_LABELS,
  assertPastDate,
  isOpenStage,
  fillTemplate,
} from './requests.rules.js';
import * as repo from './requests.repository.js';
import type { CaseRow, EventRow } from './requests.repository.js';
import { buildLetterDocx, defaultTemplate, type LetterTemplate } from './letters.js';
import { findWordTemplate } from './word-templates.repository.js';
import { renderWordLetter } from './word-template.js';
import type { LetterKind, RequestLettersTable, RequestStage } from './requests.tables.js';
import {
  type CaseDetail,
  PUBLIC_EVENT_TYPES,
  calendarFor,
  clocksOf,
  loadDetail,
  toClockEvents,
} from './case-views.js';

type Db = Kysely<DB>;

// ---------------------------------------------------------------------------------------------
// Internals shared by writes

export interface Trx {
  ctx: Ctx;
  db: Db;
  actor: Actor;
  now: string;
  today: string;
  /** Loaded before the transaction opens: the calendar cache is per database handle, so loading it
   * through a transaction handle would rebuild it on every write. */
  calendar?: WorkCalendar;
}

export function txOf(ctx: Ctx, trx: Db, actor: Actor, calendar?: WorkCalendar): Trx {
  return {
    ctx: { ...ctx, db: trx },
    db: trx,
    actor,
    now: nowIso(ctx.clock),
    today: todayInChina(ctx.clock),
    ...(calendar ? { calendar } : {}),
  };
}

function calendarOf(t: Trx): Promise<WorkCalendar> {
  return t.calendar ? Promise.resolve(t.calendar) : calendarFor(t.ctx);
}

export async function caseForWrite(t: Trx, id: string): Promise<CaseRow> {
  const c = await repo.findCase(t.db, id);
  if (!c) throw notFound('request_case', '申请不存在');
  assertWritesAgency(t.actor, c.org_id);
  return c;
}

/** An event row of a case (not yet written). */
export function eventRow(
  t: Trx,
  c: CaseRow,
  seq: number,
  type: string,
  date: string,
  payload: Record<string, unknown> = {},
): EventRow {
  return {
    id: newId(),
    org_id: c.org_id,
    case_id: c.id,
    seq,
    type,
    event_date: date,
    payload: JSON.stringify(payload),
    public: PUBLIC_EVENT_TYPES.has(type) ? 1 : 0,
    actor_id: t.actor.userId,
    actor_name: t.actor.name,
    created_at: t.now,
  };
}

export async function appendEvent(
  t: Trx,
  c: CaseRow,
  type: string,
  date: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  const seq = await repo.nextEventSeq(t.db, c.id);
  await repo.insertEvent(t.db, eventRow(t, c, seq, type, date, payload));
  await recordAudit(t.db, t.ctx.clock, t.actor, {
    action: `request.${type}`,
    targetType: 'request_case',
    targetId: c.id,
    orgId: c.org_id,
    after: { caseNumber: c.case_number, date, ...redactForAudit(payload) },
  });
}

/** Audit rows never carry personal data or letter bodies. */
export function redactForAudit(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload))
    if (!['applicantName', 'idNumber', 'phone', 'email', 'address'].includes(k)) out[k] = v;
  return out;
}

export async function setStage(
  t: Trx,
  c: CaseRow,
  stage: RequestStage,
  patch: Partial<CaseRow> = {},
): Promise<void> {
  await repo.updateCase(t.db, c.id, { ...patch, stage, updated_at: t.now });
  Object.assign(c, patch, { stage });
}

/** Validates a clock event against the case's events (deadlines.ts) and appends it. */
export async function appendClockEvent(
  t: Trx,
  c: CaseRow,
  event: ClockEvent,
  extra: Record<string, unknown> = {},
): Promise<Clocks> {
  if (!isOpenStage(c.stage) || !c.received_on) {
    throw conflict('wrong_stage', `当前办理环节为“${STAGE_LABELS[c.stage]}”，不能登记办理事件`, {
      stage: c.stage,
    });
  }
  assertPastDate(event.date, 'date', t.today);
  const rows = await repo.eventsOf(t.db, c.id);
  const calendar = await calendarOf(t);
  validateEvent(toClockEvents(rows), event, calendar, DEFAULT_CLOCK_RULES);
  const { type, date, ...payload } = event;
  await appendEvent(t, c, type, date, { ...payload, ...extra });
  const after = await repo.eventsOf(t.db, c.id);
  return computeClocks(toClockEvents(after), calendar, DEFAULT_CLOCK_RULES, t.today);
}

export async function agencyRow(db: Db, orgId: string) {
  const org = await orgRepo.findById(db, orgId);
  if (!org) throw notFound('org', '机关不存在');
  return org;
}

async function templateFor(
  db: Db,
  orgId: string,
  kind: LetterKind,
  outcomeCode = '',
): Promise<LetterTemplate> {
  const row = await repo.findTemplate(db, orgId, kind, kind === 'reply' ? outcomeCode : '');
  if (row) return { kind, outcomeCode: row.outcome_code, title: row.title, body: row.body };
  return defaultTemplate(kind, outcomeCode);
}

export function dateZh(iso: string | null | undefined): string {
  if (!iso) return '—';
  // A timestamp (submitted_at) is shown as its China date; a plain date is already one.
  const day = iso.length > 10 ? chinaDateOf(iso) : iso;
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * A case created in this same transaction: its agency row (already read) and every event it has so
 * far, not yet written. A letter issued for it adds its `letter_issued` event here instead of writing
 * it (and its audit row): the creator writes all of them at once and audits the intake as one act.
 */
export interface FreshCase {
  org: Awaited<ReturnType<typeof agencyRow>>;
  events: EventRow[];
}

/** Generates, numbers and archives a letter with the case (inside the caller's transaction). */
export async function issueLetter(
  t: Trx,
  c: CaseRow,
  kind: LetterKind,
  date: string,
  values: Record<string, string | undefined>,
  opts: { outcomeCode?: string; public?: boolean; eager?: boolean; fresh?: FreshCase } = {},
): Promise<repo.LetterMeta> {
  const fresh = opts.fresh;
  const org = fresh?.org ?? (await agencyRow(t.db, c.org_id));
  const template = await templateFor(t.db, c.org_id, kind, opts.outcomeCode ?? '');
  const settings = await repo.findSettings(t.db, c.org_id);
  const year = yearOf(date);
  const seq = await repo.nextCounter(t.db, c.org_id, 'letter', year);
  const prefix = org.short_name ?? org.name;
  const letterNumber = `${prefix}依申请公开〔${year}〕${seq}号`;
  const clocksNow = !c.received_on
    ? null
    : fresh
      ? clocksOf(c, fresh.events, await calendarOf(t), t.today)
      : await currentClocks(t, c);
  const allValues: Record<string, string | undefined> = {
    机关名称: org.name,
    受理编号: c.case_number,
    申请人: c.applicant_name,
    申请日期: dateZh(c.submitted_at),
    收到日期: dateZh(c.received_on),
    收到依据: c.receipt_basis ?? '',
    // Quoted inside “…”。 — the request's own closing punctuation would double it (“…。”。).
    申请内容: quotable(c.description),
    答复期限: dateZh(clocksNow?.answerDue),
    联系电话: org.phone ?? '—',
    地址: org.address ?? '—',
    日期: dateZh(date),
    救济途径: remediesSentence({
      ...(settings?.review_body ? { reviewOrgan: settings.review_body } : {}),
      ...(settings?.court ? { court: settings.court } : {}),
    }),
    ...values,
  };
  // The .docx is rendered when first downloaded (or now, for letters sent at once): registering a
  // case stays a few inserts, and the file is the same whenever it is made (snapshot below).
  const input: LetterRenderInput = {
    template,
    values: allValues,
    letterNumber,
    agencyName: org.name,
    date,
  };
  const step = stepOfLetter(kind);
  // A reply e-mailed to the applicant carries the letter, so that one is rendered now.
  const eager = opts.eager || (step === 'reply' && c.notify_channel === 'email');
  // The agency's own Word layout (文书模板 → Word版式) renders now: the letter keeps the layout in
  // force when it was issued, whatever is uploaded later.
  const word = await findWordTemplate(t.db, c.org_id, kind);
  const built = word
    ? renderWordLetter(Buffer.from(word.content_base64, 'base64'), input)
    : eager
      ? await buildLetterDocx(input)
      : null;
  const id = newId();
  const title = fillTemplate(template.title, allValues);
  const row = {
    id,
    org_id: c.org_id,
    case_id: c.id,
    kind,
    outcome_code: opts.outcomeCode ?? null,
    letter_number: letterNumber,
    year,
    seq,
    title,
    file_name: `${c.case_number}-${LETTER_KIND_LABELS[kind]}-${seq}.docx`,
    content_base64: built ? built.bytes.toString('base64') : null,
    storage_path: null,
    size_bytes: built ? built.bytes.length : 0,
    sha256: built ? built.sha256 : '',
    public: opts.public === false ? 0 : 1,
    created_by: t.actor.userId,
    created_at: t.now,
    render_input: built ? null : JSON.stringify(input),
  };
  await repo.insertLetter(t.db, row);
  const issued = { letterId: id, kind, letterNumber, title };
  if (fresh) fresh.events.push(eventRow(t, c, fresh.events.length + 1, 'letter_issued', date, issued));
  else await appendEvent(t, c, 'letter_issued', date, issued);
  if (step)
    await noticeApplicant(
      t,
      c,
      step,
      { 查询码: '（见提交申请时页面所示）', ...allValues, 办理结果: title },
      {
        key: step === 'consultation' ? id : '',
        ...(built && step === 'reply'
          ? { attachment: { filename: row.file_name, content: built.bytes } }
          : {}),
      },
    );
  const { content_base64: _b, render_input: _r, ...meta } = row;
  return meta;
}

/** What a lazily rendered letter is made from (stored with it). */
export type LetterRenderInput = Parameters<typeof buildLetterDocx>[0];

/** A request's text as it is quoted in a letter: without its own closing punctuation. */
export function quotable(text: string): string {
  return text.trim().replace(/[。．.；;，,！!？?、\s]+$/u, '');
}

/**
 * The bytes of a letter: stored ones, or rendered now from the snapshot taken at issuance and stored
 * (a cache: the same input always gives the same text).
 */
export async function letterBytes(db: Db, l: Selectable<RequestLettersTable>): Promise<Buffer> {
  if (l.content_base64) return Buffer.from(l.content_base64, 'base64');
  if (!l.render_input) return Buffer.alloc(0);
  const built = await buildLetterDocx(JSON.parse(l.render_input) as LetterRenderInput);
  await repo.storeLetterContent(db, l.id, built.bytes.toString('base64'), built.bytes.length, built.sha256);
  return built.bytes;
}

async function currentClocks(t: Trx, c: CaseRow): Promise<Clocks | null> {
  const rows = await repo.eventsOf(t.db, c.id);
  return clocksOf(c, rows, await calendarOf(t), t.today);
}

export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

// ---------------------------------------------------------------------------------------------
// Handling

/**
 * Bulk callers (the demo seed) run actions without building the case view after each write; the
 * actions then resolve to a placeholder they must not read.
 */
export const batch = new AsyncLocalStorage<true>();
export function withoutCaseViews<T>(fn: () => Promise<T>): Promise<T> {
  return batch.run(true, fn);
}

export async function write(
  ctx: Ctx,
  actor: Actor,
  id: string,
  work: (t: Trx, c: CaseRow) => Promise<void>,
): Promise<CaseDetail> {
  const calendar = await calendarFor(ctx);
  const c = await inTransaction(ctx, async (trx) => {
    const t = txOf(ctx, trx, actor, calendar);
    const c = await caseForWrite(t, id);
    await work(t, c);
    return c;
  });
  if (batch.getStore()) return { id: c.id } as CaseDetail;
  return loadDetail(ctx, actor, (await repo.findCase(ctx.db, c.id))!);
}

export function need(actor: Actor, ...perms: Parameters<typeof can>[1][]): void {
  if (!perms.some((p) => can(actor, p))) throw forbidden();
}
