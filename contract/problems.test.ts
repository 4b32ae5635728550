import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANNUAL_REPORT_PROBLEMS } from './annual-report.js';
import { AUTH_PROBLEMS } from './auth.js';
import { ENFORCEMENT_PROBLEMS } from './enforcement.js';
import { ENTERPRISES_PROBLEMS } from './enterprises.js';
import { INTERACTION_PROBLEMS } from './interaction.js';
import { NOTIFY_PROBLEMS } from './notify.js';
import { PLATFORM_PROBLEMS, PROBLEM_CODE_PATTERN, PROBLEM_TYPES, type ProblemTypes } from './problems.js';
import { REQUESTS_PROBLEMS } from './requests.js';
import { SCORECARDS_PROBLEMS } from './scorecards.js';
import { SELFCHECK_PROBLEMS } from './selfcheck.js';
import { STATISTICS_PROBLEMS } from './statistics.js';
import { SUPERVISION_PROBLEMS } from './supervision.js';
import { WARNINGS_PROBLEMS } from './warnings.js';

const MODULES = fileURLToPath(new URL('../server/modules', import.meta.url)).replace(/[/\\]$/, '');

/**
 * Modules whose every thrown code is registered. A module joins this list once its codes are in its
 * `contract/<module>.ts`; from then on a new unregistered code fails here (the list may only grow).
 */
const FULLY_REGISTERED = [
  'annual-report',
  'audit',
  'captcha',
  'enforcement',
  'portal',
  'scorecards',
  'selfcheck',
  'sitegroup',
  'statistics',
  'supervision',
  'warnings',
];

/**
 * Where a module names a machine code it answers with: `new DomainError('c'`, `new RuleViolation('c'`,
 * `conflict('c'`, `invalidField(field, 'c'`, `addProblem(problems, field, 'c'` and rule results
 * `{ code: 'c', messageZh }` that a use case turns into a DomainError.
 */
const CODE_SITES = [
  /(?:new DomainError|new RuleViolation|\bconflict)\(\s*['"`]([^'"`]*)['"`]/g,
  /\binvalidField\(\s*[^,()]+,\s*['"`]([^'"`]*)['"`]/g,
  /\baddProblem\(\s*[^,()]+,\s*[^,()]+,\s*['"`]([^'"`]*)['"`]/g,
  /\bcode:\s*['"]([^'"]*)['"],?\s*messageZh\b/g,
];

/** The codes named in a source text. */
function codesIn(source: string): string[] {
  return [...new Set(CODE_SITES.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]!)))];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|demo)\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !/[/\\](testing|fixtures)[/\\]/.test(p));
}

describe('problem type registry', () => {
  it('finds the codes a module throws, in every form it throws them', () => {
    const src = `
      throw new DomainError('no_agency', '当前账号不属于任何机关');
      throw conflict(
        'duplicate_item', \`已有同名事项\`, { field: 'name' });
      throw invalidField('file', 'multipart_required', '请以 multipart/form-data 上传文件');
      addProblem(problems, 'creditCode', 'credit_code_for_person', '…');
      return { ok: false, code: 'reason_required', messageZh: '请填写理由' };
      const row = { code: 'XK-001', name: '危险化学品经营许可证核发' };
      throw new DomainError(r.code, r.messageZh);`;
    expect(codesIn(src).sort()).toEqual([
      'credit_code_for_person',
      'duplicate_item',
      'multipart_required',
      'no_agency',
      'reason_required',
    ]);
  });

  it.each(FULLY_REGISTERED)('registers every code thrown in server/modules/%s', (module) => {
    const files = sourceFiles(join(MODULES, module));
    expect(files.length).toBeGreaterThan(0);
    const unregistered = files.flatMap((file) =>
      codesIn(readFileSync(file, 'utf8'))
        .filter((code) => !PROBLEM_TYPES[code])
        .map((code) => `${code} (${file.slice(MODULES.length + 1)})`),
    );
    expect(unregistered, 'register these in contract/<module>.ts, then `npm run docs:errors`').toEqual([]);
  });

  it('registers each code once, with a valid code, an HTTP error status and Chinese title and description', () => {
    const parts: Record<string, ProblemTypes> = {
      platform: PLATFORM_PROBLEMS,
      'annual-report': ANNUAL_REPORT_PROBLEMS,
      auth: AUTH_PROBLEMS,
      enforcement: ENFORCEMENT_PROBLEMS,
      enterprises: ENTERPRISES_PROBLEMS,
      interaction: INTERACTION_PROBLEMS,
      notify: NOTIFY_PROBLEMS,
      requests: REQUESTS_PROBLEMS,
      scorecards: SCORECARDS_PROBLEMS,
      selfcheck: SELFCHECK_PROBLEMS,
      statistics: STATISTICS_PROBLEMS,
      supervision: SUPERVISION_PROBLEMS,
      warnings: WARNINGS_PROBLEMS,
    };
    const owners = new Map<string, string[]>();
    for (const [part, types] of Object.entries(parts))
      for (const code of Object.keys(types)) owners.set(code, [...(owners.get(code) ?? []), part]);
    const twice = [...owners].filter(([, o]) => o.length > 1).map(([code, o]) => `${code}: ${o.join(', ')}`);
    // A second registration would silently replace the first one's title in PROBLEM_TYPES.
    expect(twice).toEqual([]);
    expect(Object.keys(PROBLEM_TYPES).length).toBe(owners.size);
    const pattern = new RegExp(PROBLEM_CODE_PATTERN);
    for (const [code, p] of Object.entries(PROBLEM_TYPES)) {
      expect(code, code).toMatch(pattern);
      expect(p.status >= 400 && p.status < 600, code).toBe(true);
      expect(p.title, code).toMatch(/\p{Script=Han}/u);
      expect(p.description, code).toMatch(/\p{Script=Han}/u);
    }
  });
});
