#!/usr/bin/env node
// The `gongkai` CLI. Runs the compiled code in dist/ (built by `npm install` / `npm run build`); in a
// development checkout without a build, or with GONGKAI_SOURCE=1, it runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/server/cli/main.js', import.meta.url);
if (existsSync(compiled) && process.env.GONGKAI_SOURCE !== '1') {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/cli/main.ts');
}
