// Runs after `npm install`: compiles the server to dist/ (so `npm start` and the `gongkai` CLI run
// JavaScript) and builds the admin console so that `npm start` serves it right away. The console build
// is skipped when dev dependencies are absent (a production install ships a prebuilt dist/admin).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

execSync('node scripts/build-server.js', { stdio: 'inherit' });
if (!existsSync('node_modules/vite')) {
  console.log('[gongkai] vite not installed; skipping the admin console build');
} else {
  execSync('vite build --config admin/vite.config.ts', {
    stdio: 'inherit',
    env: { ...process.env, PATH: `node_modules/.bin:${process.env.PATH}` },
  });
}
