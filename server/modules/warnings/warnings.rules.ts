import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WarningKind, WarningLevel, WarningMsgType, WarningsTable } from './warnings.tables.js';

/** Pure rules of risk warnings: what may be issued, CAP 1.2 mapping, signed acknowledgement links. */

export const KIND_LABELS: Record<WarningKind, string> = {
  meteorological: '气象',
  geological: '地质灾害',
  forest_fire: '森林火险',
  work_safety: '安全生产',
  other: '其他',
};
export const LEVEL_LABELS: Record<WarningLevel, string> = {
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};
export const LEVELS: readonly WarningLevel[] = ['blue', 'yellow', 'orange', 'red'];

/**
 * Meteorological signals and the colours each has (气象灾害预警信号, GB/T 27962 icons; 中国气象局令第16号).
 * A meteorological warning must use one of these events at one of its levels.
 */
export const MET_SIGNALS: Record<string, readonly WarningLevel[]> = {
  台风: ['blue', 'yellow', 'orange', 'red'],
  暴雨: ['blue', 'yellow', 'orange', 'red'],
  暴雪: ['blue', 'yellow', 'orange', 'red'],
  寒潮: ['blue', 'yellow', 'orange', 'red'],
  大风: ['blue', 'yellow', 'orange', 'red'],
  沙尘暴: ['yellow', 'orange', 'red'],
  高温: ['yellow', 'orange', 'red'],
  干旱: ['orange', 'red'],
  雷电: ['yellow', 'orange', 'red'],
  冰雹: ['orange', 'red'],
  霜冻: ['blue', 'yellow', 'orange'],
  大雾: ['yellow', 'orange', 'red'],
  霾: ['yellow', 'orange'],
  道路结冰: ['yellow', 'orange', 'red'],
};

export interface WarningInput {
  kind: WarningKind;
  event: string;
  level: WarningLevel;
  area: string;
  effectiveAt: string;
  expiresAt: string;
  source: string;
  content: string;
  actions: string;
  ackMinutes: number;
}

/** Problems of a warning as entered: field → Chinese message (empty when it may be saved). */
export function warningProblems(w: WarningInput): Record<string, string> {
  const p: Record<string, string> = {};
  if (!w.event.trim()) p.event = '请填写预警事件（如：暴雨、山体滑坡）';
  if (w.kind === 'meteorological') {
    const levels = MET_SIGNALS[w.event.trim()];
    if (!levels) p.event = `气象预警的事件应为预警信号之一：${Object.keys(MET_SIGNALS).join('、')}`;
    else if (!levels.includes(w.level))
      p.level = `${w.event}预警信号只有${levels.map((l) => LEVEL_LABELS[l]).join('、')}（GB/T 27962）`;
  }
  if (!w.area.trim()) p.area = '请填写影响区域';
  if (!w.source.trim()) p.source = '请填写信息来源（如：市气象台发布的预警信号）';
  if (!w.content.trim()) p.content = '请填写预警内容';
  if (!w.actions.trim()) p.actions = '请填写防御指引（建议采取的措施）';
  const eff = Date.parse(w.effectiveAt);
  const exp = Date.parse(w.expiresAt);
  if (Number.isNaN(eff)) p.effectiveAt = '生效时间格式不正确';
  if (Number.isNaN(exp)) p.expiresAt = '失效时间格式不正确';
  else if (!Number.isNaN(eff) && exp <= eff) p.expiresAt = '失效时间应晚于生效时间';
  if (!Number.isInteger(w.ackMinutes) || w.ackMinutes < 1 || w.ackMinutes > 1440)
    p.ackMinutes = '未签收催办时限应为1至1440分钟';
  return p;
}

/** The title people see: 示例市气象台发布暴雨红色预警. */
export function warningTitle(
  kind: WarningKind,
  event: string,
  level: WarningLevel,
  msgType: WarningMsgType,
): string {
  const base = `${event}${LEVEL_LABELS[level]}预警`;
  if (msgType === 'cancel') return `解除${base}`;
  if (msgType === 'update') return `${base}（更新）`;
  return kind === 'meteorological' || kind === 'other' ? base : `${KIND_LABELS[kind]}${base}`;
}

/** In force at `now`: published (not superseded, lifted or expired) and between effective and expiry. */
export function inForce(
  w: Pick<WarningsTable, 'status' | 'msg_type' | 'effective_at' | 'expires_at'>,
  now: string,
): boolean {
  return w.status === 'published' && w.msg_type !== 'cancel' && w.effective_at <= now && now < w.expires_at;
}

// ── acknowledgement links ──

/** HMAC of a recipient id: the 签收 link cannot be made for another recipient or forged. */
export function ackSignature(secret: string, recipientId: string): string {
  return createHmac('sha256', secret).update(`warning-ack:${recipientId}`).digest('base64url').slice(0, 32);
}
export function verifyAck(secret: string, recipientId: string, sig: string): boolean {
  const want = Buffer.from(ackSignature(secret, recipientId));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** An SMS reply that acknowledges (签收/收到/QS/1). */
export function isAckReply(text: string): boolean {
  return /^\s*(签收|收到|已收到|确认|qs|1)\s*[。.!！]?\s*$/i.test(text);
}

// ── CAP 1.2 ──

const CAP_CATEGORY: Record<WarningKind, string> = {
  meteorological: 'Met',
  geological: 'Geo',
  forest_fire: 'Fire',
  work_safety: 'Safety',
  other: 'Other',
};
const CAP_SEVERITY: Record<WarningLevel, string> = {
  red: 'Extreme',
  orange: 'Severe',
  yellow: 'Moderate',
  blue: 'Minor',
};
const CAP_URGENCY: Record<WarningLevel, string> = {
  red: 'Immediate',
  orange: 'Immediate',
  yellow: 'Expected',
  blue: 'Future',
};

/** CAP dateTime: China time with explicit offset, no fractions (2026-07-01T08:00:00+08:00). */
export function capTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

const x = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

export interface CapContext {
  sender: string;
  senderName: string;
  identifierOf(id: string): string;
  web: string;
}

/** One warning as a CAP 1.2 alert document. `ref` is the message it updates or lifts. */
export function capAlert(w: WarningsTable, c: CapContext, ref?: WarningsTable): string {
  const msgType = w.msg_type === 'alert' ? 'Alert' : w.msg_type === 'update' ? 'Update' : 'Cancel';
  const sent = capTime(w.published_at ?? w.updated_at);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    `  <identifier>${x(c.identifierOf(w.id))}</identifier>`,
    `  <sender>${x(c.sender)}</sender>`,
    `  <sent>${sent}</sent>`,
    '  <status>Actual</status>',
    `  <msgType>${msgType}</msgType>`,
    '  <scope>Public</scope>',
  ];
  if (ref)
    lines.push(
      `  <references>${x(c.sender)},${x(c.identifierOf(ref.id))},${capTime(ref.published_at ?? ref.updated_at)}</references>`,
    );
  lines.push(
    '  <info>',
    '    <language>zh-CN</language>',
    `    <category>${CAP_CATEGORY[w.kind]}</category>`,
    `    <event>${x(w.event)}</event>`,
    `    <responseType>${w.msg_type === 'cancel' ? 'AllClear' : 'Prepare'}</responseType>`,
    `    <urgency>${w.msg_type === 'cancel' ? 'Past' : CAP_URGENCY[w.level]}</urgency>`,
    `    <severity>${w.msg_type === 'cancel' ? 'Minor' : CAP_SEVERITY[w.level]}</severity>`,
    `    <certainty>${w.msg_type === 'cancel' ? 'Observed' : 'Likely'}</certainty>`,
    `    <eventCode><valueName>GB/T 27962 signal</valueName><value>${x(`${w.event}${LEVEL_LABELS[w.level]}`)}</value></eventCode>`,
    `    <effective>${capTime(w.effective_at)}</effective>`,
    `    <expires>${capTime(w.expires_at)}</expires>`,
    `    <senderName>${x(c.senderName)}</senderName>`,
    `    <headline>${x(w.title)}</headline>`,
    `    <description>${x(w.content)}</description>`,
    `    <instruction>${x(w.actions)}</instruction>`,
    `    <web>${x(c.web)}</web>`,
    `    <parameter><valueName>source</valueName><value>${x(w.source)}</value></parameter>`,
    '    <area>',
    `      <areaDesc>${x(w.area)}</areaDesc>`,
    '    </area>',
    '  </info>',
    '</alert>',
  );
  return lines.join('\n') + '\n';
}
