import type { Command } from 'commander';
import type { App } from '../http/app.js';
import type { Container } from '../container.js';
import type { DemoContributor } from './demo/demo.seed.js';
import type { PortalRegistry } from './portal/portal.service.js';
import type { NotifyTemplateDefault } from './notify/notify.rules.js';
import type { Ctx } from '../platform/context.js';

/**
 * What a domain module contributes to the running platform. The shell (HTTP app, demo seed, CLI)
 * only iterates `modules` in server/modules/index.ts, so adding a capability never edits the shell.
 */
export interface GongkaiModule {
  name: string;
  /**
   * Explicit wiring, called once per container by server/container.ts before anything runs: subscribe to
   * `c.events`, provide implementations on `c.providers`. Modules never register anything at import time.
   */
  wire?(c: Container): void;
  /** API routes, portal pages (register portal nav/home blocks on `portal`). */
  routes?(app: App, c: Container, portal: PortalRegistry): Promise<void>;
  /** Demo content for the demo agency, applied after the agency and users exist, in module order. */
  demo?: DemoContributor;
  /** `gongkai …` sub-commands. */
  cli?(program: Command): void;
  /** Default message templates (per key and channel) the notify module sends with; the office may reword them. */
  notifyTemplates?: NotifyTemplateDefault[];
  /** An SMS sent back by a mobile (e.g. 签收 of a warning); true when this module handled it. */
  onSmsReply?(ctx: Ctx, from: string, text: string): Promise<boolean>;
  /** A periodic job (every few seconds) of the worker (`gongkai worker`, or the server unless ROLE=web); returns work done. */
  worker?(c: Container): Promise<number>;
}
