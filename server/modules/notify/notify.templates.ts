import type { NotifyTemplateDefault } from './notify.rules.js';

/** The notify module's own messages (staff notices, subscription mails). */
export const NOTIFY_TEMPLATES: NotifyTemplateDefault[] = [
  {
    key: 'notify.staff',
    channel: 'email',
    name: '工作提醒（邮件）',
    subject: '【政务公开】{{标题}}',
    body: '{{姓名}}：\n\n{{标题}}\n\n{{内容}}\n\n{{链接}}\n\n（本邮件由政务公开平台自动发送，可在控制台“通知设置”中调整提醒方式。）',
    placeholders: { 姓名: '工作人员姓名', 标题: '提醒标题', 内容: '提醒内容', 链接: '控制台中的办理地址' },
  },
  {
    key: 'notify.staff',
    channel: 'sms',
    name: '工作提醒（短信）',
    body: '【政务公开】{{标题}}：{{内容}}',
    placeholders: { 姓名: '工作人员姓名', 标题: '提醒标题', 内容: '提醒内容', 链接: '控制台中的办理地址' },
  },
  {
    key: 'notify.subscription.confirm',
    channel: 'email',
    name: '订阅确认（邮件）',
    subject: '请确认订阅：{{订阅内容}}',
    body: '您好！\n\n有人（可能是您本人）在{{机关名称}}政府信息公开网站用本邮箱订阅了“{{订阅内容}}”。确认订阅请打开：\n{{确认链接}}\n\n如非本人操作，请忽略本邮件，我们不会再向您发送。',
    placeholders: { 机关名称: '机关名称', 订阅内容: '栏目名称或检索词', 确认链接: '确认订阅的链接' },
  },
  {
    key: 'notify.subscription.digest',
    channel: 'email',
    name: '订阅更新（邮件）',
    subject: '{{订阅内容}}有{{条数}}条新信息',
    body: '您订阅的“{{订阅内容}}”有新发布的政府信息：\n\n{{信息列表}}\n\n退订（一键，无需登录）：{{退订链接}}',
    placeholders: {
      订阅内容: '栏目名称或检索词',
      条数: '新信息条数',
      信息列表: '标题与链接，每行一条',
      退订链接: '一键退订链接',
    },
  },
];

export function templateId(key: string, channel: string): string {
  return `${key}:${channel}`;
}
