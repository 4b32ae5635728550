/**
 * Highlighted snippets built from the stored plain text (the FTS5 table is contentless, and building
 * them in one place gives both engines the same output). Pure. Everything is HTML-escaped; only our
 * own <mark> tags are emitted.
 */
import { normalizeText } from './tokenize.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

interface Span {
  start: number;
  end: number;
}

/**
 * Normalizes text character by character and remembers where each normalized character came from,
 * so matches found in the normal form map back to the original text.
 */
function normalizedWithMap(text: string): { norm: string; origin: number[] | null } {
  // Fast path: NFKC + lower case almost always maps one UTF-16 unit to one (full-width ，→ , and
  // Ａ→a keep the length); then offsets are the same. Only length-changing text (㈠, ligatures) pays
  // for the character-by-character map.
  const whole = normalizeText(text);
  if (whole.length === text.length) return { norm: whole, origin: null };
  let norm = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = normalizeText(ch);
    norm += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
    i += ch.length;
  }
  origin.push(i);
  return { norm, origin };
}

/** Non-overlapping spans (in original offsets) of the highlight strings, longest first at each position. */
export function findMatches(text: string, highlights: readonly string[], limit = 200): Span[] {
  const terms = highlights.filter(Boolean);
  if (terms.length === 0 || !text) return [];
  const { norm, origin } = normalizedWithMap(text);
  const spans: Span[] = [];
  let at = 0;
  while (at < norm.length && spans.length < limit) {
    let best = -1;
    let bestLen = 0;
    for (const term of terms) {
      const found = norm.indexOf(term, at);
      if (found >= 0 && (best < 0 || found < best || (found === best && term.length > bestLen))) {
        best = found;
        bestLen = term.length;
      }
    }
    if (best < 0) break;
    spans.push(
      origin ? { start: origin[best]!, end: origin[best + bestLen]! } : { start: best, end: best + bestLen },
    );
    at = best + bestLen;
  }
  return spans;
}

/** Escapes `text` and wraps the spans in <mark>. */
function markSpans(text: string, spans: Span[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    out += escapeHtml(text.slice(at, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** A title with every match marked. */
export function highlightTitle(title: string, highlights: readonly string[]): string {
  return markSpans(title, findMatches(title, highlights));
}

/**
 * A window of about `length` characters around the part of `text` with the most matches (or the
 * start, when nothing matches), with ellipses where it was cut.
 */
export function makeSnippet(text: string, highlights: readonly string[], length = 120): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  const spans = findMatches(clean, highlights);
  if (clean.length <= length) return markSpans(clean, spans);
  let start = 0;
  if (spans.length > 0) {
    // Slide a window over the match starts and keep the one covering the most distinct matches.
    let bestCount = 0;
    let bestStart = spans[0]!.start;
    for (let i = 0; i < spans.length; i++) {
      let count = 0;
      for (let j = i; j < spans.length && spans[j]!.end <= spans[i]!.start + length; j++) count++;
      if (count > bestCount) {
        bestCount = count;
        bestStart = spans[i]!.start;
      }
    }
    start = Math.max(0, Math.min(bestStart - Math.floor(length / 4), clean.length - length));
  }
  // Do not cut a surrogate pair in half.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(clean[start]!)) start--;
  let end = Math.min(clean.length, start + length);
  if (end < clean.length && /[\uD800-\uDBFF]/.test(clean[end - 1]!)) end--;
  return (start > 0 ? '…' : '') + markSpans(clean, spans, start, end) + (end < clean.length ? '…' : '');
}
