/**
 * Fuzzy row-label matching for broken report text: labels are reduced to their key characters
 * (汉字 and digits), scored by longest common subsequence, and aligned to the format's rows in order.
 */

/** Keeps only CJK ideographs and ASCII digits (drops punctuation, spaces, quotes, numbering marks). */
export function keyChars(s: string): string {
  return s
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[^\u4e00-\u9fff0-9]/g, '');
}

/** Length of the longest common subsequence of two strings. */
export function lcsLength(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/** Share of the reference label's key characters found, in order, in the (noisy) text: 0…1. */
export function labelScore(reference: string, text: string): number {
  const ref = keyChars(reference);
  if (ref.length === 0) return 0;
  return lcsLength(ref, keyChars(text)) / ref.length;
}

/** Minimum score for a data row to be matched to a reference row. */
export const MIN_LABEL_SCORE = 0.5;
const SKIP_DATA = 0.5;
const SKIP_REF = 0.5;

export interface Alignment {
  /** for each reference index, the matched data index (or -1) */
  refToData: number[];
  /** for each data index, the matched reference index (or -1) */
  dataToRef: number[];
  /** alignment score: Σ label scores − penalties for skipped rows on either side */
  score: number;
}

/**
 * Order-preserving alignment of data-row labels to reference labels (Needleman–Wunsch style):
 * rows appear in the format's order, so ambiguity between similar labels is resolved by position.
 */
export function alignLabels(dataLabels: readonly string[], refLabels: readonly string[]): Alignment {
  const n = dataLabels.length;
  const m = refLabels.length;
  const score: number[][] = dataLabels.map((d) => refLabels.map((r) => labelScore(r, d)));
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const move: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const at = (i: number, j: number): number => dp[i]?.[j] ?? -Infinity;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = -Infinity;
      let mv = 0;
      if (i > 0 && at(i - 1, j) - SKIP_DATA > best) {
        best = at(i - 1, j) - SKIP_DATA;
        mv = 1;
      }
      if (j > 0 && at(i, j - 1) - SKIP_REF > best) {
        best = at(i, j - 1) - SKIP_REF;
        mv = 2;
      }
      const s = i > 0 && j > 0 ? (score[i - 1]?.[j - 1] ?? 0) : 0;
      if (i > 0 && j > 0 && s >= MIN_LABEL_SCORE && at(i - 1, j - 1) + s > best) {
        best = at(i - 1, j - 1) + s;
        mv = 3;
      }
      (dp[i] as number[])[j] = best;
      (move[i] as number[])[j] = mv;
    }
  }
  const refToData = new Array<number>(m).fill(-1);
  const dataToRef = new Array<number>(n).fill(-1);
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const mv = move[i]?.[j] ?? 0;
    if (mv === 3) {
      refToData[j - 1] = i - 1;
      dataToRef[i - 1] = j - 1;
      i--;
      j--;
    } else if (mv === 1) i--;
    else j--;
  }
  return { refToData, dataToRef, score: at(n, m) };
}

/**
 * Second pass over an alignment, for labels wrapped around their value line: `pdftotext -layout`
 * prints "（二）部分公开（区分处理的，" above the figures and "只计这一情形，不计其他情形）" below them,
 * so the row keeps only the first half of its label and the rest opens the next row's label. Where
 * the alignment leaves k data rows and k reference rows unmatched between the same two matched
 * neighbours (or a table end), they are paired in order when each data label together with the text
 * that follows it (the next row's label) scores ≥ MIN_LABEL_SCORE. Equal counts between fixed
 * neighbours keep the pairing order-safe; the score keeps a stray numeric line out.
 */
export function fillWrappedGaps(
  al: Alignment,
  dataLabels: readonly string[],
  refLabels: readonly string[],
): Alignment {
  const refToData = [...al.refToData];
  const dataToRef = [...al.dataToRef];
  const anchors: [number, number][] = [[-1, -1]];
  refToData.forEach((d, r) => {
    if (d >= 0) anchors.push([d, r]);
  });
  anchors.push([dataLabels.length, refLabels.length]);
  let score = al.score;
  for (let a = 0; a + 1 < anchors.length; a++) {
    const [d0, r0] = anchors[a] as [number, number];
    const [d1, r1] = anchors[a + 1] as [number, number];
    const k = d1 - d0 - 1;
    if (k < 1 || k !== r1 - r0 - 1) continue;
    for (let j = 0; j < k; j++) {
      const d = d0 + 1 + j;
      const r = r0 + 1 + j;
      const s = labelScore(refLabels[r] ?? '', `${dataLabels[d] ?? ''}${dataLabels[d + 1] ?? ''}`);
      if (s < MIN_LABEL_SCORE) continue;
      refToData[r] = d;
      dataToRef[d] = r;
      score += s + SKIP_DATA + SKIP_REF;
    }
  }
  return { refToData, dataToRef, score };
}
