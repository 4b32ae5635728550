/** Calls of /api/notify (server/modules/notify/notify.routes.ts); shapes from contract/notify.ts. */
import type { Static } from 'typebox';
import { api } from '../../api/client';
import type * as C from '@contract/notify';

export type InboxItem = Static<typeof C.InboxItem>;
export type Prefs = Static<typeof C.Prefs>;
export type Template = Static<typeof C.Template>;
export type Message = Static<typeof C.Message>;
export type ChannelCounts = Static<typeof C.ChannelCounts>;
export type TemplateInput = Static<(typeof C.saveTemplate)['body']>;
type Inbox = Static<(typeof C.listInbox)['response'][200]>;
type Messages = Static<(typeof C.listMessages)['response'][200]>;
type Stats = Static<(typeof C.channelStats)['response'][200]>;

export const notifyApi = {
  inbox: (page: number, unreadOnly: boolean) =>
    api.get<Inbox>('/api/notify/inbox', {
      page,
      pageSize: 20,
      unreadOnly,
    }),
  unread: () => api.get<Static<(typeof C.countUnread)['response'][200]>>('/api/notify/inbox/unread'),
  markRead: (ids: string[] | 'all') =>
    api.post<Static<(typeof C.markRead)['response'][200]>>('/api/notify/inbox/read', { ids }),
  prefs: () => api.get<Prefs>('/api/notify/prefs'),
  savePrefs: (p: Prefs) => api.post<Prefs>('/api/notify/prefs', p),
  templates: () => api.get<Static<(typeof C.listTemplates)['response'][200]>>('/api/notify/templates'),
  saveTemplate: (key: string, channel: string, body: TemplateInput) =>
    api.post(`/api/notify/templates/${encodeURIComponent(key)}/${channel}`, body),
  resetTemplate: (key: string, channel: string) =>
    api.delete(`/api/notify/templates/${encodeURIComponent(key)}/${channel}`),
  messages: (q: { page: number; channel?: string; status?: string }) =>
    api.get<Messages>('/api/notify/messages', { ...q, pageSize: 20 }),
  retry: (id: string) => api.post(`/api/notify/messages/${id}/retry`),
  stats: (year: number) => api.get<Stats>('/api/notify/stats', { year }),
};

export const CHANNEL_LABELS: Record<string, string> = {
  email: '电子邮件',
  sms: '短信',
  wechat: '微信公众号',
  weibo: '微博',
};
