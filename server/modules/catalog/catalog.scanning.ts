/**
 * 保密审查 machine scan over a revision (title, summary, body, attachment text) with the reviewers'
 * overrides: on demand, live while typing, and the release-time check.
 */
import { assertCan, can, type Actor } from '../../platform/actor.js';
import { nowIso } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { assertWritesAgency } from '../orgs/orgs.service.js';
import * as repo from './catalog.repository.js';
import type { Revision } from './catalog.repository.js';
import * as rules from './catalog.rules.js';
import { scanRevisionContent, unresolved, type SourcedFinding } from './catalog.scan.js';
import { htmlToPlainText, sanitizeItemBody } from './rich-text.js';
import { agencyIdOf, itemForWrite, workingOf, type Trx } from './catalog.access.js';

// ───────────────────────── scan ─────────────────────────

export function overridesOf(trx: Trx, itemId: string): Promise<Map<string, string>> {
  return repo.overrideReasons(trx, itemId);
}

export async function scanRevision(
  trx: Trx,
  rev: Revision,
): Promise<{ findings: SourcedFinding[]; unscanned: string[] }> {
  const atts = await repo.attachmentsOf(trx, rev.id);
  const findings = scanRevisionContent(
    {
      title: rev.title,
      summary: rev.summary,
      bodyText: rev.body_text,
      attachments: atts.map((a) => ({ fileName: a.file_name, text: a.extracted_text })),
    },
    await overridesOf(trx, rev.item_id),
  );
  return { findings, unscanned: atts.filter((a) => a.extracted_text === null).map((a) => a.file_name) };
}

/** Scans the working revision and stores the (masked) findings on it. */
export async function scanItem(ctx: Ctx, actor: Actor, itemId: string) {
  if (!can(actor, 'catalog.draft') && !can(actor, 'catalog.review')) throw forbidden();
  return inTransaction(ctx, async (trx) => {
    const item = await itemForWrite(trx, actor, itemId);
    const rev = await workingOf(trx, item);
    const { findings, unscanned } = await scanRevision(trx, rev);
    const now = nowIso(ctx.clock);
    await repo.updateRevision(trx, rev.id, { scan_findings: JSON.stringify(findings), scanned_at: now });
    return { findings, unresolved: unresolved(findings).length, unscannedAttachments: unscanned };
  });
}

export interface LiveScanInput {
  title?: string;
  summary?: string | null;
  bodyHtml?: string;
  /** Attachments already uploaded to the item being edited (their extracted text is scanned). */
  attachmentIds?: string[];
  /** The item being edited: its reviewers' overrides mark findings resolved, as on the stored scan. */
  itemId?: string | null;
}

/**
 * Scans text the editor has not saved yet (live findings while typing). Stateless: reads the named
 * attachments and overrides, writes nothing, so it needs no draft to exist and leaves no history.
 * Open to whoever may edit the agency's items; other agencies' items and attachments are not found.
 */
export async function scanDraftText(ctx: Ctx, actor: Actor, input: LiveScanInput) {
  assertCan(actor, 'catalog.draft');
  const orgId = agencyIdOf(actor);
  assertWritesAgency(actor, orgId);
  let overrides = new Map<string, string>();
  if (input.itemId) {
    const item = await repo.findItem(ctx.db, input.itemId);
    if (!item || item.org_id !== orgId) throw notFound('item', '信息不存在');
    overrides = await overridesOf(ctx.db, item.id);
  }
  const ids = [...new Set(input.attachmentIds ?? [])];
  if (ids.length > rules.MAX_ATTACHMENTS_PER_REVISION)
    throw invalidField(
      'attachmentIds',
      'too_many_attachments',
      `每条信息最多${rules.MAX_ATTACHMENTS_PER_REVISION}个附件`,
    );
  const atts = await repo.attachmentsByIds(ctx.db, ids);
  const byId = new Map(atts.map((a) => [a.id, a]));
  const ordered = ids.map((id) => {
    const a = byId.get(id);
    if (!a || a.org_id !== orgId || (input.itemId && a.item_id !== input.itemId))
      throw notFound('attachment', '附件不存在');
    return a;
  });
  const bodyText = input.bodyHtml ? htmlToPlainText(sanitizeItemBody(input.bodyHtml)) : '';
  const findings = scanRevisionContent(
    {
      title: input.title ?? '',
      summary: input.summary ?? null,
      bodyText,
      attachments: ordered.map((a) => ({ fileName: a.file_name, text: a.extracted_text })),
    },
    overrides,
  );
  return {
    findings,
    unresolved: unresolved(findings).length,
    unscannedAttachments: ordered.filter((a) => a.extracted_text === null).map((a) => a.file_name),
  };
}

/** Release-time scan: every finding must be gone or overridden by a reviewer. */
export async function assertReleasable(trx: Trx, rev: Revision): Promise<void> {
  const { findings } = await scanRevision(trx, rev);
  const open = unresolved(findings);
  if (open.length > 0)
    throw conflict(
      'scan_findings_unresolved',
      `发布前扫描发现${open.length}处未经审查员处理的疑似敏感信息，不能发布`,
      {
        findings: open.map((f) => ({
          kind: f.kind,
          masked: f.masked,
          source: f.source,
          fingerprint: f.fingerprint,
        })),
      },
    );
}
