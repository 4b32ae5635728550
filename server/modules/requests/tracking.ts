/**
 * Public tracking (/track, no personal data) and reference data for the console.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Ctx } from '../../platform/context.js';
import { chinaDateOf, todayInChina } from '../../platform/clock.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { estimateNotice } from '../../platform/calendar/work-calendar.js';
import { CLOCK_RULE_NOTES } from './deadlines.js';
import { OUTCOMES, outcomeByCode } from './outcomes.js';
import { DEFAULT_FEE_SCHEDULE, formatFen } from './fees.js';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPE_KEYS,
  CHANNEL_LABELS,
  CONFIRMATION_CHANNELS,
  LETTER_KIND_LABELS,
  STAGE_LABELS,
  WITHHOLDING_GROUNDS,
} from './requests.rules.js';
import * as repo from './requests.repository.js';
import { letterBytes } from './case-writes.js';
import type { EventRow } from './requests.repository.js';
import { checkQueryCode, piiKeyring } from './pii.js';
import type { LetterKind, RequestChannel, RequestStage } from './requests.tables.js';
import { EVENT_LABELS, calendarFor, clocksOf } from './case-views.js';
import { agencyRow } from './case-writes.js';
import { publicReplyFiles } from './reply-files.js';

// ---------------------------------------------------------------------------------------------
// Public tracking (no personal data)

export interface TrackingView {
  caseNumber: string;
  agencyName: string;
  statusLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  answerDue: string | null;
  dueDateFinal: boolean;
  closedOn: string | null;
  outcomeLabel: string | null;
  estimateNotice: string | null;
  explanation: string[];
  timeline: { date: string; label: string; detail: string | null }[];
  letters: { id: string; title: string; letterNumber: string; fileName: string }[];
  /** The information released with the reply (予以公开 / 部分公开), once the reply is sent. */
  files: { id: string; fileName: string; sizeBytes: number }[];
}

const PUBLIC_STATUS: Record<RequestStage, string> = {
  awaiting_confirmation: '已提交，待工作机构确认收到',
  registered: '已受理，正在办理',
  assigned: '已受理，正在办理',
  drafting: '正在办理',
  review: '正在审核',
  sign_off: '正在审核',
  replied: '已答复',
  archived: '已办结',
  discarded: '未予登记',
};

function publicDetail(e: EventRow): string | null {
  const p = JSON.parse(e.payload) as Record<string, unknown>;
  switch (e.type) {
    case 'supplement_requested':
      return `需补正事项：${(p.items as string[] | undefined)?.join('；') ?? ''}${typeof p.supplementDeadline === 'string' ? `；补正期限：${p.supplementDeadline}` : ''}`;
    case 'deferred':
      return `延迟答复至${String(p.newDueDate)}`;
    case 'fee_notice_sent':
      return typeof p.amountFen === 'number' ? `应缴金额：${formatFen(p.amountFen)}` : null;
    case 'handed_over':
      return typeof p.number === 'string'
        ? `您反映的事项已转本机关投诉举报渠道办理，编号${p.number}，办理结果将另行答复`
        : null;
    case 'deadline_recomputed':
      return `答复期限由${String(p.before)}调整为${String(p.after)}`;
    case 'submitted':
      return typeof p.channelLabel === 'string' ? p.channelLabel : null;
    default:
      return null;
  }
}

export async function trackCase(
  ctx: Ctx,
  caseNumber: string,
  queryCode: string,
): Promise<{ view: TrackingView; caseId: string }> {
  const c = await repo.findCaseByNumber(ctx.db, caseNumber.trim().toUpperCase());
  // Same answer for an unknown number and a wrong code, so numbers cannot be probed.
  if (!c || !checkQueryCode(await piiKeyring(ctx.db), queryCode, c.query_code_hash))
    throw new DomainError('track_not_found', '受理编号或查询码不正确', undefined, 'not_found');
  const [events, letters, org, calendar, outcome, files] = await Promise.all([
    repo.eventsOf(ctx.db, c.id),
    repo.lettersOf(ctx.db, c.id),
    agencyRow(ctx.db, c.org_id),
    calendarFor(ctx),
    repo.findOutcome(ctx.db, c.id),
    publicReplyFiles(ctx, c.id, c.stage),
  ]);
  const clocks = clocksOf(c, events, calendar, todayInChina(ctx.clock));
  const closed = c.stage === 'replied' || c.stage === 'archived';
  return {
    caseId: c.id,
    view: {
      caseNumber: c.case_number,
      agencyName: org.name,
      statusLabel: PUBLIC_STATUS[c.stage],
      submittedOn: chinaDateOf(c.submitted_at),
      receivedOn: c.received_on,
      answerDue: clocks?.answerDue ?? null,
      dueDateFinal: clocks?.dueDateFinal ?? false,
      closedOn: c.closed_on,
      outcomeLabel: closed && outcome ? outcomeByCode(outcome.outcome_code).labelZh : null,
      estimateNotice: clocks?.estimated ? estimateNotice(clocks.uncoveredYears) : null,
      explanation: clocks?.explanation.map((s) => s.textZh) ?? [],
      timeline: events
        .filter((e) => e.public === 1)
        .map((e) => ({ date: e.event_date, label: EVENT_LABELS[e.type] ?? e.type, detail: publicDetail(e) })),
      letters: letters
        .filter((l) => l.public === 1)
        .map((l) => ({ id: l.id, title: l.title, letterNumber: l.letter_number, fileName: l.file_name })),
      files: files.map((f) => ({ id: f.id, fileName: f.fileName, sizeBytes: f.sizeBytes })),
    },
  };
}

export async function publicLetter(
  ctx: Ctx,
  caseId: string,
  letterId: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const l = await repo.findLetter(ctx.db, letterId);
  if (!l || l.case_id !== caseId || l.public !== 1) throw notFound('letter', '文书不存在');
  return { fileName: l.file_name, bytes: await letterBytes(ctx.db, l) };
}

// ---------------------------------------------------------------------------------------------
// Reference data for the console

export function meta() {
  return {
    outcomes: OUTCOMES.map((o) => ({
      code: o.code,
      labelZh: o.labelZh,
      basisRef: o.basisRef,
      basisTextZh: o.basisTextZh,
      row2021: o.row2021,
      releasesContent: o.releasesContent,
      needsWithheldPartsRecord: o.needsWithheldPartsRecord,
      mappingUncertain: o.mappingUncertain,
    })),
    applicantTypes: APPLICANT_TYPE_KEYS.map((k) => ({ code: k, labelZh: APPLICANT_TYPE_LABELS[k] })),
    channels: (Object.keys(CHANNEL_LABELS) as RequestChannel[]).map((k) => ({
      code: k,
      labelZh: CHANNEL_LABELS[k],
      needsConfirmation: CONFIRMATION_CHANNELS.has(k),
    })),
    stages: (Object.keys(STAGE_LABELS) as RequestStage[]).map((k) => ({ code: k, labelZh: STAGE_LABELS[k] })),
    letterKinds: (Object.keys(LETTER_KIND_LABELS) as LetterKind[]).map((k) => ({
      code: k,
      labelZh: LETTER_KIND_LABELS[k],
    })),
    withholdingGrounds: WITHHOLDING_GROUNDS.map((g) => ({ code: g.code, labelZh: g.labelZh })),
    clockRuleNotes: (Object.keys(CLOCK_RULE_NOTES) as (keyof typeof CLOCK_RULE_NOTES)[]).map((k) => ({
      rule: k,
      ...CLOCK_RULE_NOTES[k],
    })),
    feeNotes: [DEFAULT_FEE_SCHEDULE.perItem.note, DEFAULT_FEE_SCHEDULE.perPage.note],
  };
}
