/** Fixtures for the catalog console tests (not shipped: only *.test.tsx import this). */
import type { ReactNode } from 'react';
import { AuthContext, allows, type AuthValue } from '../../app/auth';
import type { OrgView, Permission } from '../../api/types';
import { Providers } from '../../test/helpers';
import type { ColumnView, Finding, ItemView, RevisionView } from './api';

export function authFor(perms: readonly string[], agencyName = '示例市应急管理局'): AuthValue {
  const permissions = new Set(perms as Permission[]);
  return {
    status: 'authenticated',
    user: null,
    permissions,
    agency: { id: 'org1', name: agencyName } as OrgView,
    notice: null,
    loadError: null,
    login: async () => undefined,
    logout: async () => undefined,
    refresh: async () => undefined,
    can: (...anyOf) => allows(permissions, anyOf),
  };
}

export function WithAuth({ perms, children }: { perms: readonly string[]; children: ReactNode }) {
  return (
    <Providers>
      <AuthContext.Provider value={authFor(perms)}>{children}</AuthContext.Provider>
    </Providers>
  );
}

export function column(over: Partial<ColumnView> & Pick<ColumnView, 'id' | 'name'>): ColumnView {
  return {
    orgId: 'org1',
    parentId: null,
    code: over.id,
    depth: 1,
    sortOrder: 0,
    art20Items: [],
    updateClass: 'periodic',
    secondApproval: false,
    channels: ['portal'],
    description: null,
    retired: false,
    retiredAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

export const COLUMNS: ColumnView[] = [
  column({ id: 'c1', name: '法定主动公开内容', sortOrder: 1 }),
  column({ id: 'c11', name: '政策文件', parentId: 'c1', depth: 2, sortOrder: 1, art20Items: [1] }),
  column({ id: 'c111', name: '规范性文件', parentId: 'c11', depth: 3, sortOrder: 1, art20Items: [1] }),
  column({ id: 'c12', name: '通知公告', parentId: 'c1', depth: 2, sortOrder: 2, updateClass: 'periodic' }),
  column({ id: 'c2', name: '政府信息公开指南', sortOrder: 2, updateClass: 'static' }),
];

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    kind: 'id_number',
    labelZh: '居民身份证号',
    severity: 'high',
    masked: '330102********1234',
    context: '联系人王某，身份证号330102********1234，电话',
    fingerprint: 'id_number:abc',
    source: 'body',
    overridden: false,
    overrideReason: null,
    ...over,
  };
}

export function revision(over: Partial<RevisionView> = {}): RevisionView {
  return {
    id: 'r1',
    itemId: 'i1',
    revisionNo: 1,
    state: 'draft',
    columnId: 'c12',
    title: '关于开展安全生产大检查的通知',
    summary: '部署全市安全生产大检查',
    bodyHtml: '<p>各区应急管理局：</p>',
    bodyText: '各区应急管理局：',
    publisher: '示例市应急管理局',
    generatedOn: '2026-03-02',
    docNumber: '示应急〔2026〕3号',
    docKind: 'other',
    topic: '综合政务\\应急管理',
    disclosureMode: '主动公开',
    art20Item: 13,
    keywords: null,
    publishAt: null,
    changeNote: null,
    returnedOpinion: null,
    scanFindings: null,
    scannedAt: null,
    draftedBy: 'u1',
    draftedByName: '李信息',
    stateSince: '2026-03-02T02:00:00Z',
    createdAt: '2026-03-02T02:00:00Z',
    updatedAt: '2026-03-02T02:00:00Z',
    ...over,
  };
}

export function item(over: Partial<ItemView> = {}, rev: Partial<RevisionView> = {}): ItemView {
  const working = revision(rev);
  return {
    id: 'i1',
    orgId: 'org1',
    columnId: working.columnId,
    columnName: '通知公告',
    status: 'unpublished',
    indexNumber: null,
    title: working.title,
    docNumber: working.docNumber,
    publisher: working.publisher,
    generatedOn: working.generatedOn,
    publishedOn: null,
    publishedAt: null,
    validity: 'valid',
    docKind: 'other',
    workingRevision: {
      id: working.id,
      revisionNo: working.revisionNo,
      state: working.state,
      stateSince: working.stateSince,
      title: working.title,
      draftedByName: working.draftedByName,
    },
    summary: working.summary,
    bodyHtml: working.bodyHtml,
    topic: working.topic,
    disclosureMode: working.disclosureMode,
    art20Item: working.art20Item,
    keywords: null,
    validityDate: null,
    replacedByItemId: null,
    scheduledAt: null,
    withdrawnAt: null,
    withdrawnReason: null,
    contentUpdatedAt: null,
    createdAt: working.createdAt,
    updatedAt: working.updatedAt,
    working,
    published: null,
    attachments: [],
    publishedAttachments: [],
    links: [],
    reviews: [],
    approvals: [],
    overrides: [],
    deliveries: [],
    timeliness: null,
    allowedActions: ['edit', 'submit', 'discard'],
    ...over,
  };
}
