/**
 * The visitor's query, parsed once and compiled to each engine's syntax. Pure: no I/O.
 *
 * - Words are ANDed: `应急 预案` and `应急预案` both need 应急 and 预案.
 * - "…" or “…” is a phrase: its tokens must be adjacent in the same order.
 * - A chunk that looks like a 文号 (示例应急〔2024〕12号) is matched as a phrase.
 * - One-character words (的, 市, 年) are dropped when the query has longer words; a query of only
 *   single characters keeps them (they match only where jieba left the character alone).
 */
import { indexTokens, normalizeText, queryUnits, twoCharParts } from './tokenize.js';

export type QueryNode =
  | { type: 'term'; token: string }
  | { type: 'phrase'; tokens: string[] }
  | { type: 'or'; items: QueryNode[] }
  | { type: 'and'; items: QueryNode[] };

export interface ParsedQuery {
  /** null when nothing searchable is left (empty, punctuation only). */
  node: QueryNode | null;
  /**
   * For each item of the top-level AND (or the single item), which typed word it came from: items
   * of one typed word (危险化学品 → 危险, 化学品) occur together, separate words independently. Used
   * only to estimate how many documents match (pg-plan.ts).
   */
  groups: number[];
  /** Strings to mark in titles and snippets (normalized), longest first. */
  highlights: string[];
}

export const MAX_QUERY_LENGTH = 100;
const QUOTED = /["“”「」『』]([^"“”「」『』]*)["“”「」『』]?/g;
const DOC_NUMBER = /[〔［[(（]\s*\d{4}\s*[〕］\])）]|\d+\s*号/;

function phraseOrTerm(tokens: string[]): QueryNode | null {
  if (tokens.length === 0) return null;
  if (tokens.length === 1) return { type: 'term', token: tokens[0]! };
  return { type: 'phrase', tokens };
}

/** A precise-mode word: itself, or (for words of 3+ characters) its 2-character parts side by side. */
function wordNode(word: string): QueryNode {
  const parts = twoCharParts(word);
  if (parts.length < 2) return { type: 'term', token: word };
  return {
    type: 'or',
    items: [
      { type: 'term', token: word },
      { type: 'phrase', tokens: parts },
    ],
  };
}

/** Parses a query string (trimmed to MAX_QUERY_LENGTH characters). */
export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const items: QueryNode[] = [];
  const groups: number[] = [];
  let group = 0;
  const highlights = new Set<string>();

  const rest = text.replace(QUOTED, (_m, inner: string) => {
    const node = phraseOrTerm(indexTokens(inner));
    if (node) {
      items.push(node);
      groups.push(group++);
      const h = normalizeText(inner).trim();
      if (h) highlights.add(h);
    }
    return ' ';
  });

  const units: string[][] = [];
  const unitGroups: number[] = [];
  for (const chunk of rest.split(/\s+/).filter(Boolean)) {
    if (DOC_NUMBER.test(chunk)) {
      const node = phraseOrTerm(indexTokens(chunk));
      if (node) {
        items.push(node);
        groups.push(group);
        highlights.add(normalizeText(chunk));
      }
      group++;
      continue;
    }
    for (const unit of queryUnits(chunk)) {
      units.push(unit);
      unitGroups.push(group);
    }
    group++;
  }
  const hasLong = units.some((u) => u.length > 1 || u[0]!.length > 1) || items.length > 0;
  const seen = new Set<string>();
  units.forEach((unit, u) => {
    const key = unit.join(' ');
    if ((hasLong && unit.length === 1 && unit[0]!.length === 1) || seen.has(key)) return;
    seen.add(key);
    groups.push(unitGroups[u]!);
    if (unit.length === 1) {
      items.push(wordNode(unit[0]!));
      highlights.add(unit[0]!);
    } else {
      items.push({ type: 'phrase', tokens: unit });
      // The bigrams 鑫达, 达化 of a run stand for the run itself (鑫达化).
      highlights.add(
        unit[0]! +
          unit
            .slice(1)
            .map((b) => b.slice(1))
            .join(''),
      );
    }
  });

  const node = items.length === 0 ? null : items.length === 1 ? items[0]! : { type: 'and' as const, items };
  return { node, groups, highlights: [...highlights].sort((a, b) => b.length - a.length) };
}

function quoteFts(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Compiles to an FTS5 MATCH expression (tokens are letters/digits only; quoting is belt and braces). */
export function toFts5(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return quoteFts(node.token);
    case 'phrase':
      return quoteFts(node.tokens.join(' '));
    case 'or':
      return `(${node.items.map(toFts5).join(' OR ')})`;
    case 'and':
      return node.items.map(toFts5).join(' AND ');
  }
}

function quoteLexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Compiles to PostgreSQL tsquery text (cast with ::tsquery, no parser: our tokens are the lexemes). */
export function toTsquery(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return quoteLexeme(node.token);
    case 'phrase':
      return `(${node.tokens.map(quoteLexeme).join(' <-> ')})`;
    case 'or':
      return `(${node.items.map(toTsquery).join(' | ')})`;
    case 'and':
      return node.items.map(toTsquery).join(' & ');
  }
}

/** PostgreSQL keeps positions 1..16383 and at most 255 positions per lexeme. */
const PG_MAX_POSITION = 16383;
const PG_MAX_POSITIONS_PER_LEXEME = 255;
/** Cap on tokens per document (the whole tsvector must stay under 1 MB). */
export const MAX_TOKENS_PER_DOCUMENT = 200_000;

/**
 * Builds tsvector text from token lists: title (weight A), then extra (B), then body (D), with a gap
 * between fields so a phrase never spans two fields. Positions past 16383 share the last position.
 */
export function toTsvectorLiteral(fields: { tokens: string[]; weight: 'A' | 'B' | 'C' | 'D' }[]): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  let total = 0;
  for (const field of fields) {
    for (const token of field.tokens) {
      if (++total > MAX_TOKENS_PER_DOCUMENT) break;
      pos = Math.min(pos + 1, PG_MAX_POSITION);
      let list = positions.get(token);
      if (!list) positions.set(token, (list = []));
      if (list.length < PG_MAX_POSITIONS_PER_LEXEME) {
        const entry = `${pos}${field.weight === 'D' ? '' : field.weight}`;
        if (list[list.length - 1] !== entry) list.push(entry);
      }
    }
    pos = Math.min(pos + 10, PG_MAX_POSITION);
  }
  return [...positions].map(([token, list]) => `${quoteLexeme(token)}:${list.join(',')}`).join(' ');
}
