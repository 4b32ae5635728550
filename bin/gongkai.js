#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, like `npm start`, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
