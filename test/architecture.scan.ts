/**
 * Source scans behind test/architecture.test.ts (issue 12's structure rules). Also runnable to print today's
 * findings in the allowlist's shape: `node --import tsx test/architecture.scan.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAX_LINES = 800;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.tsx?$/.test(name)) out.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return out;
}
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.includes('/testing/') || f.includes('/fixtures/');
const isRepository = (f: string) => /\.repository\.ts$/.test(f) || /\/repository\/[^/]+\.ts$/.test(f);
const isDemo = (f: string) => /\.demo\.tsx?$|\.seed\.ts$|^server\/modules\/demo\//.test(f);
const moduleOf = (f: string) => /^server\/modules\/([^/]+)\//.exec(f)?.[1] ?? null;
const sorted = <T>(xs: Iterable<T>) => [...xs].sort();

/** Ignores comments so prose like "select from orgs" is not a query. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export const serverFiles = walk(path.join(ROOT, 'server'));
const tablesFiles = serverFiles.filter((f) => f.endsWith('.tables.ts'));
const moduleCode = serverFiles.filter((f) => f.startsWith('server/modules/') && !isTest(f));

/** Table → owning module (folder name; `platform` for server/platform), from each `…Tables` interface. */
export function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const f of tablesFiles) {
    const owner = moduleOf(f) ?? 'platform';
    const body = /export interface \w+Tables(?: extends [^{]+)? \{([^}]*)\}/.exec(read(f))?.[1] ?? '';
    for (const m of body.matchAll(/^\s*['"]?([a-z_][a-z0-9_]*)['"]?\??:/gm)) owners.set(m[1]!, owner);
  }
  return owners;
}

/** Tables files without `OWNED_TABLES`, and those whose list differs from their interface. */
export function ownedTablesDeclarations(owners = tableOwners()): { missing: string[]; mismatched: string[] } {
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const f of tablesFiles) {
    const declared = /export const OWNED_TABLES\s*=\s*\[([^\]]*)\]/.exec(read(f))?.[1];
    if (declared === undefined) {
      missing.push(f);
      continue;
    }
    const owner = moduleOf(f) ?? 'platform';
    const own = sorted([...owners].filter(([, o]) => o === owner).map(([t]) => t));
    const listed = sorted([...declared.matchAll(/['"]([a-z0-9_]+)['"]/g)].map((m) => m[1]!));
    if (JSON.stringify(listed) !== JSON.stringify(own))
      mismatched.push(`${f}: declares [${listed.join(', ')}] but its interface has [${own.join(', ')}]`);
  }
  return { missing, mismatched };
}

/** Non-repository module files that build queries, with the number of builder calls. */
export function queriesOutsideRepositories(): Record<string, number> {
  const found: Record<string, number> = {};
  for (const f of moduleCode.filter((f) => !isRepository(f))) {
    const n =
      code(read(f)).match(
        /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|\bsql(?:<[^`;]*>)?`|\bsql\.raw\(/g,
      )?.length ?? 0;
    if (n > 0) found[f] = n;
  }
  return found;
}

/** Module files naming tables another module owns (demo data aside: it seeds every module by design). */
export function foreignTables(owners = tableOwners()): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const f of moduleCode.filter((f) => !isDemo(f))) {
    const mod = moduleOf(f)!;
    const text = code(read(f));
    const named = new Set<string>();
    for (const m of text.matchAll(
      /\.(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*['"`]([a-z_][a-z0-9_]*)/g,
    ))
      named.add(m[1]!);
    // Raw SQL inside sql`…` templates.
    for (const t of text.matchAll(/\bsql`([^`]*)`/g))
      for (const m of t[1]!.matchAll(/\b(?:from|join|into|update)\s+([a-z_][a-z0-9_]*)\b/gi))
        named.add(m[1]!);
    const foreign = sorted([...named].filter((t) => owners.has(t) && owners.get(t) !== mod));
    if (foreign.length > 0) found[f] = foreign;
  }
  return found;
}

/** Files under server/ over MAX_LINES lines (tests, demo data and migrations aside). */
export function longFiles(): Record<string, number> {
  const long: Record<string, number> = {};
  for (const f of serverFiles.filter((f) => !isTest(f) && !isDemo(f))) {
    const lines = read(f).split('\n').length;
    if (lines > MAX_LINES) long[f] = lines;
  }
  return long;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const owners = tableOwners();
  console.log(
    JSON.stringify(
      {
        missingOwnedTables: ownedTablesDeclarations(owners),
        queriesOutsideRepositories: queriesOutsideRepositories(),
        foreignTables: foreignTables(owners),
        longFiles: longFiles(),
      },
      null,
      2,
    ),
  );
}
