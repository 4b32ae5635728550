// Compiles the server (server/, contract/, migrations/) to JavaScript in dist/, one output file per
// source file, so relative imports, `import.meta.url` and the assets next to the code keep working.
// esbuild comes with tsx (a runtime dependency), so a production install can build too.
// Tests are not compiled. Non-TypeScript files (CSS, data tables, corpora) are copied alongside.
// Decision record: docs/decisions/0004-compiled-production-build.md.
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist');
const SOURCES = ['server', 'contract', 'migrations'];
const isTest = (f) => /\.test\.tsx?$/.test(f);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const started = performance.now();
for (const dir of SOURCES) rmSync(path.join(OUT, dir), { recursive: true, force: true });
const files = SOURCES.flatMap((d) => walk(path.join(ROOT, d)));
const entryPoints = files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !isTest(f));
const assets = files.filter((f) => !/\.(tsx?|md)$/.test(f));

await build({
  entryPoints,
  outdir: OUT,
  outbase: ROOT,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
for (const f of assets) {
  const target = path.join(OUT, path.relative(ROOT, f));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(f, target);
}
console.log(
  `[gongkai] server compiled: ${entryPoints.length} files, ${assets.length} assets → dist/ in ${Math.round(performance.now() - started)} ms`,
);
