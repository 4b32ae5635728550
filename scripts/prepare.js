// Runs after `npm install`: builds the admin console so that `npm start` serves it right away.
// Skipped when dev dependencies are absent (a production install ships a prebuilt dist/).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/vite')) {
  console.log('[gongkai] vite not installed; skipping the admin console build');
} else {
  execSync('npm run build', { stdio: 'inherit' });
}
