/** The annual report's facts from 互动交流 (annual-report/sources.ts InteractionReportFacts). */
import type { Ctx } from '../../platform/context.js';
import type { InteractionReportFacts } from '../annual-report/sources.js';
import * as repo from './interaction.report.repository.js';

/** Consultations (咨询 + 局长信箱 + 12345 + 找错), complaints, public consultations and comments of a year. */
export async function interactionReportFacts(
  ctx: Ctx,
  orgId: string,
  year: number,
): Promise<InteractionReportFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await repo.reportItemsOf(ctx.db, orgId, from, to);
  const consult = rows.filter((r) => r.kind !== 'complaint');
  const complaints = rows.filter((r) => r.kind === 'complaint');
  const opened = await repo.openedConsultationsOf(ctx.db, orgId, from, to);
  const comments = await repo.countCommentsOn(
    ctx.db,
    opened.map((c) => c.id),
  );
  return {
    consultations: {
      received: consult.length,
      answered: consult.filter((r) => r.replied_on !== null).length,
    },
    complaints: {
      received: complaints.length,
      closed: complaints.filter(
        (r) => r.archived_on !== null || r.status === 'not_accepted' || r.replied_on !== null,
      ).length,
    },
    publicConsultations: {
      opened: opened.length,
      comments,
      feedbackPublished: opened.filter((c) => c.result_published_at !== null).length,
    },
  };
}
