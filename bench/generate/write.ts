/**
 * Writes a generated dataset into the REAL tables of a migrated database (SQLite or PostgreSQL):
 * multi-row INSERTs of up to 1,000 rows (within the engine's bound-parameter limit) inside large
 * transactions. Items and decisions enter the search index with the search module's own tokens
 * (tokenize.ts indexTokens) in its own layout (sort_key rowid + FTS5 / tsvector), and the audit
 * log gets a valid hash chain (audit-chain.ts), so the server sees a database it could have built itself.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/database.js';
import type { DB } from '../../server/db/schema.js';
import { auditHash } from '../../server/modules/audit/audit-chain.js';
import { recountPublicCounts } from '../../server/modules/catalog/catalog.counts.js';
import { nameTokens } from '../../server/modules/enforcement/name-tokens.js';
import { indexTokens } from '../../server/modules/search/tokenize.js';
import { toTsvectorLiteral } from '../../server/modules/search/query.js';
import type { SearchDocument } from '../../server/modules/search/search.index.js';
import {
  buildCase,
  buildColumns,
  buildDecision,
  buildItem,
  buildOrgs,
  buildUsers,
  caseSecrets,
  caseYear,
  columnWeights,
  CASE_YEARS,
  type AuditSeed,
  type Row,
} from './rows.js';
import { GENERATED_AT, HISTORY_START, type DatasetSpec } from './spec.js';

type Db = Kysely<DB>;

// ------------------------------------------------------------------------------------------------
// Tokens: the module's indexTokens, memoized per sentence (bodies are built from a sentence pool).

const memo = new Map<string, string[]>();
const MEMO_LIMIT = 400_000;

/**
 * indexTokens of a text, computed sentence by sentence (split at 。，\n) and memoized. Identical to
 * indexTokens(text) except where a run of dictionary-unknown single characters ends one sentence and
 * another starts the next: indexTokens would pair them across the punctuation, this does not.
 */
export function tokensOf(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const piece of text.split(/[。，\n]/)) {
    if (!piece) continue;
    let t = memo.get(piece);
    if (!t) {
      t = indexTokens(piece);
      if (memo.size < MEMO_LIMIT) memo.set(piece, t);
    }
    for (const x of t) out.push(x);
  }
  return out;
}

const nameMemo = new Map<string, string[]>();
function nameTokensOf(name: string): string[] {
  let t = nameMemo.get(name);
  if (!t) nameMemo.set(name, (t = nameTokens(name)));
  return t;
}

// ------------------------------------------------------------------------------------------------
// Batched inserts

/** Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535. */
function chunkSize(dialect: Database['dialect'], columns: number): number {
  const limit = dialect === 'sqlite' ? 32_000 : 60_000;
  return Math.max(1, Math.min(1000, Math.floor(limit / columns)));
}

async function insertRows<T extends keyof DB>(
  db: Db,
  dialect: Database['dialect'],
  table: T,
  rows: readonly Row<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  const t = performance.now();
  const size = chunkSize(dialect, Object.keys(rows[0]!).length);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)

      .values(rows.slice(i, i + size))
      .execute();
  }
  insertSeconds[table] = (insertSeconds[table] ?? 0) + (performance.now() - t) / 1000;
}

/** Seconds spent inserting into each table (this process, all datasets): where generation time goes. */
export const insertSeconds: Record<string, number> = {};

interface IndexedDoc {
  sortKey: number;
  doc: SearchDocument;
}

const SEARCH_COLUMNS = [
  'sort_key',
  'doc_key',
  'kind',
  'source_id',
  'org_id',
  'title',
  'body',
  'extra',
  'url',
  'label',
  'column_id',
  'year',
  'publisher',
  'validity',
  'published_at',
  'visible_until',
  'indexed_at',
] as const;

function searchRow(d: IndexedDoc) {
  const doc = d.doc;
  return {
    sort_key: d.sortKey,
    doc_key: `${doc.kind}:${doc.sourceId}`,
    kind: doc.kind,
    source_id: doc.sourceId,
    org_id: doc.orgId,
    title: doc.title,
    body: doc.body,
    extra: doc.extra ?? '',
    url: doc.url,
    label: doc.label ?? null,
    column_id: doc.columnId ?? null,
    year: doc.year ?? null,
    publisher: doc.publisher ?? null,
    validity: doc.validity ?? null,
    published_at: doc.publishedAt,
    visible_until: doc.visibleUntil ?? null,
    indexed_at: GENERATED_AT,
  };
}

/** Search rows in the module's layout (see migrations/…_search.ts and search.engines.ts). */
async function insertSearch(db: Db, dialect: Database['dialect'], docs: IndexedDoc[]): Promise<void> {
  if (docs.length === 0) return;
  if (dialect === 'sqlite') {
    await insertRows(db, dialect, 'search_documents', docs.map(searchRow));
    const size = 500;
    const t = performance.now();
    for (let i = 0; i < docs.length; i += size) {
      const values = docs
        .slice(i, i + size)
        .map(
          (d) =>
            sql`(${d.sortKey}, ${tokensOf(d.doc.title).join(' ')}, ${tokensOf(d.doc.body).join(' ')}, ${tokensOf(d.doc.extra ?? '').join(' ')})`,
        );
      await sql`INSERT INTO search_fts(rowid, title, body, extra) VALUES ${sql.join(values)}`.execute(db);
    }
    insertSeconds.search_fts = (insertSeconds.search_fts ?? 0) + (performance.now() - t) / 1000;
    return;
  }
  const size = Math.floor(60_000 / (SEARCH_COLUMNS.length + 1));
  for (let i = 0; i < docs.length; i += size) {
    const values = docs.slice(i, i + size).map((d) => {
      const r = searchRow(d);
      const tsv = toTsvectorLiteral([
        { tokens: tokensOf(d.doc.title), weight: 'A' },
        { tokens: tokensOf(d.doc.extra ?? ''), weight: 'B' },
        { tokens: tokensOf(d.doc.body), weight: 'D' },
      ]);
      return sql`(${sql.join(SEARCH_COLUMNS.map((c) => r[c]))}, ${tsv}::tsvector)`;
    });
    await sql`INSERT INTO search_documents (${sql.raw(SEARCH_COLUMNS.join(', '))}, tsv) VALUES ${sql.join(values)}`.execute(
      db,
    );
  }
}

/** Appends audit rows to the hash chain (seq gapless from 1, as audit.service would). */
class AuditChain {
  seq = 0;
  last = '0'.repeat(64);
  rows(seeds: AuditSeed[]): Row<'audit_log'>[] {
    return seeds.map((s) => {
      const content = { seq: ++this.seq, ...s, ip: null, request_id: null };
      const hash = auditHash(this.last, content);
      const row = { ...content, prev_hash: this.last, hash };
      this.last = hash;
      return row;
    });
  }
}

/** Tables that receive millions of rows. */
const BULK_TABLES = [
  'catalog_items',
  'catalog_item_revisions',
  'catalog_attachments',
  'catalog_item_events',
  'search_documents',
  'audit_log',
  'enforcement_decisions',
  'enforcement_decision_history',
  'enforcement_name_tokens',
  'request_cases',
  'request_events',
  'request_outcomes',
];

/** Indexes created with CREATE INDEX (not primary keys or constraints), with their DDL. */
async function secondaryIndexes(
  database: Database,
  tables: string[],
): Promise<{ name: string; sql: string }[]> {
  if (database.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; sql: string }>`
      SELECT name, sql FROM sqlite_master
      WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${sql.join(tables)})`.execute(database.db);
    return rows;
  }
  const { rows } = await sql<{ name: string; sql: string }>`
    SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${sql.join(tables)})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(database.db);
  return rows;
}

// ------------------------------------------------------------------------------------------------

export interface GenerateOptions {
  /** argon2 hash of the bench password, computed once by the caller (hashing is slow and salted). */
  passwordHash: string;
  log?: (line: string) => void;
  /** rows per transaction */
  batch?: number;
}

export interface GenerateStats {
  seconds: number;
  phases: Record<string, number>;
  rows: Record<string, number>;
}

/** Generates the whole dataset into an empty, migrated database. */
export async function generateDataset(
  database: Database,
  spec: DatasetSpec,
  options: GenerateOptions,
): Promise<GenerateStats> {
  const { db, dialect } = database;
  const log = options.log ?? (() => {});
  const batch = options.batch ?? 5000;
  const started = performance.now();
  const phases: Record<string, number> = {};
  const rows: Record<string, number> = {};
  const count = (table: string, n: number) => (rows[table] = (rows[table] ?? 0) + n);
  const audit = new AuditChain();
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
    log(`  ${name}: ${phases[name].toFixed(1)} s`);
  };

  if (dialect === 'sqlite') {
    // Bulk loading: durability of the generation itself does not matter (a crash means regenerate).
    // No journal while loading (WAL would write every page twice); WAL is restored at the end.
    await sql`PRAGMA journal_mode = OFF`.execute(db);
    await sql`PRAGMA synchronous = OFF`.execute(db);
    await sql`PRAGMA cache_size = -262144`.execute(db);
  }
  // Secondary indexes are dropped while loading and rebuilt at the end (one sort instead of
  // millions of random b-tree inserts); primary keys and constraint indexes stay.
  const indexes = await secondaryIndexes(database, BULK_TABLES);
  for (const ix of indexes) await sql.raw(`DROP INDEX ${ix.name}`).execute(db);

  const orgs = buildOrgs(spec);
  const users = buildUsers(spec, orgs, options.passwordHash);
  const secrets = caseSecrets(spec);
  const staffOf = new Map<string, { id: string; name: string }>();
  for (const u of users.users)
    if (u.username.startsWith('office')) staffOf.set(u.org_id, { id: u.id, name: u.display_name });
  const columnsOf = new Map<string, ReturnType<typeof buildColumns>>();
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, dialect, 'orgs', orgs.orgRows);
    await insertRows(trx, dialect, 'users', users.users);
    await insertRows(trx, dialect, 'user_roles', users.roles);
    count('orgs', orgs.orgRows.length);
    count('users', users.users.length);
    for (const a of orgs.agencies) {
      const cols = buildColumns(spec, a);
      columnsOf.set(a.id, cols);
      await insertRows(trx, dialect, 'catalog_columns', cols.rows);
      count('catalog_columns', cols.rows.length);
      await trx
        .insertInto('portal_content_versions')
        .values({ org_id: a.id, version: 1, updated_at: GENERATED_AT })
        .execute();
    }
    await trx
      .insertInto('request_secrets')
      .values({ name: 'pii_key_v1', value: secrets.key.toString('base64'), created_at: HISTORY_START })
      .execute();
  });
  phase('orgs, users, columns');

  // Catalog items (and their search documents)
  for (const a of orgs.agencies) {
    const weights = columnWeights(columnsOf.get(a.id)!.columns);
    const staff = staffOf.get(a.id)!;
    for (let start = 0; start < a.items; start += batch) {
      const end = Math.min(a.items, start + batch);
      const items: Row<'catalog_items'>[] = [];
      const revisions: Row<'catalog_item_revisions'>[] = [];
      const attachments: Row<'catalog_attachments'>[] = [];
      const events: Row<'catalog_item_events'>[] = [];
      const docs: IndexedDoc[] = [];
      const seeds: AuditSeed[] = [];
      for (let i = start; i < end; i++) {
        const r = buildItem(spec, a, weights, staff, i);
        items.push(r.item);
        revisions.push(r.revision);
        if (r.attachment) attachments.push(r.attachment);
        events.push(r.event);
        if (r.search) docs.push({ sortKey: r.sortKey, doc: r.search });
        if (r.audit) seeds.push(r.audit);
      }
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, dialect, 'catalog_items', items);
        await insertRows(trx, dialect, 'catalog_item_revisions', revisions);
        await insertRows(trx, dialect, 'catalog_attachments', attachments);
        await insertRows(trx, dialect, 'catalog_item_events', events);
        await insertSearch(trx, dialect, docs);
        await insertRows(trx, dialect, 'audit_log', audit.rows(seeds));
      });
      count('catalog_items', items.length);
      count('catalog_attachments', attachments.length);
      count('search_documents', docs.length);
      if (a.index === 0 && (end % 100_000 === 0 || end === a.items)) log(`    items ${end}/${a.items}`);
    }
  }
  phase('catalog items + search index');

  // 双公示 decisions (and their search documents, name tokens)
  for (const a of orgs.agencies) {
    const staff = staffOf.get(a.id)!;
    for (let start = 0; start < a.decisions; start += batch) {
      const end = Math.min(a.decisions, start + batch);
      const decisions: Row<'enforcement_decisions'>[] = [];
      const history: Row<'enforcement_decision_history'>[] = [];
      const tokens: Row<'enforcement_name_tokens'>[] = [];
      const docs: IndexedDoc[] = [];
      for (let i = start; i < end; i++) {
        const r = buildDecision(spec, a, staff, i);
        decisions.push(r.decision);
        history.push(r.history);
        if (r.tokenName)
          for (const token of nameTokensOf(r.tokenName))
            tokens.push({ org_id: a.id, token, decision_id: r.decision.id });
        if (r.search) docs.push({ sortKey: r.sortKey, doc: r.search });
      }
      // One import job's worth of audit: decisions arrive by bulk import (one audit row per batch).
      const seeds: AuditSeed[] = [
        {
          id: `bench-dec-${a.index}-${start}`,
          at: decisions[decisions.length - 1]!.created_at,
          actor_id: staff.id,
          actor_name: staff.name,
          org_id: a.id,
          action: 'enforcement.import',
          target_type: 'enforcement_import',
          target_id: null,
          summary: JSON.stringify({ after: { rows: decisions.length } }),
        },
      ];
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, dialect, 'enforcement_decisions', decisions);
        await insertRows(trx, dialect, 'enforcement_decision_history', history);
        await insertRows(trx, dialect, 'enforcement_name_tokens', tokens);
        await insertSearch(trx, dialect, docs);
        await insertRows(trx, dialect, 'audit_log', audit.rows(seeds));
      });
      count('enforcement_decisions', decisions.length);
      count('enforcement_name_tokens', tokens.length);
      count('search_documents', docs.length);
      if (a.index === 0 && (end % 100_000 === 0 || end === a.decisions))
        log(`    decisions ${end}/${a.decisions}`);
    }
  }
  phase('decisions + name tokens + search index');

  // Requests
  for (const a of orgs.agencies) {
    const staff = staffOf.get(a.id)!;
    for (let start = 0; start < a.cases; start += batch) {
      const end = Math.min(a.cases, start + batch);
      const cases: Row<'request_cases'>[] = [];
      const events: Row<'request_events'>[] = [];
      const outcomes: Row<'request_outcomes'>[] = [];
      const fees: Row<'request_fees'>[] = [];
      const appeals: Row<'request_appeals'>[] = [];
      const seeds: AuditSeed[] = [];
      for (let i = start; i < end; i++) {
        const r = buildCase(spec, a, secrets, staff, i);
        cases.push(r.c);
        events.push(...r.events);
        if (r.outcome) outcomes.push(r.outcome);
        if (r.fee) fees.push(r.fee);
        if (r.appeal) appeals.push(r.appeal);
        seeds.push(...r.audit);
      }
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, dialect, 'request_cases', cases);
        await insertRows(trx, dialect, 'request_events', events);
        await insertRows(trx, dialect, 'request_outcomes', outcomes);
        await insertRows(trx, dialect, 'request_fees', fees);
        await insertRows(trx, dialect, 'request_appeals', appeals);
        await insertRows(trx, dialect, 'audit_log', audit.rows(seeds));
      });
      count('request_cases', cases.length);
      count('request_events', events.length);
    }
    // Case-number counters continue after the generated cases.
    const counters = new Map<number, number>();
    for (let i = 0; i < a.cases; i++) {
      const { year, seq } = caseYear(i, a.cases);
      counters.set(year, Math.max(counters.get(year) ?? 0, seq));
    }
    for (const [year] of CASE_YEARS) {
      if (!counters.has(year)) continue;
      await db
        .insertInto('request_counters')
        .values({ org_id: a.id, scope: 'case', year, last_value: counters.get(year)! })
        .execute();
    }
  }
  phase('request cases');

  for (const ix of indexes) await sql.raw(ix.sql).execute(db);
  phase('rebuild secondary indexes');

  // Items went in around the catalog service, so its portal list counters are built here, as
  // `gongkai catalog recount` would.
  await db.transaction().execute((trx) => recountPublicCounts(trx));
  phase('catalog list counters');

  await db
    .updateTable('audit_head')
    .set({ seq: audit.seq, last_hash: audit.last })
    .where('id', '=', 1)
    .execute();
  count('audit_log', audit.seq);
  if (dialect === 'sqlite') {
    await sql`PRAGMA journal_mode = WAL`.execute(db);
    await sql`PRAGMA synchronous = FULL`.execute(db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    await sql`ANALYZE`.execute(db);
  } else {
    await sql`ANALYZE`.execute(db);
  }
  phase('finish (checkpoint, analyze)');
  return { seconds: (performance.now() - started) / 1000, phases, rows };
}
