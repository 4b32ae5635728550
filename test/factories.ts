/**
 * Row factories for tests: a complete, valid row of the common tables with every column filled, so a test
 * states only what it is about (`buildCase({ stage: 'replied', received_on: '2026-03-02' })`) instead of
 * pasting a 20-column literal. Identifiers and unique codes differ per call. Rows are plain objects: insert
 * them with the owning module's repository (or `db.insertInto(...)` in a repository test).
 */
import type { OrgsTable } from '../server/modules/orgs/orgs.tables.js';
import type { UsersTable } from '../server/modules/users/users.tables.js';
import type { CatalogItemsTable } from '../server/modules/catalog/catalog.tables.js';
import type { RequestCasesTable, RequestEventsTable } from '../server/modules/requests/requests.tables.js';
import type { EnforcementDecisionsTable } from '../server/modules/enforcement/enforcement.tables.js';
import { newId } from '../server/platform/ids.js';

/** A fixed instant every factory stamps (tests that care about time pass their own). */
export const FACTORY_NOW = '2026-03-02T02:00:00.000Z';
let seq = 0;
/** A number unique within this test process (for codes, usernames, case numbers). */
export const nextSeq = (): number => ++seq;

export function buildOrg(overrides: Partial<OrgsTable> = {}): OrgsTable {
  const n = nextSeq();
  return {
    id: newId(),
    parent_id: null,
    kind: 'department',
    code: `org${n}`,
    name: `测试机关${n}`,
    short_name: null,
    credit_code: null,
    address: null,
    postcode: null,
    office_hours: null,
    phone: null,
    fax: null,
    email: null,
    portal_host: null,
    footer_sponsor: null,
    site_code: null,
    icp_number: null,
    police_record_number: null,
    is_default: 0,
    sort_order: 0,
    retired_at: null,
    created_at: FACTORY_NOW,
    updated_at: FACTORY_NOW,
    ...overrides,
  };
}

export function buildUser(overrides: Partial<UsersTable> & Pick<UsersTable, 'org_id'>): UsersTable {
  const n = nextSeq();
  return {
    id: newId(),
    division_id: null,
    username: `user${n}`,
    display_name: `测试用户${n}`,
    // Not a real hash: users built here do not log in (use the demo seed's users for HTTP tests).
    password_hash: '!',
    must_change_password: 0,
    disabled: 0,
    failed_attempts: 0,
    locked_until: null,
    last_login_at: null,
    password_changed_at: FACTORY_NOW,
    created_at: FACTORY_NOW,
    updated_at: FACTORY_NOW,
    ...overrides,
  };
}

export function buildCatalogItem(
  overrides: Partial<CatalogItemsTable> & Pick<CatalogItemsTable, 'org_id' | 'column_id'>,
): CatalogItemsTable {
  const n = nextSeq();
  return {
    id: newId(),
    status: 'unpublished',
    working_revision_id: null,
    published_revision_id: null,
    index_number: null,
    title: `测试信息${n}`,
    summary: null,
    body_html: '<p>正文</p>',
    body_text: '正文',
    publisher: '测试机关',
    generated_on: null,
    doc_number: null,
    doc_kind: 'other',
    topic: null,
    disclosure_mode: '主动公开',
    art20_item: null,
    keywords: null,
    validity: 'valid',
    validity_date: null,
    replaced_by_item_id: null,
    published_on: null,
    published_at: null,
    content_updated_at: null,
    scheduled_at: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    created_by: null,
    created_at: FACTORY_NOW,
    updated_at: FACTORY_NOW,
    ...overrides,
  };
}

/** A registered 依申请公开 case from a natural person, received on 2026-03-02. */
export function buildCase(
  overrides: Partial<RequestCasesTable> & Pick<RequestCasesTable, 'org_id'>,
): RequestCasesTable {
  const n = nextSeq();
  return {
    id: newId(),
    case_number: `YSQ-2026-${String(n).padStart(5, '0')}`,
    query_code_hash: '!',
    channel: 'in_person',
    applicant_type: 'natural',
    applicant_name: `申请人${n}`,
    contact_person: null,
    id_doc_type: 'resident_id',
    id_number_enc: '!',
    id_number_hmac: `hmac-${n}`,
    id_number_masked: '1101**********001X',
    phone: null,
    email: null,
    address: null,
    postcode: null,
    description: `申请公开测试信息${n}`,
    description_key: `申请公开测试信息${n}`,
    requested_form: 'electronic',
    delivery_method: 'online',
    intake_note: null,
    submitted_at: FACTORY_NOW,
    signed_for_on: null,
    confirmed_on: null,
    received_on: '2026-03-02',
    receipt_basis: null,
    division_id: null,
    handler_id: null,
    stage: 'registered',
    outcome_code: null,
    closed_on: null,
    fee_basis: null,
    item_count: 1,
    created_by: null,
    created_at: FACTORY_NOW,
    updated_at: FACTORY_NOW,
    notify_channel: null,
    source_module: null,
    source_id: null,
    source_number: null,
    clock_moved: 0,
    ...overrides,
  };
}

/**
 * A timeline event of a case as the requests module stores it (type, date and the payload's other fields);
 * `seq` must be given: it is gapless per case.
 */
export function buildRequestEvent(
  c: Pick<RequestCasesTable, 'id' | 'org_id'>,
  seq: number,
  event: { type: string; date: string; [field: string]: unknown },
  overrides: Partial<RequestEventsTable> = {},
): RequestEventsTable {
  const { type, date, ...payload } = event;
  return {
    id: newId(),
    org_id: c.org_id,
    case_id: c.id,
    seq,
    type,
    event_date: date,
    payload: JSON.stringify(payload),
    public: 1,
    actor_id: null,
    actor_name: '测试',
    created_at: FACTORY_NOW,
    ...overrides,
  };
}

/** A published 行政处罚 decision on a legal person. */
export function buildDecision(
  overrides: Partial<EnforcementDecisionsTable> & Pick<EnforcementDecisionsTable, 'org_id'>,
): EnforcementDecisionsTable {
  const n = nextSeq();
  return {
    id: newId(),
    kind: 'penalty',
    decision_number: `示应急罚〔2026〕${n}号`,
    decision_date: '2026-03-02',
    item_id: null,
    item_name: null,
    counterparty_type: 'legal_person',
    counterparty_name: `测试企业${n}有限公司`,
    credit_code: null,
    legal_representative: null,
    legal_basis: '《中华人民共和国安全生产法》',
    content: '责令改正并处罚款',
    fine_fen: 1_000_000,
    confiscation_fen: null,
    valid_from: null,
    valid_to: null,
    handling_division: null,
    legal_status: 'in_force',
    pub_state: 'published',
    publish_due: '2026-03-09',
    publish_due_estimated: 0,
    published_at: FACTORY_NOW,
    public_until: null,
    return_reason: null,
    submitted_by: null,
    content_hash: `hash-${n}`,
    import_job_id: null,
    import_row: null,
    version: 1,
    created_by: null,
    created_at: FACTORY_NOW,
    updated_at: FACTORY_NOW,
    ...overrides,
  };
}
