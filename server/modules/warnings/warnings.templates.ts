import type { NotifyTemplateDefault } from '../notify/index.js';

const P = {
  机关名称: '发布机关',
  标题: '预警标题（如：暴雨红色预警）',
  区域: '影响区域',
  内容: '预警内容',
  防御指引: '防御指引',
  生效时间: '生效时间（北京时间）',
  失效时间: '失效时间（北京时间）',
  签收链接: '签收链接（每个接收对象不同，不可伪造）',
  接收对象: '接收对象名称',
};

/** Default messages of the warnings module (the office may reword them in 消息模板). */
export const WARNING_TEMPLATES: NotifyTemplateDefault[] = [
  {
    key: 'warnings.alert',
    channel: 'sms',
    name: '预警信息（短信）',
    body: '【{{机关名称}}】{{标题}}：{{区域}}，{{内容}} 防御指引：{{防御指引}} 请回复“签收”或打开 {{签收链接}} 签收。',
    placeholders: P,
  },
  {
    key: 'warnings.alert',
    channel: 'email',
    name: '预警信息（邮件）',
    subject: '【{{机关名称}}】{{标题}}',
    body: '{{接收对象}}：\n\n{{机关名称}}发布{{标题}}。\n\n影响区域：{{区域}}\n生效时间：{{生效时间}}\n失效时间：{{失效时间}}\n\n{{内容}}\n\n防御指引：\n{{防御指引}}\n\n收到后请签收：{{签收链接}}',
    placeholders: P,
  },
  {
    key: 'warnings.escalation',
    channel: 'sms',
    name: '预警未签收催办（短信）',
    body: '【{{机关名称}}】催办：{{标题}}尚未签收，请立即回复“签收”或打开 {{签收链接}}。',
    placeholders: P,
  },
  {
    key: 'warnings.escalation',
    channel: 'email',
    name: '预警未签收催办（邮件）',
    subject: '【催办】{{标题}}尚未签收',
    body: '{{接收对象}}：\n\n{{机关名称}}发布的{{标题}}您尚未签收，请立即查看并签收：{{签收链接}}\n\n影响区域：{{区域}}\n防御指引：{{防御指引}}',
    placeholders: P,
  },
  {
    key: 'warnings.lifted',
    channel: 'sms',
    name: '预警解除（短信）',
    body: '【{{机关名称}}】{{标题}}。{{内容}}',
    placeholders: P,
  },
  {
    key: 'warnings.lifted',
    channel: 'email',
    name: '预警解除（邮件）',
    subject: '【{{机关名称}}】{{标题}}',
    body: '{{接收对象}}：\n\n{{机关名称}}{{标题}}。\n\n{{内容}}',
    placeholders: P,
  },
];
