/** Calls and shapes of the events-and-proposals API (types from the contract, contract/events.ts). */
import type { Static } from 'typebox';
import type * as C from '@contract/events';
import { api } from '../../api/client';

export type EventView = Static<typeof C.EventView>;
export type EventDetail = Static<typeof C.EventDetail>;
export type EventInput = Static<typeof C.EventInput>;
export type EventKind = EventView['kind'];
export type RegistrationView = Static<typeof C.RegistrationView>;
export type PressPlan = Static<typeof C.PressPlanView>;
export type ProposalView = Static<typeof C.ProposalView>;
export type ProposalDetail = Static<typeof C.ProposalDetail>;
export type ProposalInput = Static<typeof C.ProposalInput>;
export type ProposalBoard = Static<typeof C.ProposalBoard>;
export type ProposalSettings = Static<typeof C.ProposalSettingsView>;
export type TemplateInfo = Static<typeof C.TemplateInfo>;
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const EVENT_KIND_OPTIONS: { value: EventKind; label: string }[] = [
  { value: 'press_conference', label: '新闻发布会' },
  { value: 'policy_briefing', label: '政策吹风会' },
  { value: 'hearing', label: '听证会' },
  { value: 'expert_review', label: '论证会/座谈会' },
  { value: 'forum', label: '政务论坛' },
  { value: 'open_day', label: '政府开放日' },
  { value: 'campaign', label: '宣传活动' },
];

export const eventsApi = {
  list: (q: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<Page<EventView>>('/api/events', q, signal),
  get: (id: string, signal?: AbortSignal) => api.get<EventDetail>(`/api/events/${id}`, undefined, signal),
  create: (body: EventInput) => api.post<EventView>('/api/events', body),
  update: (id: string, body: EventInput) => api.request<EventView>('PUT', `/api/events/${id}`, { body }),
  transition: (
    id: string,
    body: {
      action: 'announce' | 'hold' | 'publish' | 'cancel';
      announcement?: string;
      registrationDeadline?: string;
      registrationQuota?: number | null;
      reason?: string;
    },
  ) => api.post<EventView>(`/api/events/${id}/transition`, body),
  record: (
    id: string,
    body: {
      recordText: string;
      videoUrl?: string | null;
      attendance?: number | null;
      outcome?: string | null;
      opinionsHandling?: string | null;
    },
  ) => api.request<EventView>('PUT', `/api/events/${id}/record`, { body }),
  file: (id: string, body: { filedWith: string; filedOn: string; filingNumber?: string | null }) =>
    api.request<EventView>('PUT', `/api/events/${id}/filing`, { body }),
  decide: (registrationId: string, status: 'selected' | 'not_selected') =>
    api.request<RegistrationView>('PUT', `/api/event-registrations/${registrationId}`, { body: { status } }),
  plan: (year: number, signal?: AbortSignal) =>
    api.get<PressPlan>(`/api/event-press-plans/${year}`, undefined, signal),
  setPlan: (
    year: number,
    body: { plannedCount: number; note?: string | null; filedWith?: string | null; filedOn?: string | null },
  ) => api.request<PressPlan>('PUT', `/api/event-press-plans/${year}`, { body }),
};

export const proposalsApi = {
  list: (q: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<Page<ProposalView>>('/api/proposals', q, signal),
  board: (signal?: AbortSignal) => api.get<ProposalBoard>('/api/proposal-board', undefined, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<ProposalDetail>(`/api/proposals/${id}`, undefined, signal),
  create: (body: ProposalInput) => api.post<ProposalView>('/api/proposals', body),
  update: (id: string, body: ProposalInput) =>
    api.request<ProposalView>('PUT', `/api/proposals/${id}`, { body }),
  contact: (
    id: string,
    body: { method: 'meeting' | 'phone' | 'letter' | 'visit'; contactedOn: string; note?: string | null },
  ) => api.post<ProposalDetail>(`/api/proposals/${id}/contacts`, body),
  requestCo: (id: string, unit: string) =>
    api.post<ProposalDetail>(`/api/proposals/${id}/co-opinions`, { unit }),
  recordCo: (opinionId: string, body: { opinion: string; receivedOn: string }) =>
    api.request<ProposalDetail>('PUT', `/api/proposal-co-opinions/${opinionId}`, { body }),
  reply: (
    id: string,
    body: { replyText: string; replyClass: string; repliedOn: string; replyNumber?: string | null },
  ) => api.post<ProposalView>(`/api/proposals/${id}/reply`, body),
  feedback: (id: string, body: { feedback: string; feedbackOn: string; note?: string | null }) =>
    api.post<ProposalView>(`/api/proposals/${id}/feedback`, body),
  publication: (
    id: string,
    body: { action: 'publish' | 'withhold'; summary?: string | null; reason?: string | null },
  ) => api.post<ProposalView>(`/api/proposals/${id}/publication`, body),
  letterUrl: (id: string) => `/api/proposals/${id}/letter.docx`,
  settings: (signal?: AbortSignal) => api.get<ProposalSettings>('/api/proposal-settings', undefined, signal),
  saveSettings: (body: ProposalSettings) =>
    api.request<ProposalSettings>('PUT', '/api/proposal-settings', { body }),
  template: (signal?: AbortSignal) => api.get<TemplateInfo>('/api/proposal-template', undefined, signal),
  uploadTemplate: (fileName: string, contentBase64: string) =>
    api.request<TemplateInfo>('PUT', '/api/proposal-template', { body: { fileName, contentBase64 } }),
  resetTemplate: () => api.delete<{ ok: boolean }>('/api/proposal-template'),
  templateUrl: '/api/proposal-template/file.docx',
};
