/** sort_key ranges of a publication year or month (sort_key = publication instant in ms × 1024). */

const DAY_MS = 86_400_000;

/** sort_keys of documents published in a year (with one day of margin each side). */
export function yearSortKeyRange(year: number): [number, number] {
  return [(Date.UTC(year, 0, 1) - DAY_MS) * 1024, (Date.UTC(year + 1, 0, 1) + DAY_MS) * 1024];
}

/** sort_keys of documents published in a month 'YYYY-MM' (a day of margin each side), or null. */
export function walkMonthRange(month: string | undefined): [number, number] | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month ?? '');
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return [(Date.UTC(y, mo - 1, 1) - DAY_MS) * 1024, (Date.UTC(y, mo, 1) + DAY_MS) * 1024];
}
