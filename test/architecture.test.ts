/**
 * Structure rules of issue 12, checked on the source text (scans in ./architecture.scan.ts):
 *   1. every `*.tables.ts` declares the tables it owns (`export const OWNED_TABLES = [...] as const`),
 *      matching its `…Tables` interface;
 *   2. only repositories build queries (`.selectFrom(`, `.insertInto(`, `.updateTable(`, `.deleteFrom(`, sql`…`);
 *   3. a module names only its own tables (other modules' data goes through the owner's functions);
 *   4. no file under server/ is over 800 lines (tests and demo data aside).
 * Today's violations are in ./architecture.allowlist.ts with their reasons. Each list only shrinks: a new
 * violation fails, and so does an entry that is no longer needed (delete or lower it).
 */
import { describe, expect, it } from 'vitest';
import {
  FILE_LINES_ALLOWED,
  FOREIGN_TABLES_ALLOWED,
  MISSING_OWNED_TABLES_ALLOWED,
  QUERY_OUTSIDE_REPOSITORY_ALLOWED,
} from './architecture.allowlist.js';
import {
  foreignTables,
  longFiles,
  MAX_LINES,
  ownedTablesDeclarations,
  queriesOutsideRepositories,
  tableOwners,
} from './architecture.scan.js';

describe('architecture (issue 12)', () => {
  const owners = tableOwners();

  it('reads the table owners from the *.tables.ts files', () => {
    expect(owners.get('orgs')).toBe('orgs');
    expect(owners.size).toBeGreaterThan(30);
  });

  it('every *.tables.ts declares OWNED_TABLES matching its tables interface', () => {
    const { missing, mismatched } = ownedTablesDeclarations(owners);
    expect({
      mismatched,
      newlyMissing: missing.filter((f) => !(f in MISSING_OWNED_TABLES_ALLOWED)),
      staleAllowlist: Object.keys(MISSING_OWNED_TABLES_ALLOWED).filter((f) => !missing.includes(f)),
    }).toEqual({ mismatched: [], newlyMissing: [], staleAllowlist: [] });
  });

  it('only repositories build queries', () => {
    const found = queriesOutsideRepositories();
    const allowed = (f: string) => QUERY_OUTSIDE_REPOSITORY_ALLOWED[f]?.count ?? 0;
    expect({
      grown: Object.entries(found)
        .filter(([f, n]) => n > allowed(f))
        .map(([f, n]) => `${f}: ${n} query builder call(s) outside a repository, allowed ${allowed(f)}`),
      stale: Object.entries(QUERY_OUTSIDE_REPOSITORY_ALLOWED)
        .filter(([f, a]) => (found[f] ?? 0) < a.count)
        .map(([f, a]) => `${f}: now ${found[f] ?? 0}, allowlist says ${a.count} — lower or delete the entry`),
    }).toEqual({ grown: [], stale: [] });
  });

  it('a module names only its own tables', () => {
    const found = foreignTables(owners);
    const allowed = (f: string) => FOREIGN_TABLES_ALLOWED[f]?.tables ?? [];
    expect({
      fresh: Object.entries(found)
        .map(([f, ts]) => [f, ts.filter((t) => !allowed(f).includes(t))] as const)
        .filter(([, ts]) => ts.length > 0)
        .map(([f, ts]) => `${f} names ${ts.map((t) => `${t} (owned by ${owners.get(t)})`).join(', ')}`),
      stale: Object.entries(FOREIGN_TABLES_ALLOWED).flatMap(([f, a]) =>
        a.tables
          .filter((t) => !(found[f] ?? []).includes(t))
          .map((t) => `${f}: ${t} no longer named — delete it`),
      ),
    }).toEqual({ fresh: [], stale: [] });
  });

  it(`no file under server/ is over ${MAX_LINES} lines (tests and demo data aside)`, () => {
    const long = longFiles();
    const allowed = (f: string) => FILE_LINES_ALLOWED[f]?.lines ?? MAX_LINES;
    expect({
      grown: Object.entries(long)
        .filter(([f, n]) => n > allowed(f))
        .map(([f, n]) => `${f}: ${n} lines (allowed ${allowed(f)})`),
      stale: Object.entries(FILE_LINES_ALLOWED)
        .filter(([f, a]) => (long[f] ?? 0) < a.lines)
        .map(
          ([f, a]) => `${f}: ${long[f] ?? '≤ 800'} lines now, allowlist says ${a.lines} — lower or delete it`,
        ),
    }).toEqual({ grown: [], stale: [] });
  });
});
