/**
 * The stored form of a card snapshot (`scorecard_cards.snapshot_json`). Every record links to where it
 * is handled, and within one item the links are nearly always one prefix plus the record's id
 * (`/admin/requests/<id>`) or one page for all (`/admin/catalog/columns`). The stored item keeps that
 * link once instead of once per record: the 499 cards of a quarter at 1M items (up to 500 records per
 * indicator) shrink from 4.32 to 3.55 million characters (18 %). The compute time did not move measurably
 * (docs/performance.md); what shrinks is what every period's cards keep in the database. Items whose
 * links follow neither shape keep them per record, and snapshots stored before this form (links on every
 * record) read as they are.
 */
import type { CardItem, CardSnapshot } from './scorecards.card.js';
import type { TraceRecord } from './scorecards.sources.js';

type StoredRecord = Omit<TraceRecord, 'href'> & { href?: string | null };

type StoredItem = Omit<CardItem, 'records'> & {
  records: StoredRecord[];
  /** every record's link is this prefix followed by the record's id */
  hrefPrefix?: string;
  /** every record has this link (null: none) */
  hrefAll?: string | null;
};

interface StoredSnapshot {
  asOf: string;
  items: StoredItem[];
}

/** The one link shape shared by all records of an item, if there is one. */
function linkShape(records: readonly TraceRecord[]): { prefix: string } | { all: string | null } | null {
  const first = records[0];
  if (!first) return null;
  const all = first.href;
  if (records.every((r) => r.href === all)) return { all };
  if (all === null || !all.endsWith(first.id)) return null;
  const prefix = all.slice(0, all.length - first.id.length);
  return records.every((r) => r.href === prefix + r.id) ? { prefix } : null;
}

const withoutLink = (r: TraceRecord): StoredRecord => ({ id: r.id, label: r.label, note: r.note });

/** The JSON stored for a snapshot. */
export function encodeSnapshot(snapshot: CardSnapshot): string {
  const stored: StoredSnapshot = {
    asOf: snapshot.asOf,
    items: snapshot.items.map((item): StoredItem => {
      const shape = linkShape(item.records);
      if (!shape) return item;
      const records = item.records.map(withoutLink);
      return 'prefix' in shape
        ? { ...item, records, hrefPrefix: shape.prefix }
        : { ...item, records, hrefAll: shape.all };
    }),
  };
  return JSON.stringify(stored);
}

/** A stored snapshot with every record's link in place (either stored form). */
export function decodeSnapshot(json: string): CardSnapshot {
  const stored = JSON.parse(json) as StoredSnapshot;
  return {
    asOf: stored.asOf,
    items: stored.items.map((s): CardItem => {
      const { hrefPrefix, hrefAll, records, ...item } = s;
      const link = (r: StoredRecord): string | null =>
        hrefPrefix !== undefined ? hrefPrefix + r.id : hrefAll !== undefined ? hrefAll : (r.href ?? null);
      return {
        ...item,
        records: records.map((r) => ({ id: r.id, label: r.label, href: link(r), note: r.note })),
      };
    }),
  };
}
