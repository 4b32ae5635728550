import { useEffect, useRef, type ClipboardEvent } from 'react';
import { Button, Flex, Tooltip } from 'antd';
import {
  BoldOutlined,
  ClearOutlined,
  ItalicOutlined,
  OrderedListOutlined,
  UnderlineOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';

/**
 * A deliberately small rich-text editor for the item body: a contentEditable area with the few
 * formats a government article uses (headings, bold, lists). It produces HTML; the server runs it
 * through its allow-list sanitizer (server/modules/catalog/rich-text.ts), so nothing here is a
 * security boundary. Pasted HTML (from Word/WPS) is trimmed to the same tags and loses every
 * attribute except table spans, so the clerk sees what will be published.
 */

/** Tags kept on paste; mirrors the server's allow-list minus links and images. */
const KEEP = new Set([
  'P',
  'H2',
  'H3',
  'H4',
  'STRONG',
  'EM',
  'U',
  'SUB',
  'SUP',
  'BR',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
]);
const RENAME: Record<string, string> = { B: 'STRONG', I: 'EM', H1: 'H2', H5: 'H4', H6: 'H4' };
const DROP = new Set(['SCRIPT', 'STYLE', 'META', 'LINK', 'TITLE', 'HEAD', 'XML', 'O:P', 'TEMPLATE']);

/** Reduces pasted HTML to the article tags (no attributes but table spans). */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out = document.createElement('div');
  const copy = (from: Node, to: Node) => {
    for (const child of Array.from(from.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(child.textContent ?? ''));
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const el = child as Element;
      const tag = RENAME[el.tagName] ?? el.tagName;
      if (DROP.has(tag)) continue;
      if (KEEP.has(tag)) {
        const clone = document.createElement(tag.toLowerCase());
        if (tag === 'TD' || tag === 'TH') {
          for (const a of ['colspan', 'rowspan']) {
            const v = el.getAttribute(a);
            if (v && /^[1-9]\d{0,2}$/.test(v)) clone.setAttribute(a, v);
          }
        }
        copy(el, clone);
        to.appendChild(clone);
      } else {
        // DIV/SPAN/FONT…: keep the content, drop the wrapper.
        copy(el, to);
      }
    }
  };
  copy(doc.body, out);
  return out.innerHTML;
}

/** Plain text → paragraphs (one per line), escaped. */
export function textToParagraphs(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');
}

function exec(command: string, value?: string) {
  // execCommand is deprecated but remains the only editing API every browser implements for
  // contentEditable; the formats here are the basic ones it handles consistently.
  document.execCommand(command, false, value);
}

export interface RichTextEditorProps {
  value?: string;
  onChange?: (html: string) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  minHeight?: number;
}

export function RichTextEditor({
  value = '',
  onChange,
  id,
  disabled,
  placeholder,
  minHeight = 240,
  ...aria
}: RichTextEditorProps) {
  const ref = useRef<HTMLDivElement>(null);

  // Only write the DOM when the value changed from outside (writing on every keystroke would
  // move the caret to the start).
  useEffect(() => {
    const el = ref.current;
    if (el && el.innerHTML !== value) el.innerHTML = value;
  }, [value]);

  const emit = () => {
    const el = ref.current;
    if (!el) return;
    const html = el.innerHTML;
    // An emptied editor leaves "<br>" or "<p><br></p>" behind; report it as empty.
    onChange?.(el.textContent?.trim() || el.querySelector('table') ? html : '');
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const html = e.clipboardData.getData('text/html');
    const text = e.clipboardData.getData('text/plain');
    e.preventDefault();
    exec('insertHTML', html ? cleanPastedHtml(html) : textToParagraphs(text));
    emit();
  };

  const tool = (title: string, icon: React.ReactNode, run: () => void) => (
    <Tooltip title={title} key={title}>
      <Button
        size="small"
        type="text"
        icon={icon}
        aria-label={title}
        disabled={disabled}
        onMouseDown={(e) => e.preventDefault() /* keep the selection in the editor */}
        onClick={() => {
          ref.current?.focus();
          run();
          emit();
        }}
      />
    </Tooltip>
  );
  const block = (label: string, tag: string) => (
    <Button
      key={tag}
      size="small"
      type="text"
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        ref.current?.focus();
        exec('formatBlock', tag);
        emit();
      }}
    >
      {label}
    </Button>
  );

  return (
    <div className="gk-rte" data-disabled={disabled ? 'true' : undefined}>
      <Flex gap={2} wrap className="gk-rte-toolbar" role="toolbar" aria-label="正文格式">
        {block('正文', 'p')}
        {block('一级标题', 'h2')}
        {block('二级标题', 'h3')}
        {tool('加粗', <BoldOutlined />, () => exec('bold'))}
        {tool('倾斜', <ItalicOutlined />, () => exec('italic'))}
        {tool('下划线', <UnderlineOutlined />, () => exec('underline'))}
        {tool('无序列表', <UnorderedListOutlined />, () => exec('insertUnorderedList'))}
        {tool('有序列表', <OrderedListOutlined />, () => exec('insertOrderedList'))}
        {tool('清除格式', <ClearOutlined />, () => exec('removeFormat'))}
      </Flex>
      <div
        ref={ref}
        id={id}
        className="gk-rte-area"
        role="textbox"
        aria-multiline="true"
        aria-label={aria['aria-label']}
        aria-disabled={disabled || undefined}
        contentEditable={!disabled}
        suppressContentEditableWarning
        data-placeholder={placeholder}
        onInput={emit}
        onBlur={emit}
        onPaste={onPaste}
        style={{ minHeight }}
      />
      <style>{RTE_CSS}</style>
    </div>
  );
}

const RTE_CSS = `
.gk-rte { border: 1px solid #d9d9d9; border-radius: 6px; background: #fff; }
.gk-rte:focus-within { border-color: #1677ff; box-shadow: 0 0 0 2px rgba(5,145,255,.1); }
.gk-rte[data-disabled] { background: #f5f5f5; }
.gk-rte-toolbar { border-bottom: 1px solid #f0f0f0; padding: 4px 6px; }
.gk-rte-area { padding: 8px 12px; outline: none; line-height: 1.8; overflow-y: auto; max-height: 560px; }
.gk-rte-area:empty::before { content: attr(data-placeholder); color: #999; }
.gk-rte-area h2 { font-size: 18px; margin: 12px 0 6px; }
.gk-rte-area h3 { font-size: 16px; margin: 10px 0 4px; }
.gk-rte-area p { margin: 0 0 8px; }
.gk-rte-area table { border-collapse: collapse; }
.gk-rte-area td, .gk-rte-area th { border: 1px solid #bbb; padding: 2px 6px; }
`;
