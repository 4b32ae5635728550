import type { ReactNode } from 'react';
import { Alert, Flex, Input, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { Finding } from './api';
import { HighlightedSnippet } from './Highlight';
import { SEVERITY_LABELS } from './labels';
import { SimpleList } from './SimpleList';

/** Where a finding is, in words: 标题 / 内容概述 / 正文 / 附件“x.docx”. */
export function sourceLabel(source: string): string {
  if (source === 'title') return '标题';
  if (source === 'summary') return '内容概述';
  if (source === 'body') return '正文';
  if (source.startsWith('attachment:')) return `附件“${source.slice('attachment:'.length)}”`;
  return source;
}

export interface ScanFindingsProps {
  findings: Finding[] | null | undefined;
  scanning?: boolean;
  unscannedAttachments?: string[];
  /** Why each unscanned attachment could not be read (file name → reason), when known. */
  unscannedReasons?: Record<string, string>;
  /** Reviewer mode: each open finding gets an override-reason box. */
  overrides?: Record<string, string>;
  onOverrideChange?: (fingerprint: string, reason: string) => void;
  /** Shown before the first scan. */
  idleText?: string;
  /** Shown at the right of the heading (e.g. a rescan button). */
  extra?: ReactNode;
}

/**
 * The machine 保密审查: what the scanner found (ID numbers, phones, bank cards, secrecy marks …),
 * where, and the surrounding text with the offending part marked. Values arrive masked.
 */
export function ScanFindings({
  findings,
  scanning,
  unscannedAttachments = [],
  unscannedReasons,
  overrides,
  onOverrideChange,
  idleText = '保存后自动检查敏感信息',
  extra,
}: ScanFindingsProps) {
  const open = (findings ?? []).filter((f) => !f.overridden);
  return (
    <section aria-label="敏感信息检查" aria-live="polite" aria-busy={scanning || undefined}>
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>敏感信息检查</Typography.Text>
        {scanning ? <Spin size="small" /> : null}
        {findings && !scanning ? (
          open.length ? (
            <Tag color="red">发现 {open.length} 处待处理</Tag>
          ) : (
            <Tag color="green" icon={<CheckCircleOutlined />}>
              未发现待处理问题
            </Tag>
          )
        ) : null}
        {extra ? <span style={{ marginInlineStart: 'auto' }}>{extra}</span> : null}
      </Flex>
      {findings == null ? (
        <Typography.Text type="secondary">{scanning ? '正在检查…' : idleText}</Typography.Text>
      ) : findings.length === 0 ? (
        <Typography.Text type="secondary">
          未发现身份证号、手机号、银行卡号、密级标志等敏感信息。机器检查不能代替人工保密审查。
        </Typography.Text>
      ) : (
        <SimpleList
          bordered
          testId="scan-finding"
          items={findings}
          rowKey={(f) => `${f.fingerprint}:${f.source}:${f.context}`}
          render={(f) => {
            const sev = SEVERITY_LABELS[f.severity] ?? { label: f.severity, color: 'default' };
            return (
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={6} align="center" wrap>
                  <Tag color={sev.color}>{sev.label}</Tag>
                  <Typography.Text strong>{f.labelZh}</Typography.Text>
                  <Typography.Text type="secondary">位于{sourceLabel(f.source)}</Typography.Text>
                  {f.overridden ? <Tag color="green">已由审查员确认可公开</Tag> : null}
                </Flex>
                <div style={{ fontSize: 13, background: '#fafafa', padding: '2px 6px', borderRadius: 4 }}>
                  <HighlightedSnippet context={f.context} needle={f.masked} />
                </div>
                {f.overridden && f.overrideReason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    确认理由：{f.overrideReason}
                  </Typography.Text>
                ) : null}
                {!f.overridden && onOverrideChange ? (
                  <Input
                    size="small"
                    aria-label={`忽略理由：${f.labelZh} ${f.masked}`}
                    placeholder="如确属可公开内容，填写理由后忽略此项（如：单位公开的办公电话）"
                    value={overrides?.[f.fingerprint] ?? ''}
                    maxLength={500}
                    onChange={(e) => onOverrideChange(f.fingerprint, e.target.value)}
                  />
                ) : null}
              </Flex>
            );
          }}
        />
      )}
      {unscannedAttachments.length ? (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          title={`${unscannedAttachments.length} 个附件未能读取文字，未经机器扫描，须人工逐页检查`}
          description={
            <ul data-testid="unscanned-attachments" style={{ margin: 0, paddingInlineStart: 20 }}>
              {unscannedAttachments.map((name) => (
                <li key={name}>
                  {name}
                  {unscannedReasons?.[name] ? `：${unscannedReasons[name]}` : ''}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </section>
  );
}
