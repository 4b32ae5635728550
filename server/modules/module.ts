import type { Command } from 'commander';
import type { App } from '../http/app.js';
import type { Container } from '../container.js';
import type { DemoContributor } from './demo/demo.seed.js';
import type { PortalRegistry } from './portal/portal.service.js';

/**
 * What a domain module contributes to the running platform. The shell (HTTP app, demo seed, CLI)
 * only iterates `modules` in server/modules/index.ts, so adding a capability never edits the shell.
 */
export interface GongkaiModule {
  name: string;
  /** API routes, portal pages (register portal nav/home blocks on `portal`). */
  routes?(app: App, c: Container, portal: PortalRegistry): Promise<void>;
  /** Demo content for the demo agency, applied after the agency and users exist, in module order. */
  demo?: DemoContributor;
  /** `gongkai …` sub-commands. */
  cli?(program: Command): void;
}
