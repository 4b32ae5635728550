/**
 * Use cases of the 双公示 register, one file per use-case family: decisions (create, edit, workflow,
 * 更正/撤销/撤回 with notices), the 权责清单 事项, agency settings, accident reports and hazards, and the
 * public (portal) reads. This file is the module's service surface for routes, CLI and other modules.
 */
export { SEARCH_KIND, actorAgency, getSettings, updateSettings } from './enforcement.shared.js';
export * from './decisions.service.js';
export * from './items.service.js';
export * from './records.service.js';
export * from './public.service.js';
export * as enforcementRepository from './enforcement.repository.js';
