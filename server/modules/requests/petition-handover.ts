/**
 * 信访举报投诉类申请 (条例第三十九条第一款; table 三 （五）1): a complaint, report or petition sent in as an
 * information request is answered as "不作为政府信息公开申请处理" and the matter itself is handed to the
 * channel that handles complaints — the interaction module's 投诉举报 (issue 16 item 3). The requests
 * module declares what it hands over; the receiving module provides the receiver in its `wire(c)`, so
 * requests never imports interaction (which imports requests for the opposite conversion).
 */
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { CaseRow } from './requests.repository.js';
import { appendEvent, type Trx } from './case-writes.js';

export interface PetitionHandover {
  orgId: string;
  caseId: string;
  caseNumber: string;
  /** When the application arrived (its submission time). */
  submittedAt: string;
  /** The day the case was answered: the complaint is received by its handlers on this day. */
  handedOverOn: string;
  content: string;
  applicant: { name: string; phone: string | null; email: string | null; address: string | null };
  notifyBy: 'sms' | 'email' | null;
  actor: Actor;
}

/**
 * Receives the matter inside the answering transaction (`ctx.db` is that transaction); answers the
 * number it was registered under, or null when the receiver does not take it (e.g. its 投诉举报 kind is
 * switched off for the agency), in which case the reply letter's "可以通过相应渠道提出" stands alone.
 */
export type PetitionReceiver = (ctx: Ctx, handover: PetitionHandover) => Promise<{ number: string } | null>;

declare module '../../platform/providers.js' {
  interface Providers {
    'requests.petitionReceiver': PetitionReceiver;
  }
}

/** Hands the matter of a case answered as 信访举报投诉类申请 over, and notes it on the case's timeline. */
export async function handOverPetition(t: Trx, c: CaseRow, date: string): Promise<void> {
  const receive = t.ctx.providers?.find('requests.petitionReceiver');
  if (!receive) return;
  const received = await receive(t.ctx, {
    orgId: c.org_id,
    caseId: c.id,
    caseNumber: c.case_number,
    submittedAt: c.submitted_at,
    handedOverOn: date,
    content: c.description,
    applicant: {
      name: c.contact_person ? `${c.applicant_name}（${c.contact_person}）` : c.applicant_name,
      phone: c.phone,
      email: c.email,
      address: c.address,
    },
    notifyBy: c.notify_channel === 'sms' || c.notify_channel === 'email' ? c.notify_channel : null,
    actor: t.actor,
  });
  if (received)
    await appendEvent(t, c, 'handed_over', date, { module: 'interaction', number: received.number });
}
