/**
 * HTML → text in the row shape understood by extract-text.ts: every table row becomes one line
 * "\t<cell>\t<cell>…" with blank cells kept (cells covered by rowspan/colspan are absent, as in the
 * HTML; a value cell spanning several columns is one value), and other block elements become lines.
 */
import type { HTMLElement, Node } from 'node-html-parser';
import { htmlParser } from '../../../platform/lazy-packages.js';

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'caption',
  'br',
  'hr',
  'body',
  'html',
]);
const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript']);

function cellText(el: HTMLElement): string {
  return el.textContent.replace(/&nbsp;/g, ' ').replace(/[\s\u3000\u00a0]+/g, '');
}

/** Converts an HTML document or fragment to TAB-per-cell text. */
export function htmlToCellText(html: string): string {
  const { parse, NodeType } = htmlParser();
  const root = parse(html, { blockTextElements: { script: false, style: false, pre: true } });
  const out: string[] = [];
  let line = '';
  const flush = (): void => {
    if (line.trim() !== '') out.push(line.trim());
    line = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      line += node.textContent.replace(/&nbsp;/g, ' ');
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? '';
    if (SKIP.has(tag)) return;
    if (tag === 'table') {
      flush();
      for (const tr of el.querySelectorAll('tr')) {
        // Nested tables are rare in reports; their rows are read in document order like any other.
        const cells: string[] = [];
        for (const cell of tr.childNodes) {
          const c = cell as HTMLElement;
          const t = c.tagName?.toLowerCase();
          if (t === 'td' || t === 'th') cells.push(cellText(c));
        }
        // A single-cell row stays a one-cell line (its text may wrap like Word copy-paste).
        out.push(cells.length === 1 ? `\t${cells[0]}` : `\t${cells.join('\t')}`);
        out.push('');
      }
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of el.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return out.join('\n');
}
