/**
 * Consultations of third parties and other agencies (第三十二条、第三十四条): excluded intervals of the clock.
 * Every write is ONE transaction with its audit row (split from requests.service.ts; behaviour unchanged).
 */
import { type Actor } from '../../platform/actor.js';
import { type Ctx } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import * as repo from './requests.repository.js';
import { type CaseDetail } from './case-views.js';
import { appendClockEvent, dateZh, issueLetter, need, write } from './case-writes.js';

export async function sendConsultation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: {
    kind: 'third_party' | 'other_agency';
    date: string;
    party: string;
    receivedOn?: string;
    matter?: string;
  },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const party = (input.party ?? '').trim();
    if (!party) throw invalidField('party', 'party_required', '请填写被征求意见的第三方或机关名称');
    const existing = (await repo.eventsOf(t.db, c.id)).filter((e) =>
      e.type.endsWith('_consultation_sent'),
    ).length;
    const consultationId = `C${existing + 1}`;
    const type = input.kind === 'third_party' ? 'third_party_consultation_sent' : 'agency_consultation_sent';
    const clocks = await appendClockEvent(
      t,
      c,
      {
        type,
        date: input.date,
        consultationId,
        ...(input.receivedOn ? { receivedOn: input.receivedOn } : {}),
      },
      { party, matter: input.matter ?? null },
    );
    const due = clocks.consultationsDue.find((x) => x.consultationId === consultationId)?.replyDue;
    if (input.kind === 'third_party')
      await issueLetter(
        t,
        c,
        'third_party',
        input.date,
        { 第三方: party, 征求事项: input.matter?.trim() || c.description, 答复意见期限: dateZh(due) },
        { public: false },
      );
  });
}

export async function replyConsultation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  consultationId: string,
  input: { date: string; opinion: 'agree' | 'disagree' | 'other'; note?: string },
): Promise<CaseDetail> {
  need(actor, 'requests.handle');
  return write(ctx, actor, id, async (t, c) => {
    const sent = (await repo.eventsOf(t.db, c.id)).find(
      (e) =>
        e.type.endsWith('_consultation_sent') &&
        (JSON.parse(e.payload) as { consultationId?: string }).consultationId === consultationId,
    );
    if (!sent) throw notFound('consultation', '未找到该征求意见');
    const type =
      sent.type === 'third_party_consultation_sent'
        ? 'third_party_consultation_replied'
        : 'agency_consultation_replied';
    await appendClockEvent(
      t,
      c,
      { type, date: input.date, consultationId },
      { opinion: input.opinion, note: input.note ?? null },
    );
  });
}
