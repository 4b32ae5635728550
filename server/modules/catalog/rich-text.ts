/**
 * Body HTML of a catalog item (published article): an allow-list sanitizer and an HTML → plain
 * text converter for search indexing, snippets and the 保密审查 scanner.
 *
 * The allow-list is what a government article needs (GB/T 9704-style headings, lists, tables with
 * merged cells, links and images we host). Styles and classes are dropped: the public site's own
 * stylesheet renders every article alike, and `style` is an XSS and tracking vector.
 */
import { createRequire } from 'node:module';
import type sanitizeHtml from 'sanitize-html';
import type { Node as HtmlNode, HTMLElement } from 'node-html-parser';
import { htmlParser } from '../../platform/lazy-packages.js';

const ALLOWED_TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'strong',
  'em',
  'u',
  'sub',
  'sup',
  'br',
  'hr',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
  'img',
];

// Content of these is dropped with the tag (not kept as text as for other disallowed tags).
const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'iframe',
  'object',
  'embed',
  'template',
  'title',
  'head',
  'svg',
  'math',
];

const SPAN_RE = /^[1-9]\d{0,2}$/;
// Image sources: files we serve under /files/, or a relative path. No scheme (so no data:, no
// http(s) hot-linking/tracking), no protocol-relative or backslash tricks, no '..' (also encoded).
const IMG_FILES_RE = /^\/files\/[^\s\\]+$/;
const IMG_RELATIVE_RE = /^(?![a-z][a-z0-9+.-]*:)(?![/\\])[^\s\\]+$/i;

/** True when an <img src> is one we accept. */
export function isAllowedImageSrc(src: string): boolean {
  if (/\.\.|%2e|[\u0000-\u001f]/i.test(src)) return false;
  return IMG_FILES_RE.test(src) || IMG_RELATIVE_RE.test(src);
}

/** Keeps colspan/rowspan only when they are small positive integers. */
function cleanCell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  for (const name of ['colspan', 'rowspan']) {
    const v = attribs[name]?.trim();
    if (v !== undefined && SPAN_RE.test(v)) out[name] = v;
  }
  if (tagName === 'th' && (attribs.scope === 'col' || attribs.scope === 'row')) out.scope = attribs.scope;
  return { tagName, attribs: out };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  transformTags: {
    // Word and editors emit b/i and h1; the page title is the h1, so article headings start at h2.
    b: 'strong',
    i: 'em',
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    td: cleanCell,
    th: cleanCell,
    a: (tagName, attribs) => {
      const out: sanitizeHtml.Attributes = { ...attribs };
      // '/\host' and '\\host' are read by browsers as protocol-relative links to another host.
      if (out.href !== undefined && /^\s*(?:[/\\]{2}|\/\\|\\)/.test(out.href)) delete out.href;
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const out: sanitizeHtml.Attributes = { ...attribs };
      if (out.src === undefined || !isAllowedImageSrc(out.src.trim())) delete out.src;
      return { tagName, attribs: out };
    },
  },
  // An image without an acceptable source is removed entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Sanitizes the body HTML of a catalog item to the article allow-list. */
export function sanitizeItemBody(html: string): string {
  return sanitizer()(html, OPTIONS);
}

// sanitize-html (~16 MB resident with its parser) loads with the first body sanitized, not at server start.
const require = createRequire(import.meta.url);
let loaded: typeof sanitizeHtml | undefined;
const sanitizer = (): typeof sanitizeHtml => (loaded ??= require('sanitize-html') as typeof sanitizeHtml);

const SKIP_TAGS = new Set([...NON_TEXT_TAGS, 'head']);
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'address',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'hr',
  'figure',
  'figcaption',
  'form',
  'body',
  'html',
]);

/**
 * Converts HTML to plain text: entities decoded, scripts/styles dropped, one line per block,
 * table cells separated by a space, whitespace collapsed. Iterative, so deep nesting cannot
 * overflow the stack.
 */
export function htmlToPlainText(html: string): string {
  const { parse, NodeType } = htmlParser();
  const root = parse(html, {
    comment: false,
    blockTextElements: { script: true, style: true, noscript: true, pre: true },
  });
  const out: string[] = [];
  // Stack of nodes to visit, or '\n' markers to emit after a block closes.
  const stack: Array<HtmlNode | '\n' | ' '> = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (item === '\n' || item === ' ') {
      out.push(item);
      continue;
    }
    if (item.nodeType === NodeType.TEXT_NODE) {
      out.push(item.text.replace(/[ \t\r\n\f]+/g, ' '));
      continue;
    }
    if (item.nodeType !== NodeType.ELEMENT_NODE) continue;
    const el = item as HTMLElement;
    const tag = (el.rawTagName ?? '').toLowerCase();
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === 'br') {
      out.push('\n');
      continue;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) out.push('\n');
    if (block) stack.push('\n');
    else if (tag === 'td' || tag === 'th') stack.push(' ');
    for (let i = el.childNodes.length - 1; i >= 0; i--) {
      const child = el.childNodes[i];
      if (child) stack.push(child);
    }
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \u00a0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
