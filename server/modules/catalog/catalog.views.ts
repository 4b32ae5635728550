import type { Attachment, Column, Delivery, Item, ItemEvent, Revision } from './catalog.repository.js';
import type { SourcedFinding } from './catalog.scan.js';
import type { ChannelName } from './catalog.tables.js';

/** API shapes (see API.md). */
export function columnView(c: Column) {
  return {
    id: c.id,
    orgId: c.org_id,
    parentId: c.parent_id,
    code: c.code,
    name: c.name,
    depth: c.depth,
    sortOrder: c.sort_order,
    art20Items: JSON.parse(c.art20_items) as number[],
    updateClass: c.update_class,
    secondApproval: c.second_approval === 1,
    channels: JSON.parse(c.channels) as ChannelName[],
    description: c.description,
    retired: c.retired_at !== null,
    retiredAt: c.retired_at,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}
export type ColumnView = ReturnType<typeof columnView>;

export function revisionView(r: Revision) {
  return {
    id: r.id,
    itemId: r.item_id,
    revisionNo: r.revision_no,
    state: r.state,
    columnId: r.column_id,
    title: r.title,
    summary: r.summary,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    publisher: r.publisher,
    generatedOn: r.generated_on,
    docNumber: r.doc_number,
    docKind: r.doc_kind,
    topic: r.topic,
    disclosureMode: r.disclosure_mode,
    art20Item: r.art20_item,
    keywords: r.keywords,
    publishAt: r.publish_at,
    changeNote: r.change_note,
    returnedOpinion: r.returned_opinion,
    scanFindings: r.scan_findings === null ? null : (JSON.parse(r.scan_findings) as SourcedFinding[]),
    scannedAt: r.scanned_at,
    draftedBy: r.drafted_by,
    draftedByName: r.drafted_by_name,
    stateSince: r.state_since,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function itemSummaryView(i: Item, columnName: string, working: Revision | null) {
  return {
    id: i.id,
    orgId: i.org_id,
    columnId: i.column_id,
    columnName,
    status: i.status,
    indexNumber: i.index_number,
    title: i.title,
    docNumber: i.doc_number,
    publisher: i.publisher,
    generatedOn: i.generated_on,
    publishedOn: i.published_on,
    publishedAt: i.published_at,
    validity: i.validity,
    docKind: i.doc_kind,
    workingRevision: working
      ? {
          id: working.id,
          revisionNo: working.revision_no,
          state: working.state,
          stateSince: working.state_since,
          title: working.title,
          draftedByName: working.drafted_by_name,
        }
      : null,
  };
}
export type ItemSummaryView = ReturnType<typeof itemSummaryView>;

export function attachmentView(a: Attachment) {
  return {
    id: a.id,
    fileName: a.file_name,
    mimeType: a.mime_type,
    sizeBytes: a.size_bytes,
    sha256: a.sha256,
    extractFormat: a.extract_format,
    textExtracted: a.extracted_text !== null,
    extractNote: a.extract_note,
    createdAt: a.created_at,
    downloadUrl: `/api/catalog/items/${a.item_id}/attachments/${a.id}`,
  };
}

export function deliveryView(d: Delivery) {
  return {
    id: d.id,
    channel: d.channel,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.next_attempt_at,
    lastError: d.last_error,
    externalRef: d.external_ref,
    completedAt: d.completed_at,
    createdAt: d.created_at,
  };
}

export function eventView(e: ItemEvent) {
  return {
    id: e.id,
    revisionId: e.revision_id,
    action: e.action,
    fromState: e.from_state,
    toState: e.to_state,
    actorName: e.actor_name,
    comment: e.comment,
    at: e.at,
  };
}

/** Path of an item's public page under the agency's portal base (the portal pages serve it). */
export function publicItemPath(itemId: string): string {
  return `/items/${itemId}`;
}
