/**
 * CSV exports are opened in spreadsheets, which run a cell starting with = + - @ (or a tab or carriage
 * return before one) as a formula ("CSV injection", OWASP). Every exported text cell goes through
 * `spreadsheetSafe`, which prefixes such a cell with an apostrophe; numbers are left as numbers.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The csv-stringify `cast` option that applies `spreadsheetSafe` to every string cell. */
export const SPREADSHEET_SAFE_CAST = { string: (value: string) => spreadsheetSafe(value) } as const;
