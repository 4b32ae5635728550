import type { GongkaiModule } from './module.js';
import { calendarModule } from './calendar/calendar.module.js';
import { searchModule } from './search/search.module.js';
import { catalogModule } from './catalog/catalog.module.js';
import { requestsModule } from './requests/requests.module.js';
import { captchaModule } from './captcha/captcha.module.js';
import { enforcementModule } from './enforcement/enforcement.module.js';
import { enterprisesModule } from './enterprises/enterprises.module.js';
import { annualReportModule } from './annual-report/annual-report.module.js';
import { notifyModule } from './notify/notify.module.js';
import { warningsModule } from './warnings/warnings.module.js';
import { interactionModule } from './interaction/interaction.module.js';
import { eventsModule } from './events/events.module.js';
import { supervisionModule } from './supervision/supervision.module.js';
import { selfcheckModule } from './selfcheck/selfcheck.module.js';
import { sitegroupModule } from './sitegroup/sitegroup.module.js';
import { statisticsModule } from './statistics/statistics.module.js';
import { scorecardsModule } from './scorecards/scorecards.module.js';
import { auditModule } from './audit/audit.module.js';

/** Every domain module, in dependency order (demo content is applied in this order too). */
export const modules: readonly GongkaiModule[] = [
  notifyModule,
  calendarModule,
  searchModule,
  catalogModule,
  captchaModule,
  requestsModule,
  enforcementModule,
  interactionModule,
  enterprisesModule,
  warningsModule,
  eventsModule,
  annualReportModule,
  supervisionModule,
  selfcheckModule,
  sitegroupModule,
  statisticsModule,
  scorecardsModule,
  auditModule,
];
