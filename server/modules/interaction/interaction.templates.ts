import type { NotifyTemplateDefault } from '../notify/index.js';

const placeholders = { 机关: '机关名称', 编号: '留言编号', 标题: '留言标题', 日期: '答复日期' };

/** Default messages to correspondents (the office may reword them in the template editor). */
export const INTERACTION_TEMPLATES: NotifyTemplateDefault[] = [
  {
    key: 'interaction.replied',
    channel: 'sms',
    name: '互动交流：答复通知（短信）',
    body: '【{{机关}}】您的留言（编号{{编号}}）已于{{日期}}答复，请凭编号和查询码在网站“互动交流—答复查询”查看并评价。',
    placeholders,
  },
  {
    key: 'interaction.replied',
    channel: 'email',
    name: '互动交流：答复通知（邮件）',
    subject: '您的留言“{{标题}}”已答复',
    body: '您好：\n\n您向{{机关}}提交的留言“{{标题}}”（编号{{编号}}）已于{{日期}}答复。请凭编号和查询码在{{机关}}网站“互动交流—答复查询”查看答复内容并评价。\n\n本邮件由系统发送，请勿直接回复。',
    placeholders,
  },
];
