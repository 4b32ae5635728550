import type { OrgTables } from '../modules/orgs/orgs.tables.js';
import type { UserTables } from '../modules/users/users.tables.js';
import type { AuthTables } from '../modules/auth/auth.tables.js';
import type { AuditTables } from '../modules/audit/audit.tables.js';
import type { PlatformHardeningTables } from '../platform/storage/storage.tables.js';
import type { CalendarTables } from '../modules/calendar/calendar.tables.js';
import type { SearchTables } from '../modules/search/search.tables.js';
import type { CatalogTables } from '../modules/catalog/catalog.tables.js';
import type { RequestsTables } from '../modules/requests/requests.tables.js';
import type { CaptchaTables } from '../modules/captcha/captcha.tables.js';
import type { EnforcementTables } from '../modules/enforcement/enforcement.tables.js';
import type { AnnualReportTables } from '../modules/annual-report/annual-report.tables.js';
import type { NotifyTables } from '../modules/notify/notify.tables.js';
import type { WarningsTables } from '../modules/warnings/warnings.tables.js';
import type { InteractionTables } from '../modules/interaction/interaction.tables.js';
import type { EventsTables } from '../modules/events/events.tables.js';
import type { EnterprisesTables } from '../modules/enterprises/enterprises.tables.js';
import type { PortalTables } from '../modules/portal/portal.tables.js';
import type { SupervisionTables } from '../modules/supervision/supervision.tables.js';
import type { ScorecardsTables } from '../modules/scorecards/scorecards.tables.js';
import type { SelfcheckTables } from '../modules/selfcheck/selfcheck.tables.js';

/** The whole database as Kysely sees it: each module contributes its tables. */
export interface DB
  extends
    OrgTables,
    UserTables,
    AuthTables,
    AuditTables,
    PlatformHardeningTables,
    CalendarTables,
    SearchTables,
    CatalogTables,
    RequestsTables,
    CaptchaTables,
    EnforcementTables,
    AnnualReportTables,
    NotifyTables,
    WarningsTables,
    InteractionTables,
    EventsTables,
    EnterprisesTables,
    PortalTables,
    SupervisionTables,
    ScorecardsTables,
    SelfcheckTables {}
