/**
 * Conversion of an item that is really an information request into a 依申请公开 case (issue 16
 * item 3; 条例第二十九条): the case is created by the requests module inside this transaction, keeps
 * the link to the item, and its receipt date follows 第三十一条 from the item's original arrival and
 * channel — so the 20-working-day clock starts from the original date, not from the conversion.
 */
import type { Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import { compareIso, isIsoDate } from '../../platform/calendar/iso-date.js';
import { conflict, invalidField } from '../../platform/errors.js';
import { createCaseFromInteraction, type RequestChannel } from '../requests/index.js';
import {
  agencyIdOf,
  audit,
  dataKey,
  itemFor,
  loadDetail,
  openIdentity,
  tx,
  type ItemDetail,
} from './interaction.common.js';
import { move } from './triage.js';
import { assertTransition } from './interaction.rules.js';
import type { InteractionChannel } from './interaction.tables.js';

/** The 第三十一条 channel of each intake channel. */
export const REQUEST_CHANNEL: Record<InteractionChannel, RequestChannel> = {
  portal: 'online',
  hotline_12345: 'online',
  email: 'email',
  letter: 'ordinary_mail',
  phone: 'oral',
  visit: 'in_person',
  // Never used: an item that came from a case is not converted back (convertItem refuses it).
  request: 'online',
};

export interface ConvertInput {
  applicantType: string;
  idDocType: string;
  idNumber: string;
  requestedForm?: string | null;
  deliveryMethod?: string | null;
  /** For internet / e-mail / letter channels: the day the office confirmed with the applicant (default: the day it arrived). */
  confirmedOn?: string | null;
}

export async function convertItem(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: ConvertInput,
): Promise<ItemDetail> {
  const orgId = agencyIdOf(actor, 'interaction.admin');
  if (input.confirmedOn && !isIsoDate(input.confirmedOn))
    throw invalidField('confirmedOn', 'invalid_date', '确认日期无效');
  const item = await tx(ctx, async (t) => {
    const item = await itemFor(t.db, actor, id);
    assertTransition(item.status, 'convert');
    if (item.channel === 'request')
      throw conflict(
        'came_from_request',
        '该件由依申请公开转来（已按信访举报投诉类申请答复），不能再转为依申请公开',
      );
    if (!item.identity_enc)
      throw conflict(
        'anonymous_request',
        '匿名来件没有申请人信息，不能转为依申请公开；请告知来信人通过依申请公开渠道提出',
      );
    const identity = openIdentity(await dataKey(t.db, t.now), item.identity_enc);
    const confirmedOn = input.confirmedOn ?? item.received_on;
    if (compareIso(confirmedOn, item.received_on) < 0)
      throw invalidField(
        'confirmedOn',
        'confirm_before_arrival',
        `确认日期不能早于来件日期（${item.received_on}）`,
      );
    const channel = REQUEST_CHANNEL[item.channel];
    // Portal items carry their submission instant; staff-entered ones arrived on the day they were received.
    const arrivedAt = item.channel === 'portal' ? item.submitted_at : `${item.received_on}T09:00:00+08:00`;
    const created = await createCaseFromInteraction(t.db, ctx, {
      orgId,
      channel,
      arrivedAt,
      applicant: {
        type: input.applicantType,
        name: identity.name,
        idDocType: input.idDocType,
        idNumber: input.idNumber,
        phone: identity.phone,
        email: identity.email,
        address: identity.address,
        notifyBy: item.notify_by,
      },
      content: `${item.subject}\n${item.body}`,
      ...(input.requestedForm ? { requestedForm: input.requestedForm } : {}),
      ...(input.deliveryMethod ? { deliveryMethod: input.deliveryMethod } : {}),
      ...(channel === 'online' || channel === 'email' || channel === 'ordinary_mail' ? { confirmedOn } : {}),
      sourceRef: { module: 'interaction', id: item.id, number: item.number },
      actor,
    });
    const next = await move(t, item, {
      status: 'converted',
      request_case_id: created.caseId,
      request_case_number: created.number,
      decision_reason: '属于政府信息公开申请，转依申请公开办理',
    });
    await audit(t, actor, 'converted', next, { caseNumber: created.number, channel, arrivedAt });
    return next;
  });
  return loadDetail(ctx, item);
}
