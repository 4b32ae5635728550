/** Facts for the annual report (section 一 narrative and section 六): events held, proposals handled. */
import type { Ctx } from '../../platform/context.js';
import type { EventsReportFacts, ProposalCounts } from '../annual-report/sources.js';
import * as repo from './events.repository.js';

const HELD = new Set(['held', 'published']);

/** Counts of the year (1 Jan – 31 Dec, China dates) for one agency. */
export async function eventsReportFacts(ctx: Ctx, orgId: string, year: number): Promise<EventsReportFacts> {
  const rows = await repo.eventCountsByKind(ctx.db, orgId, `${year}-01-01`, `${year}-12-31`);
  const held = (kinds: string[]) =>
    rows.filter((r) => kinds.includes(r.kind) && HELD.has(r.state)).reduce((s, r) => s + r.n, 0);
  const proposals = await repo.proposalsOfYear(ctx.db, orgId, year);
  const counts = (kind: 'suggestion' | 'proposal'): ProposalCounts => {
    const handled = proposals.filter((p) => p.kind === kind && p.state !== 'assigned');
    return {
      handled: handled.length,
      byClass: {
        A: handled.filter((p) => p.reply_class === 'A').length,
        B: handled.filter((p) => p.reply_class === 'B').length,
        C: handled.filter((p) => p.reply_class === 'C').length,
      },
      repliesPublished: handled.filter((p) => p.publication === 'published').length,
    };
  };
  return {
    pressConferences: held(['press_conference', 'policy_briefing']),
    hearings: held(['hearing']),
    forums: held(['expert_review', 'forum', 'open_day']),
    proposals: { 建议: counts('suggestion'), 提案: counts('proposal') },
  };
}
