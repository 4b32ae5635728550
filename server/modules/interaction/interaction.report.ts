/** The annual report's facts from 互动交流 (annual-report/sources.ts InteractionReportFacts). */
import type { Ctx } from '../../platform/context.js';
import type { InteractionReportFacts } from '../annual-report/sources.js';

/** Consultations (咨询 + 局长信箱 + 12345 + 找错), complaints, public consultations and comments of a year. */
export async function interactionReportFacts(
  ctx: Ctx,
  orgId: string,
  year: number,
): Promise<InteractionReportFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await ctx.db
    .selectFrom('interaction_items')
    .select(['kind', 'status', 'replied_on', 'archived_on'])
    .where('org_id', '=', orgId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .where('status', 'not in', ['merged', 'transferred', 'converted'])
    .execute();
  const consult = rows.filter((r) => r.kind !== 'complaint');
  const complaints = rows.filter((r) => r.kind === 'complaint');
  const opened = await ctx.db
    .selectFrom('interaction_consultations')
    .select(['id', 'result_published_at'])
    .where('org_id', '=', orgId)
    .where('published_at', 'is not', null)
    .where('opens_on', '>=', from)
    .where('opens_on', '<=', to)
    .execute();
  const ids = opened.map((c) => c.id);
  const comments = ids.length
    ? Number(
        (
          await ctx.db
            .selectFrom('interaction_comments')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .where('consultation_id', 'in', ids)
            .where('status', '!=', 'rejected')
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
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
