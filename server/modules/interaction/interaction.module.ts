import type { GongkaiModule } from '../module.js';
import type { App } from '../../http/app.js';
import type { Container } from '../../container.js';
import type { PortalRegistry } from '../portal/portal.service.js';
import { interactionApiRoutes } from './interaction.routes.js';
import { interactionPortalRoutes } from './interaction.pages.js';
import { seedInteractionDemo } from './interaction.demo.js';
import { INTERACTION_TEMPLATES } from './interaction.templates.js';
import { registerReindexProvider } from '../search/search.service.js';
import { letterReindexProvider } from './publication.js';
import { consultationNoticesForItem } from './consultation.js';
import { receivePetition } from './intake.js';

/** 互动交流: mailbox, consultation, complaints, 12345 orders, 找错, public consultation on drafts. */
export const interactionModule: GongkaiModule = {
  name: 'interaction',
  wire(c) {
    // Published letters are rebuilt by `gongkai search reindex`.
    registerReindexProvider(c, letterReindexProvider);
    // A draft published in the catalog shows its 意见征集 (open, ended, 采纳情况) on its public page.
    c.providers.provide('catalog.itemNotices', consultationNoticesForItem);
    // A complaint sent in as an information request is handled here as 投诉举报 once the case is answered.
    c.providers.provide('requests.petitionReceiver', receivePetition);
  },
  async routes(app: App, c: Container, portal: PortalRegistry) {
    await interactionApiRoutes(app, c);
    await interactionPortalRoutes(app, c, portal);
  },
  demo: seedInteractionDemo,
  notifyTemplates: INTERACTION_TEMPLATES,
};
