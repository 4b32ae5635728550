/**
 * The user manual (docs/manual/*.md) as React elements: the subset of Markdown the manual is written
 * in — headings (with ids for help links), paragraphs, lists, tables, block quotes, fenced code,
 * images, links, **bold** and `code`. No HTML is passed through: the text is always text.
 */
import type { ReactNode } from 'react';

/** The id of a heading: its text without inline markup, spaces as hyphens (what help links point at). */
export function headingSlug(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*`_]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** Every heading of a manual file: level, text and slug. */
export function headingsOf(markdown: string): { level: number; text: string; slug: string }[] {
  const out: { level: number; text: string; slug: string }[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = !fenced && /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.push({ level: m[1]!.length, text: m[2]!, slug: headingSlug(m[2]!) });
  }
  return out;
}

/** Every link and image target of a manual file (for the dead-link test). */
export function targetsOf(markdown: string): { image: boolean; target: string }[] {
  return [...markdown.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({
    image: m[1] === '!',
    target: m[2]!,
  }));
}

export interface RenderOptions {
  /** The URL of an image path relative to docs/manual (img/x.png). */
  imageUrl: (src: string) => string | undefined;
  /** The URL of a link: another manual page, an anchor, or an outside address. */
  linkUrl: (href: string) => string | undefined;
}

/** Inline markup: images, links, **bold**, `code`. */
function inline(text: string, o: RenderOptions, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|`([^`]+)`/g;
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const k = `${key}-${n++}`;
    if (m[2] !== undefined) {
      const src = o.imageUrl(m[2]);
      out.push(
        src ? (
          <img key={k} src={src} alt={m[1]} style={{ maxWidth: '100%', border: '1px solid #f0f0f0' }} />
        ) : (
          <em key={k}>［图：{m[1]}］</em>
        ),
      );
    } else if (m[4] !== undefined) {
      const href = o.linkUrl(m[4]);
      out.push(
        href ? (
          <a key={k} href={href}>
            {inline(m[3]!, o, k)}
          </a>
        ) : (
          <span key={k}>{inline(m[3]!, o, k)}</span>
        ),
      );
    } else if (m[5] !== undefined) out.push(<strong key={k}>{inline(m[5], o, k)}</strong>);
    else out.push(<code key={k}>{m[6]}</code>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const CELL = {
  border: '1px solid #d9d9d9',
  padding: '4px 8px',
  textAlign: 'left' as const,
  verticalAlign: 'top' as const,
};

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** Renders a manual file. */
export function renderMarkdown(markdown: string, o: RenderOptions): ReactNode[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: ReactNode[] = [];
  let i = 0;
  const isBlockStart = (l: string) =>
    /^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s|\|)/.test(l) || l.trim() === '' || /^(-{3,}|\*{3,})\s*$/.test(l);
  while (i < lines.length) {
    const line = lines[i]!;
    const key = `b${i}`;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const level = h[1]!.length;
      const Tag = `h${Math.min(level + 1, 6)}` as 'h2';
      out.push(
        <Tag key={key} id={headingSlug(h[2]!)} style={{ scrollMarginTop: 16 }}>
          {inline(h[2]!, o, key)}
        </Tag>,
      );
      i++;
      continue;
    }
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```/.test(lines[i]!)) body.push(lines[i++]!);
      i++;
      out.push(
        <pre key={key} style={{ background: '#fafafa', padding: 12, overflowX: 'auto' }}>
          <code>{body.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    if (/^(-{3,}|\*{3,})\s*$/.test(line)) {
      out.push(<hr key={key} />);
      i++;
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) body.push(lines[i++]!.replace(/^>\s?/, ''));
      out.push(
        <blockquote key={key} style={{ borderLeft: '3px solid #d9d9d9', margin: 0, paddingLeft: 12 }}>
          {renderMarkdown(body.join('\n'), o)}
        </blockquote>,
      );
      continue;
    }
    if (line.trim().startsWith('|') && /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(cells(lines[i++]!));
      out.push(
        <div key={key} style={{ overflowX: 'auto' }} tabIndex={0}>
          <table style={{ borderCollapse: 'collapse', margin: '8px 0' }}>
            <thead>
              <tr>
                {head.map((c, j) => (
                  <th key={j} style={CELL}>
                    {inline(c, o, `${key}h${j}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, ri) => (
                <tr key={ri}>
                  {r.map((c, j) => (
                    <td key={j} style={CELL}>
                      {inline(c, o, `${key}r${ri}c${j}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]!);
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const m = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(l);
        if (m && m[1]!.length < 2 && /\d/.test(m[2]!) !== ordered) break;
        if (m && m[1]!.length < 2) items.push(m[3]!);
        else if (m || (/^\s{2,}\S/.test(l) && items.length > 0))
          items[items.length - 1] += `\n${l.trim().replace(/^([-*+]|\d+[.)])\s+/, '· ')}`;
        else break;
        i++;
      }
      const List = ordered ? 'ol' : 'ul';
      out.push(
        <List key={key}>
          {items.map((t, j) => (
            <li key={j}>
              {t.split('\n').map((part, pi) => (
                <span key={pi}>
                  {pi > 0 ? <br /> : null}
                  {inline(part, o, `${key}i${j}p${pi}`)}
                </span>
              ))}
            </li>
          ))}
        </List>,
      );
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (para.length === 0 || !isBlockStart(lines[i]!))) para.push(lines[i++]!.trim());
    // Chinese lines join without a space; English words keep theirs.
    const text = para.reduce((a, b) => a + (/[\x21-\x7e]$/.test(a) && /^[\x21-\x7e]/.test(b) ? ' ' : '') + b);
    out.push(<p key={key}>{inline(text, o, key)}</p>);
  }
  return out;
}
