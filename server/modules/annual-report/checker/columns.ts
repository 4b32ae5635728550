/**
 * Column positions in `pdftotext -layout` text. A PDF table row with blank cells prints only the
 * values it has ("规章      13            524"); the reader works out which columns they sit in from the
 * column anchors (header words, or values of complete rows), so that blank cells stay blank instead of
 * shifting the row's values to the left. pdftotext's character grid is approximate (a row can be
 * shifted by a few characters against its header), so each row is placed with the shift and the
 * in-order assignment that fit best; when two placements fit almost equally well the row is marked
 * unreadable ("⁇") rather than guessed.
 */
import { parseValue, splitGluedValue } from './extract-text.js';

interface Placed {
  start: number;
  end: number;
  text: string;
}

/** Position in pdftotext -layout text: it lays out one character (CJK included) per grid cell. */
export function displayWidth(s: string): number {
  return [...s].length;
}

/** A cell the reader saw but could not place: the whole row counts as not read. */
export const UNREAD_MARK = '⁇';

function placedTokens(line: string): Placed[] {
  const out: Placed[] = [];
  for (const m of line.matchAll(/\S+/g)) {
    let start = displayWidth(line.slice(0, m.index));
    // "制作3": a label glued to its first figure (OCR) is two tokens.
    for (const part of splitGluedValue(m[0])) {
      out.push({ start, end: start + displayWidth(part), text: part });
      start += displayWidth(part);
    }
  }
  return out;
}

function trailingValues(tokens: readonly Placed[]): Placed[] {
  let i = tokens.length;
  while (i > 0 && parseValue(tokens[i - 1]?.text ?? '') !== undefined) i--;
  return tokens.slice(i);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Start positions of the `width` value columns, from lines ending with at least `width` values. */
export function valueAnchors(lines: readonly string[], width: number): number[] | undefined {
  const starts: number[][] = Array.from({ length: width }, () => []);
  let complete = 0;
  for (const line of lines) {
    if (line.startsWith('\t')) continue;
    const vals = trailingValues(placedTokens(line));
    if (vals.length < width) continue;
    complete++;
    vals.slice(-width).forEach((t, c) => starts[c]?.push(t.start));
  }
  if (complete < 2) return undefined;
  return increasing(starts.map(median));
}

function increasing(anchors: number[]): number[] | undefined {
  for (let c = 1; c < anchors.length; c++) if ((anchors[c] ?? 0) <= (anchors[c - 1] ?? 0)) return undefined;
  return anchors;
}

/**
 * Start positions of header words, one per column, in order: `words` lists, per column, a pattern
 * for its header (e.g. /自然人/, /商业/, …), taken at its last occurrence in `lines` (the header rows
 * just above the table body). Undefined unless every word is found and the positions increase.
 */
export function headerAnchors(lines: readonly string[], words: readonly RegExp[]): number[] | undefined {
  const found: number[] = [];
  for (const w of words) {
    const hits: number[] = [];
    for (const line of lines) {
      if (line.startsWith('\t')) continue;
      for (const m of line.matchAll(new RegExp(w.source, 'g')))
        hits.push(displayWidth(line.slice(0, m.index)));
    }
    if (hits.length === 0) return undefined;
    found.push(hits[hits.length - 1] ?? 0); // the occurrence nearest to the table body
  }
  return increasing(found);
}

/**
 * Header anchors for repeated words (table 四: 结果维持 … 总计 three times): all occurrences of
 * `word` in the header lines, clustered by position; undefined unless exactly `width` clusters.
 */
export function repeatedHeaderAnchors(
  lines: readonly string[],
  word: RegExp,
  width: number,
): number[] | undefined {
  const starts: number[] = [];
  for (const line of lines) {
    if (line.startsWith('\t')) continue;
    for (const m of line.matchAll(new RegExp(word.source, 'g')))
      starts.push(displayWidth(line.slice(0, m.index)));
  }
  starts.sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const x of starts) {
    const last = clusters[clusters.length - 1];
    if (last && x - (last[last.length - 1] ?? 0) <= 1) last.push(x);
    else clusters.push([x]);
  }
  return clusters.length === width ? clusters.map(median) : undefined;
}

/** Best in-order assignment of positions to anchors for a given shift: [cost, columns]. */
function assign(pos: readonly number[], anchors: readonly number[], shift: number): [number, number[]] {
  const k = pos.length;
  const w = anchors.length;
  // dp[i][c]: best cost placing values 0..i with value i in column c.
  const dp: number[][] = Array.from({ length: k }, () => Array<number>(w).fill(Infinity));
  const from: number[][] = Array.from({ length: k }, () => Array<number>(w).fill(-1));
  for (let c = 0; c < w; c++) dp[0]![c] = Math.abs((pos[0] ?? 0) - shift - (anchors[c] ?? 0));
  for (let i = 1; i < k; i++) {
    for (let c = i; c < w; c++) {
      const here = Math.abs((pos[i] ?? 0) - shift - (anchors[c] ?? 0));
      for (let p = i - 1; p < c; p++) {
        const v = (dp[i - 1]![p] ?? Infinity) + here;
        if (v < dp[i]![c]!) {
          dp[i]![c] = v;
          from[i]![c] = p;
        }
      }
    }
  }
  let best = Infinity;
  let end = -1;
  for (let c = 0; c < w; c++) if ((dp[k - 1]![c] ?? Infinity) < best) [best, end] = [dp[k - 1]![c]!, c];
  const cols: number[] = [];
  for (let i = k - 1, c = end; i >= 0 && c >= 0; c = from[i]![c]!, i--) cols.unshift(c);
  return [best, cols];
}

/** Columns of a row's values, or undefined when two different placements fit about equally well. */
export function placeValues(
  positions: readonly number[],
  anchors: readonly number[],
  maxShift = 8,
): number[] | undefined {
  const candidates: { cost: number; cols: number[] }[] = [];
  for (let s = -maxShift; s <= maxShift; s++) {
    const [cost, cols] = assign(positions, anchors, s);
    if (Number.isFinite(cost)) candidates.push({ cost: cost + Math.abs(s) * 0.25, cols });
  }
  candidates.sort((a, b) => a.cost - b.cost);
  const best = candidates[0];
  if (!best) return undefined;
  const rival = candidates.find((c) => c.cols.join() !== best.cols.join());
  if (rival && rival.cost - best.cost < 1.5) return undefined;
  // Every value must sit near its column.
  const gaps = anchors.slice(1).map((a, i) => a - (anchors[i] ?? 0));
  if (best.cost / positions.length > Math.max(3, Math.min(...gaps) / 2 + 1)) return undefined;
  return best.cols;
}

/**
 * Anchors learnt from the rows already placed: per column, the median position of the values placed
 * in it; a column no placed row has a value in keeps its header anchor, moved by the median offset of
 * the columns that were learnt. Undefined when nothing was learnt or the result is not increasing.
 */
function learntAnchors(anchors: readonly number[], seen: readonly number[][]): number[] | undefined {
  const offsets = seen.flatMap((xs, c) => (xs.length ? [median(xs) - (anchors[c] ?? 0)] : []));
  if (offsets.length === 0) return undefined;
  const offset = median(offsets);
  return increasing(anchors.map((a, c) => (seen[c]?.length ? median(seen[c]) : a + offset)));
}

/**
 * Rewrites lines that end with fewer than `width` values so that every column is present, blank ones
 * as "－" (a blank cell); a row that cannot be placed unambiguously gets "⁇" cells (not read).
 *
 * Rows are placed against the header anchors first. pdftotext prints a CJK header word one character
 * per grid cell although it is two wide, so header anchors drift against the figures; a row that the
 * header anchors leave ambiguous is placed again against the positions where the other rows' figures
 * actually sit (learntAnchors) — and stays not read if it is still ambiguous there.
 */
export function fillBlankColumns(
  lines: readonly string[],
  width: number,
  anchors: readonly number[],
): string[] {
  const seen: number[][] = Array.from({ length: width }, () => []);
  const rows = lines.map((line) => {
    if (line.startsWith('\t')) return undefined;
    const tokens = placedTokens(line);
    const vals = trailingValues(tokens);
    if (vals.length === 0) return undefined;
    if (vals.length >= width) {
      vals.slice(-width).forEach((t, c) => seen[c]?.push(t.start));
      return undefined;
    }
    const labelEnd = tokens.indexOf(vals[0]!);
    const label = tokens
      .slice(0, labelEnd)
      .map((t) => t.text)
      .join(' ');
    const positions = vals.map((t) => t.start);
    const cols = placeValues(positions, anchors);
    if (cols) cols.forEach((c, i) => seen[c]?.push(positions[i] ?? 0));
    return { label, vals, positions, cols };
  });
  const learnt = rows.some((r) => r && !r.cols) ? learntAnchors(anchors, seen) : undefined;
  // How far each placed row with two or more figures sits from the learnt anchors (rows of one
  // block, e.g. after a page break, share their offset).
  const shiftOf = (i: number): number | undefined => {
    const r = rows[i];
    if (!learnt || !r?.cols || r.positions.length < 2) return undefined;
    return median(r.positions.map((p, k) => p - (learnt[r.cols![k] ?? 0] ?? 0)));
  };
  const nearestShift = (i: number): number | undefined => {
    for (let d = 1; d < lines.length; d++) {
      const s = shiftOf(i - d) ?? shiftOf(i + d);
      if (s !== undefined) return s;
    }
    return undefined;
  };
  const replace = (i: number): number[] | undefined => {
    const row = rows[i];
    if (!row || !learnt) return undefined;
    const local = nearestShift(i);
    return local === undefined
      ? placeValues(row.positions, learnt)
      : placeValues(
          row.positions.map((p) => p - local),
          learnt,
          2,
        );
  };
  // Top to bottom: a row placed here lends its offset to the rows after it.
  rows.forEach((row, i) => {
    if (row && !row.cols) {
      const cols = replace(i);
      if (cols) row.cols = cols;
    }
  });
  return lines.map((line, i) => {
    const row = rows[i];
    if (!row) return line;
    const cols = row.cols;
    const cells: string[] = Array.from({ length: width }, () => (cols ? '－' : UNREAD_MARK));
    if (cols) row.vals.forEach((t, k) => (cells[cols[k] ?? 0] = t.text));
    return `${row.label} ${cells.join(' ')}`;
  });
}
