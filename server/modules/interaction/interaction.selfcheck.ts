/**
 * Read-only facts for the self-check module (检查指标自查 · 互动回应): the agency's open items with their
 * reply clock — which are past their answer date, and when each arrived (a message unanswered for more
 * than three months is a 单项否决 of the 检查指标). Computed on read like the overdue board.
 */
import type { Ctx } from '../../platform/context.js';
import { todayInChina } from '../../platform/clock.js';
import * as repo from './interaction.repository.js';
import { calendarOf, clockOf, settingsFor } from './interaction.common.js';
import { KIND_LABELS } from './interaction.rules.js';

export interface SelfcheckInteractionFact {
  id: string;
  number: string;
  kindLabel: string;
  subject: string;
  receivedOn: string;
  answerDue: string;
  overdue: boolean;
}

export async function interactionSelfcheckFacts(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  orgId: string,
): Promise<SelfcheckInteractionFact[]> {
  const rows = await repo.openItems(ctx.db, orgId);
  if (rows.length === 0) return [];
  const settings = await settingsFor(ctx.db, orgId);
  const calendar = await calendarOf(ctx);
  const today = todayInChina(ctx.clock);
  return rows.map((r) => {
    const clock = clockOf(r, settings[r.kind], calendar, today);
    return {
      id: r.id,
      number: r.number,
      kindLabel: KIND_LABELS[r.kind],
      subject: r.subject,
      receivedOn: r.received_on,
      answerDue: clock.answerDue,
      overdue: clock.overdue,
    };
  });
}
