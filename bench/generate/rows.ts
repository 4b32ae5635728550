/**
 * Pure row builders of the generated dataset: the same (spec, agency, index) always gives the same
 * rows, for the REAL tables of the modules (types from server/db/schema.ts). No I/O here: write.ts
 * inserts what these return.
 */
import { createCipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DB } from '../../server/db/schema.js';
import { DEFAULT_COLUMNS } from '../../server/modules/catalog/catalog.demo.js';
import { itemDocument } from '../../server/modules/catalog/portal/search-sync.js';
import { searchDocument } from '../../server/modules/enforcement/enforcement.service.js';
import { sampleCreditCode } from '../../server/modules/enforcement/sample-credit-codes.js';
import { movesClock } from '../../server/modules/requests/clock-events.js';
import { OUTCOMES, type OutcomeCode } from '../../server/modules/requests/outcomes.js';
import { maskIdNumber, descriptionKey } from '../../server/modules/requests/requests.rules.js';
import type { SearchDocument } from '../../server/modules/search/search.index.js';
import type { DecisionKind, CounterpartyType } from '../../server/modules/enforcement/enforcement.tables.js';
import type { ApplicantTypeKey, RequestChannel } from '../../server/modules/requests/requests.tables.js';
import { Rng, hash32, rngFor, seededUuid7 } from './prng.js';
import {
  DOC_TYPES,
  ENTERPRISE_PREFIX,
  ENTERPRISE_TRADE,
  GIVEN,
  PENALTY_FACTS,
  PLACES,
  REQUEST_SUBJECTS,
  SURNAMES,
  TITLE_TEMPLATE_COUNT,
  TOPICS,
  sentencePool,
  titleFor,
} from './vocab.js';
import { GENERATED_AT, HISTORY_START, MAIN_AGENCY_CODE, type DatasetSpec } from './spec.js';

export type Row<T extends keyof DB> = Insertable<DB[T]>;

const DAY = 86_400_000;
const T0 = Date.parse(HISTORY_START);
const T1 = Date.parse(GENERATED_AT) - DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms + 8 * 3600_000).slice(0, 10); // China date
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

// ------------------------------------------------------------------------------------------------
// Organisations and users

export interface Agency {
  index: number;
  id: string;
  code: string;
  name: string;
  creditCode: string;
  /** per-agency sizes */
  items: number;
  cases: number;
  decisions: number;
}

export interface OrgSet {
  government: Row<'orgs'>;
  agencies: Agency[];
  orgRows: Row<'orgs'>[];
  divisions: Map<string, string[]>;
}

const DISTRICTS = [
  '东城区',
  '西城区',
  '南港区',
  '北山区',
  '临河县',
  '高新区',
  '经开区',
  '青山区',
  '白云区',
  '长安区',
  '新华区',
  '红旗区',
  '金水区',
  '湖滨区',
  '龙泉区',
  '海港区',
  '江北区',
  '城南区',
  '凤凰县',
  '桃源县',
  '清河县',
  '平安县',
  '永安县',
  '宁远县',
  '石城县',
];

export function buildOrgs(spec: DatasetSpec): OrgSet {
  const rng = rngFor(spec.seed, 'orgs', 0);
  const at = HISTORY_START;
  const govId = seededUuid7(T0, rng);
  const government: Row<'orgs'> = {
    id: govId,
    parent_id: null,
    kind: 'government',
    code: 'shili-zf',
    name: '示例市人民政府',
    short_name: '示例市政府',
    credit_code: sampleCreditCode(1, '91').replace(/^91/, '11'),
    is_default: 0,
    sort_order: 0,
    created_at: at,
    updated_at: at,
  };
  const orgRows: Row<'orgs'>[] = [government];
  const agencies: Agency[] = [];
  const divisions = new Map<string, string[]>();
  for (let a = 0; a < spec.agencies; a++) {
    const id = seededUuid7(T0 + a + 1, rng);
    const main = a === 0;
    const district = DISTRICTS[(a - 1) % DISTRICTS.length]!;
    const round = Math.floor((a - 1) / DISTRICTS.length);
    const name = main
      ? '示例市应急管理局'
      : `${round ? `示例市第${round + 1}片区` : '示例市'}${district}应急管理局`;
    const code = main ? MAIN_AGENCY_CODE : `yjj-${String(a).padStart(2, '0')}`;
    const creditCode = sampleCreditCode(100 + a, '91').replace(/^91/, '11');
    orgRows.push({
      id,
      parent_id: govId,
      kind: 'department',
      code,
      name,
      short_name: name.replace('应急管理局', '应急局'),
      credit_code: creditCode,
      address: `示例市人民路${a + 1}号`,
      postcode: '255000',
      office_hours: '工作日 9:00—12:00，13:30—17:00',
      phone: `0533-${String(2000000 + a).padStart(7, '0')}`,
      email: `gk${a}@example.gov.cn`,
      footer_sponsor: name,
      site_code: `3703000${String(a).padStart(3, '0')}`,
      icp_number: '示ICP备00000000号',
      is_default: main ? 1 : 0,
      sort_order: a,
      created_at: at,
      updated_at: at,
    });
    const divs: string[] = [];
    for (const [k, dn] of ['办公室', '危险化学品安全监督管理科', '应急指挥中心', '执法监察支队'].entries()) {
      const did = seededUuid7(T0 + 1000 + a * 10 + k, rng);
      divs.push(did);
      orgRows.push({
        id: did,
        parent_id: id,
        kind: 'division',
        code: `${code}-d${k}`,
        name: dn,
        is_default: 0,
        sort_order: k,
        created_at: at,
        updated_at: at,
      });
    }
    divisions.set(id, divs);
    agencies.push({
      index: a,
      id,
      code,
      name,
      creditCode,
      items: main ? spec.items : spec.smallAgency.items,
      cases: main ? spec.cases : spec.smallAgency.cases,
      decisions: main ? spec.decisions : spec.smallAgency.decisions,
    });
  }
  return { government, agencies, orgRows, divisions };
}

export interface UserSet {
  users: Row<'users'>[];
  roles: Row<'user_roles'>[];
}

/** The main agency's staff under the demo usernames (office, clerk …), `office-<code>` elsewhere. */
export function buildUsers(spec: DatasetSpec, orgs: OrgSet, passwordHash: string): UserSet {
  const rng = rngFor(spec.seed, 'users', 0);
  const users: Row<'users'>[] = [];
  const roles: Row<'user_roles'>[] = [];
  const add = (orgId: string, username: string, display: string, role: Row<'user_roles'>['role']) => {
    const id = seededUuid7(T0 + users.length, rng);
    users.push({
      id,
      org_id: orgId,
      division_id: null,
      username,
      display_name: display,
      password_hash: passwordHash,
      must_change_password: 0,
      disabled: 0,
      failed_attempts: 0,
      password_changed_at: GENERATED_AT,
      created_at: HISTORY_START,
      updated_at: GENERATED_AT,
    });
    roles.push({ user_id: id, role });
  };
  add(orgs.government.id, 'supervisor', '市政府办公室督查员', 'supervisor');
  for (const a of orgs.agencies) {
    const suffix = a.index === 0 ? '' : `-${a.code}`;
    const person = () => rng.pick(SURNAMES) + rng.pick(GIVEN);
    add(a.id, `office${suffix}`, `${person()}（办公室）`, 'office');
    add(a.id, `clerk${suffix}`, person(), 'clerk');
    add(a.id, `reviewer${suffix}`, person(), 'reviewer');
    add(a.id, `leader${suffix}`, person(), 'leader');
    if (a.index === 0) add(a.id, 'principal', person(), 'principal_leader');
  }
  return { users, roles };
}

// ------------------------------------------------------------------------------------------------
// Catalog columns

export interface ColumnInfo {
  id: string;
  code: string;
  name: string;
  leaf: boolean;
}

/** The demo's default column tree (catalog.demo.ts) for every agency. */
export function buildColumns(
  spec: DatasetSpec,
  agency: Agency,
): { rows: Row<'catalog_columns'>[]; columns: ColumnInfo[] } {
  const rng = rngFor(spec.seed, 'columns', agency.index);
  const rows: Row<'catalog_columns'>[] = [];
  const columns: ColumnInfo[] = [];
  type Spec = (typeof DEFAULT_COLUMNS)[number];
  const walk = (list: Spec[], parentId: string | null, depth: number) => {
    list.forEach((s, order) => {
      const id = seededUuid7(T0 + rows.length, rng);
      rows.push({
        id,
        org_id: agency.id,
        parent_id: parentId,
        code: s.code,
        name: s.name,
        depth,
        sort_order: order,
        art20_items: JSON.stringify(s.art20),
        update_class: s.updateClass,
        second_approval: s.second ? 1 : 0,
        channels: JSON.stringify(['portal', ...(s.channels ?? [])]),
        description: null,
        retired_at: null,
        created_at: HISTORY_START,
        updated_at: HISTORY_START,
      });
      columns.push({ id, code: s.code, name: s.name, leaf: !s.children?.length });
      if (s.children) walk(s.children, id, depth + 1);
    });
  };
  walk(DEFAULT_COLUMNS, null, 1);
  return { rows, columns };
}

/** How items spread over columns: news and notices dominate, as on real bureau sites. */
const COLUMN_WEIGHT: Record<string, number> = {
  gzdt: 30,
  tzgg: 14,
  xzcf: 8,
  xzxk: 6,
  zfjc: 6,
  qtwj: 6,
  aqcs: 6,
  zcjd: 4,
  gfxwj: 2,
  gz: 0.5,
  yjya: 3,
  yjxx: 3,
  sgdc: 1,
  gpdb: 1,
  ghjh: 1.5,
  bszn: 1,
  rsxx: 2,
  czyjs: 0.5,
  tjxx: 1.5,
  jyta: 1,
  gknb: 0.2,
  gkzd: 0.2,
  gkzn: 0.1,
  'jgzn-zn': 0.1,
  'jgzn-ld': 0.2,
  'jgzn-ns': 0.1,
};

export function columnWeights(columns: ColumnInfo[]): (readonly [ColumnInfo, number])[] {
  return columns.filter((c) => c.leaf).map((c) => [c, COLUMN_WEIGHT[c.code] ?? 1] as const);
}

// ------------------------------------------------------------------------------------------------
// Catalog items

export interface ItemRows {
  item: Row<'catalog_items'>;
  revision: Row<'catalog_item_revisions'>;
  attachment: Row<'catalog_attachments'> | null;
  event: Row<'catalog_item_events'>;
  /** Null unless the item is published (only public documents enter the search index). */
  search: SearchDocument | null;
  /** sort_key the search row takes (unique: distinct ms per agency, slot = agency index). */
  sortKey: number;
  audit: AuditSeed | null;
}

/** The fields of an audit row that the chain (seq, prev_hash, hash) is computed over later. */
export interface AuditSeed {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  org_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: string;
}

function sentences(rng: Rng, min: number, max: number): string[] {
  const pool = sentencePool();
  const n = rng.between(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pool[rng.int(pool.length)]!);
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The i-th item of an agency: published at a distinct millisecond, time-ordered by index. */
export function buildItem(
  spec: DatasetSpec,
  agency: Agency,
  weights: (readonly [ColumnInfo, number])[],
  actor: { id: string; name: string },
  i: number,
): ItemRows {
  const rng = rngFor(spec.seed, `item:${agency.index}`, i);
  const step = (T1 - T0) / Math.max(1, agency.items);
  const ms = Math.floor(T0 + (i + rng.next() * 0.9) * step);
  const publishedAt = iso(ms);
  const publishedOn = dateOf(ms);
  const year = Number(publishedOn.slice(0, 4));
  const column = rng.weighted(weights);
  const topic = rng.pick(TOPICS);
  const place = rng.pick(PLACES);
  const docType = rng.pick(DOC_TYPES);
  const title = titleFor(rng.int(TITLE_TEMPLATE_COUNT), topic, place, docType, year);
  const paras = sentences(rng, 3, 9);
  const bodyText = paras.join('。\n') + '。';
  const bodyHtml = paras.map((p) => `<p>${escapeHtml(p)}。</p>`).join('');
  const id = seededUuid7(ms, rng);
  const revisionId = seededUuid7(ms, rng);
  const status = rng.weighted([
    ['published', 97],
    ['withdrawn', 2],
    ['unpublished', 1],
  ] as const);
  const hasDocNumber = ['gz', 'gfxwj', 'qtwj', 'tzgg', 'yjya'].includes(column.code) && rng.chance(0.7);
  const docNumber = hasDocNumber ? `示应急〔${year}〕${(i % 400) + 1}号` : null;
  const validity = rng.weighted([
    ['valid', 92],
    ['invalid', 5],
    ['repealed', 3],
  ] as const);
  const published = status !== 'unpublished';
  const indexNumber = published
    ? `${agency.creditCode}/${column.code}-${year}-${String(i + 1).padStart(7, '0')}`
    : null;
  const summary = rng.chance(0.3) ? paras[0]!.slice(0, 120) : null;
  const docKind = column.code === 'gz' ? 'regulation' : column.code === 'gfxwj' ? 'normative' : 'other';
  const item: Row<'catalog_items'> = {
    id,
    org_id: agency.id,
    column_id: column.id,
    status,
    working_revision_id: published ? null : revisionId,
    published_revision_id: published ? revisionId : null,
    index_number: indexNumber,
    title,
    summary,
    body_html: bodyHtml,
    body_text: bodyText,
    publisher: agency.name,
    generated_on: dateOf(ms - rng.int(10) * DAY),
    doc_number: docNumber,
    doc_kind: docKind,
    topic,
    disclosure_mode: '主动公开',
    art20_item: null,
    keywords: `${topic} ${docType}`,
    validity,
    validity_date: validity === 'valid' ? null : dateOf(Math.min(T1, ms + 365 * DAY)),
    replaced_by_item_id: null,
    published_on: published ? publishedOn : null,
    published_at: published ? publishedAt : null,
    content_updated_at: published ? publishedAt : null,
    scheduled_at: null,
    withdrawn_at: status === 'withdrawn' ? iso(Math.min(T1, ms + 30 * DAY)) : null,
    withdrawn_reason: status === 'withdrawn' ? '内容已过时效' : null,
    created_by: actor.id,
    created_at: iso(ms - DAY),
    updated_at: publishedAt,
  };
  const revision: Row<'catalog_item_revisions'> = {
    id: revisionId,
    org_id: agency.id,
    item_id: id,
    revision_no: 1,
    state: published ? 'published' : 'draft',
    column_id: column.id,
    title,
    summary,
    body_html: bodyHtml,
    body_text: bodyText,
    publisher: agency.name,
    generated_on: item.generated_on ?? null,
    doc_number: docNumber,
    doc_kind: docKind,
    topic,
    disclosure_mode: '主动公开',
    art20_item: null,
    keywords: item.keywords ?? null,
    publish_at: null,
    change_note: null,
    returned_opinion: null,
    scan_findings: '[]',
    scanned_at: iso(ms - DAY),
    drafted_by: actor.id,
    drafted_by_name: actor.name,
    state_since: publishedAt,
    created_at: iso(ms - DAY),
    updated_at: publishedAt,
  };
  let attachment: Row<'catalog_attachments'> | null = null;
  let attachmentText = '';
  if (rng.chance(0.25)) {
    attachmentText = sentences(rng, 3, 8).join('。\n') + '。';
    attachment = {
      id: seededUuid7(ms, rng),
      org_id: agency.id,
      item_id: id,
      revision_id: revisionId,
      file_name: `${title.slice(0, 40)}.pdf`,
      mime_type: 'application/pdf',
      size_bytes: 20_000 + rng.int(2_000_000),
      sha256: sha(`${id}:att`),
      storage_key: `bench/${id}.pdf`,
      extracted_text: attachmentText,
      extract_format: 'pdf',
      extract_note: null,
      sort_order: 0,
      uploaded_by: actor.id,
      created_at: iso(ms - DAY),
    };
  }
  const event: Row<'catalog_item_events'> = {
    id: seededUuid7(ms, rng),
    org_id: agency.id,
    item_id: id,
    revision_id: revisionId,
    action: published ? 'publish' : 'create',
    from_state: published ? 'approving' : null,
    to_state: published ? 'published' : 'draft',
    actor_id: actor.id,
    actor_name: actor.name,
    comment: null,
    at: published ? publishedAt : iso(ms - DAY),
  };
  const search =
    status === 'published'
      ? itemDocument(
          {
            id,
            org_id: agency.id,
            column_id: column.id,
            title,
            summary,
            body_text: bodyText,
            publisher: agency.name,
            doc_number: docNumber,
            index_number: indexNumber,
            topic,
            keywords: item.keywords ?? null,
            validity,
            published_on: publishedOn,
            published_at: publishedAt,
          },
          column.name,
          attachmentText,
        )
      : null;
  const audit: AuditSeed | null = published
    ? {
        id: seededUuid7(ms, rng),
        at: publishedAt,
        actor_id: actor.id,
        actor_name: actor.name,
        org_id: agency.id,
        action: 'catalog.item.publish',
        target_type: 'catalog_item',
        target_id: id,
        summary: JSON.stringify({ after: { title, indexNumber } }),
      }
    : null;
  return { item, revision, attachment, event, search, sortKey: ms * 1024 + agency.index, audit };
}

// ------------------------------------------------------------------------------------------------
// 双公示 decisions

export interface DecisionRows {
  decision: Row<'enforcement_decisions'>;
  history: Row<'enforcement_decision_history'>;
  /** Name tokens are computed by the writer (memoized nameTokens of the counterparty). */
  tokenName: string | null;
  search: SearchDocument | null;
  sortKey: number;
}

const NUMERALS = ['九十七', '九十九', '一百零一', '一百零二', '九十四', '一百一十'];

export function buildDecision(
  spec: DatasetSpec,
  agency: Agency,
  actor: { id: string; name: string },
  i: number,
): DecisionRows {
  const rng = rngFor(spec.seed, `decision:${agency.index}`, i);
  const step = (T1 - 5 * DAY - T0) / Math.max(1, agency.decisions);
  const ms = Math.floor(T0 + (i + rng.next() * 0.9) * step);
  const decisionDate = dateOf(ms);
  const year = Number(decisionDate.slice(0, 4));
  const kind: DecisionKind = rng.weighted([
    ['penalty', 60],
    ['license', 30],
    ['coercion', 10],
  ] as const);
  const natural = kind === 'penalty' && rng.chance(0.1);
  const counterpartyType: CounterpartyType = natural
    ? 'natural_person'
    : rng.chance(0.1)
      ? 'individual_business'
      : 'legal_person';
  const ent = rng.int(4000);
  const entName = `${PLACES[ent % PLACES.length]}${ENTERPRISE_PREFIX[(ent >> 3) % ENTERPRISE_PREFIX.length]}${ENTERPRISE_TRADE[(ent >> 7) % ENTERPRISE_TRADE.length]}${counterpartyType === 'individual_business' ? '经营部' : '有限公司'}`;
  const name = natural ? rng.pick(SURNAMES) + rng.pick(GIVEN) : entName;
  const fact = rng.pick(PENALTY_FACTS);
  const article = rng.pick(NUMERALS);
  const fineYuan = kind === 'penalty' ? (1 + rng.int(50)) * 1000 : null;
  const content =
    kind === 'penalty'
      ? `经查，该单位${fact}，违反了《中华人民共和国安全生产法》的规定。依据《中华人民共和国安全生产法》第${article}条，决定给予罚款人民币${fineYuan}元的行政处罚。`
      : kind === 'license'
        ? `准予${rng.pick(['危险化学品经营许可', '烟花爆竹经营（零售）许可', '非煤矿矿山安全生产许可', '危险化学品安全使用许可'])}，许可范围：${rng.pick(['汽油、柴油', '烟花爆竹零售', '液氨', '氢气、氧气'])}。`
        : `因${fact}，存在重大事故隐患，依法对相关设施设备予以查封。`;
  const kindChar = kind === 'license' ? '许' : kind === 'penalty' ? '罚' : '强';
  const decisionNumber = `${agency.code === MAIN_AGENCY_CODE ? '示' : agency.code}应急${kindChar}〔${year}〕${i + 1}号`;
  const id = seededUuid7(ms, rng);
  const published = rng.chance(0.95);
  // Strictly increasing with i (ms stays inside its step), so sort keys never collide.
  const publishedMs = ms + 3 * DAY + rng.int(Math.max(1, Math.min(DAY, Math.floor(step * 0.09))));
  const publishedAt = iso(publishedMs);
  const publicYears = kind === 'penalty' ? 3 : kind === 'coercion' ? 1 : 0;
  const publicUntil = publicYears ? `${year + publicYears}${decisionDate.slice(4)}` : null;
  const creditCode = natural
    ? null
    : sampleCreditCode(10_000 + ent, counterpartyType === 'individual_business' ? '92' : '91');
  const decision: Row<'enforcement_decisions'> = {
    id,
    org_id: agency.id,
    kind,
    decision_number: decisionNumber,
    decision_date: decisionDate,
    item_id: null,
    item_name: kind === 'penalty' ? `对生产经营单位${fact}的处罚` : null,
    counterparty_type: counterpartyType,
    counterparty_name: name,
    credit_code: creditCode,
    legal_representative: natural ? null : rng.pick(SURNAMES) + rng.pick(GIVEN),
    legal_basis:
      kind === 'license' ? '《危险化学品安全管理条例》' : `《中华人民共和国安全生产法》第${article}条`,
    content,
    fine_fen: fineYuan === null ? null : fineYuan * 100,
    confiscation_fen: null,
    valid_from: kind === 'license' ? decisionDate : null,
    valid_to: kind === 'license' ? `${year + 3}${decisionDate.slice(4)}` : null,
    handling_division: '执法监察支队',
    legal_status: 'in_force',
    pub_state: published ? 'published' : rng.pick(['draft', 'review', 'approval'] as const),
    publish_due: dateOf(ms + 7 * DAY),
    publish_due_estimated: 0,
    published_at: published ? publishedAt : null,
    public_until: published ? publicUntil : null,
    return_reason: null,
    submitted_by: actor.id,
    content_hash: sha(`${decisionNumber}|${name}|${content}`),
    import_job_id: null,
    import_row: null,
    version: 1,
    created_by: actor.id,
    created_at: iso(ms + DAY),
    updated_at: published ? publishedAt : iso(ms + DAY),
  };
  const history: Row<'enforcement_decision_history'> = {
    id: seededUuid7(ms, rng),
    decision_id: id,
    org_id: agency.id,
    at: decision.updated_at,
    actor_name: actor.name,
    action: published ? 'publish' : 'create',
    from_state: published ? 'approval' : null,
    to_state: decision.pub_state,
    note: null,
    before_json: null,
  };
  // searchDocument reads the decision as the service stores it.
  const search = published ? searchDocument(decision as Parameters<typeof searchDocument>[0]) : null;
  return {
    decision,
    history,
    tokenName: published && !natural ? name : null,
    search,
    sortKey: Date.parse(publishedAt) * 1024 + 512 + agency.index,
  };
}

// ------------------------------------------------------------------------------------------------
// Requests (依申请公开)

/** The module's outcome list: every outcome occurs (the first closed cases take each once). */
export const OUTCOME_CODES: readonly OutcomeCode[] = OUTCOMES.map((o) => o.code);
const OUTCOME_WEIGHTS = new Map<OutcomeCode, number>([
  ['already_published', 20],
  ['provided', 30],
  ['partially_provided', 8],
  ['information_not_exist', 15],
  ['not_this_agency', 8],
  ['withheld_third_party', 3],
  ['withheld_process_information', 2],
  ['withdrawn', 3],
  ['supplement_not_provided', 2],
  ['petition_complaint', 2],
]);

/** Share of an agency's cases received in each year (the report year 2025 is the busiest). */
export const CASE_YEARS: readonly (readonly [number, number])[] = [
  [2023, 0.15],
  [2024, 0.25],
  [2025, 0.45],
  [2026, 0.15],
];

export interface CaseSecrets {
  key: Buffer;
  queryCodeHash: string;
}

/** The dataset's PII key and one query-code hash (scrypt once: all generated cases share the code BENCH234). */
export function caseSecrets(spec: DatasetSpec): CaseSecrets {
  const rng = rngFor(spec.seed, 'pii', 0);
  const key = rng.bytes(32);
  const salt = rng.bytes(16);
  const hash = scryptSync('BENCH234', salt, 32, { N: 4096 });
  return { key, queryCodeHash: `4096.${salt.toString('base64')}.${hash.toString('base64')}` };
}

/** Case year and its sequence number in that year, from the index (so case numbers are stable). */
export function caseYear(i: number, total: number): { year: number; seq: number } {
  let start = 0;
  for (const [year, share] of CASE_YEARS) {
    const count = Math.round(share * total);
    if (i < start + count || year === CASE_YEARS[CASE_YEARS.length - 1]![0])
      return { year, seq: i - start + 1 };
    start += count;
  }
  throw new Error('unreachable');
}

export interface CaseRows {
  c: Row<'request_cases'>;
  events: Row<'request_events'>[];
  outcome: Row<'request_outcomes'> | null;
  fee: Row<'request_fees'> | null;
  appeal: Row<'request_appeals'> | null;
  audit: AuditSeed[];
}

export function buildCase(
  spec: DatasetSpec,
  agency: Agency,
  secrets: CaseSecrets,
  staff: { id: string; name: string },
  i: number,
): CaseRows {
  const rng = rngFor(spec.seed, `case:${agency.index}`, i);
  const { year, seq } = caseYear(i, agency.cases);
  const yearStart = Date.UTC(year, 0, 2);
  const yearEnd = Math.min(Date.UTC(year, 11, 31), T1 - 5 * DAY);
  const receivedMs =
    yearStart + rng.int(Math.max(1, Math.floor((yearEnd - yearStart) / DAY))) * DAY + 2 * 3600_000;
  const receivedOn = dateOf(receivedMs);
  const channel: RequestChannel = rng.weighted([
    ['online', 50],
    ['in_person', 15],
    ['registered_mail', 10],
    ['email', 10],
    ['ordinary_mail', 5],
    ['fax', 5],
    ['oral', 5],
  ] as const);
  const applicantType: ApplicantTypeKey = rng.weighted([
    ['natural', 70],
    ['commercial', 15],
    ['research', 3],
    ['publicInterest', 2],
    ['legalService', 5],
    ['other', 5],
  ] as const);
  const person = rng.pick(SURNAMES) + rng.pick(GIVEN);
  const idNumber = `370302${1960 + rng.int(45)}${String(1 + rng.int(12)).padStart(2, '0')}${String(1 + rng.int(28)).padStart(2, '0')}${String(rng.int(10000)).padStart(4, '0')}`;
  const description = `申请公开${rng.pick(REQUEST_SUBJECTS)}`;
  const id = seededUuid7(receivedMs, rng);
  const ageDays = (T1 - receivedMs) / DAY;
  const discarded = rng.chance(0.01);
  // Recent cases are still open; nearly all older ones are closed.
  const closed = !discarded && (ageDays > 40 ? rng.chance(0.99) : ageDays > 10 ? rng.chance(0.5) : false);
  const outcomeCode: OutcomeCode | null = closed
    ? i < OUTCOME_CODES.length
      ? OUTCOME_CODES[i]!
      : rng.weighted(OUTCOME_CODES.map((c) => [c, OUTCOME_WEIGHTS.get(c) ?? 0.5] as const))
    : null;
  const closedMs = receivedMs + (3 + rng.int(Math.min(25, Math.max(1, ageDays - 3)))) * DAY;
  const closedOn = closed ? dateOf(Math.min(T1, closedMs)) : null;
  const stage = discarded
    ? 'discarded'
    : closed
      ? rng.chance(0.7)
        ? 'archived'
        : 'replied'
      : rng.pick(['registered', 'assigned', 'drafting', 'review'] as const);
  const iv = rng.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', secrets.key, iv);
  const data = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
  const sealed = `${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
  const at = iso(receivedMs);
  const c: Row<'request_cases'> = {
    id,
    org_id: agency.id,
    case_number: `${agency.code.toUpperCase()}-${year}-${String(seq).padStart(5, '0')}`,
    query_code_hash: secrets.queryCodeHash,
    channel,
    applicant_type: applicantType,
    applicant_name: applicantType === 'natural' ? person : `示例市${rng.pick(ENTERPRISE_PREFIX)}咨询有限公司`,
    contact_person: applicantType === 'natural' ? null : person,
    id_doc_type: applicantType === 'natural' ? 'resident_id' : 'credit_code',
    id_number_enc: sealed,
    id_number_hmac: createHmac('sha256', secrets.key).update(`id:${idNumber}`).digest('hex'),
    id_number_masked: maskIdNumber(idNumber),
    phone: `139${String(rng.int(1e8)).padStart(8, '0')}`,
    email: null,
    address: `示例市${rng.pick(PLACES)}幸福路${1 + rng.int(300)}号`,
    postcode: '255000',
    description,
    description_key: descriptionKey(description),
    requested_form: rng.pick(['paper', 'electronic', 'any'] as const),
    delivery_method: rng.pick(['post', 'email', 'pickup', 'online'] as const),
    intake_note: null,
    submitted_at: at,
    signed_for_on: channel === 'registered_mail' ? receivedOn : null,
    confirmed_on: ['online', 'email', 'fax', 'ordinary_mail'].includes(channel) ? receivedOn : null,
    received_on: discarded ? null : receivedOn,
    receipt_basis: discarded ? null : '第三十一条',
    division_id: null,
    handler_id: staff.id,
    stage,
    outcome_code: outcomeCode,
    closed_on: closedOn,
    fee_basis: null,
    item_count: 1,
    created_by: staff.id,
    created_at: at,
    updated_at: closed ? iso(Math.min(T1, closedMs)) : at,
    clock_moved: 0,
  };
  const events: Row<'request_events'>[] = [];
  const ev = (type: string, date: string, payload: object, pub = 1) =>
    events.push({
      id: seededUuid7(Date.parse(`${date}T02:00:00Z`), rng),
      org_id: agency.id,
      case_id: id,
      seq: events.length + 1,
      type,
      event_date: date,
      payload: JSON.stringify(payload),
      public: pub,
      actor_id: staff.id,
      actor_name: staff.name,
      created_at: `${date}T02:00:00.000Z`,
    });
  ev('submitted', receivedOn, { channel });
  if (discarded) ev('discarded', receivedOn, { reason: '非政府信息公开申请' }, 0);
  else {
    ev('received', receivedOn, { channel });
    ev('assigned', receivedOn, { divisionName: '办公室' }, 0);
  }
  let outcome: Row<'request_outcomes'> | null = null;
  let fee: Row<'request_fees'> | null = null;
  let appeal: Row<'request_appeals'> | null = null;
  const audit: AuditSeed[] = [
    {
      id: seededUuid7(receivedMs, rng),
      at,
      actor_id: staff.id,
      actor_name: staff.name,
      org_id: agency.id,
      action: 'request.register',
      target_type: 'request_case',
      target_id: id,
      summary: JSON.stringify({ after: { caseNumber: c.case_number } }),
    },
  ];
  if (closed && outcomeCode && closedOn) {
    const o = OUTCOMES.find((x) => x.code === outcomeCode)!;
    if (outcomeCode === 'supplement_not_provided') {
      ev('supplement_requested', receivedOn, { items: ['所需信息的名称'] });
      ev('supplement_expired', closedOn, {});
    }
    if (outcomeCode === 'withdrawn') ev('withdrawn', closedOn, {});
    ev('outcome_drafted', closedOn, { outcome: outcomeCode }, 0);
    ev('signed_off', closedOn, {}, 0);
    if (!['withdrawn', 'supplement_not_provided'].includes(outcomeCode)) ev('answered', closedOn, {});
    if (stage === 'archived') ev('archived', closedOn, {}, 0);
    const closedAt = `${closedOn}T02:00:00.000Z`;
    outcome = {
      id: seededUuid7(closedMs, rng),
      org_id: agency.id,
      case_id: id,
      outcome_code: outcomeCode,
      table3_row: o.row2021,
      legal_basis_ref: o.basisRef,
      legal_basis_text: o.basisTextZh,
      reason: o.labelZh,
      withheld_parts: o.needsWithheldPartsRecord
        ? JSON.stringify([{ part: '第三方个人信息', ground: 'withheld_third_party', reason: '涉及个人隐私' }])
        : '[]',
      referral_agency: outcomeCode === 'not_this_agency' ? '示例市市场监督管理局' : null,
      review_passed_by: o.releasesContent ? staff.id : null,
      review_passed_at: o.releasesContent ? closedAt : null,
      approved_by: staff.id,
      approved_at: closedAt,
      drafted_by: staff.id,
      created_at: closedAt,
      updated_at: closedAt,
    };
    audit.push({
      id: seededUuid7(closedMs, rng),
      at: closedAt,
      actor_id: staff.id,
      actor_name: staff.name,
      org_id: agency.id,
      action: 'request.sign_off',
      target_type: 'request_case',
      target_id: id,
      summary: JSON.stringify({ after: { outcome: outcomeCode } }),
    });
    if (outcomeCode === 'provided' && rng.chance(0.03)) {
      fee = {
        id: seededUuid7(closedMs, rng),
        org_id: agency.id,
        case_id: id,
        basis: 'per_page',
        quantity: 120,
        prior_items_this_month: 0,
        amount_fen: 2000,
        quote: JSON.stringify({ lines: [] }),
        notice_sent_on: closedOn,
        notice_received_on: closedOn,
        state: 'paid',
        paid_on: closedOn,
        paid_amount_fen: 2000,
        payment_ref: `BENCH-${i}`,
        abandoned_on: null,
        created_by: staff.id,
        created_at: closedAt,
        updated_at: closedAt,
      };
    }
    if (rng.chance(0.01)) {
      const filedMs = Math.min(T1, closedMs + 20 * DAY);
      appeal = {
        id: seededUuid7(filedMs, rng),
        org_id: agency.id,
        case_id: id,
        kind: rng.pick(['review', 'litigation_direct', 'litigation_after_review'] as const),
        filed_on: dateOf(filedMs),
        body_name: '示例市人民政府',
        reference: null,
        outcome: rng.pick(['upheld', 'corrected', 'other', 'pending'] as const),
        decided_on: dateOf(Math.min(T1, filedMs + 60 * DAY)),
        note: null,
        created_by: staff.id,
        created_at: iso(filedMs),
        updated_at: iso(filedMs),
      };
    }
  }
  // What insertEvents keeps on write (requests.repository.ts); this generator writes rows directly.
  c.clock_moved = events.some((e) => movesClock(e.type)) ? 1 : 0;
  return { c, events, outcome, fee, appeal, audit };
}

/** Checksum of a list of rows (determinism tests, run reports). */
export function checksum(rows: readonly unknown[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(JSON.stringify(r));
  return h.digest('hex').slice(0, 16);
}

export { hash32 };
