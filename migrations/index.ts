import type { Migration } from 'kysely';
import type { DialectName } from '../server/db/database.js';
import { platform } from './20261123_0001_platform.js';
import { calendar } from './20261123_0002_calendar.js';
import { search } from './20261123_0003_search.js';
import { catalog } from './20261123_0004_catalog.js';
import { requests } from './20261123_0005_requests.js';
import { enforcement } from './20261123_0006_enforcement.js';
import { annualReport } from './20261123_0007_annual_report.js';
import { searchPerf } from './20261124_0010_search_perf.js';
import { catalogPerf } from './20261124_0011_catalog_perf.js';
import { reportIndexes } from './20261124_0013_report_indexes.js';
import { reportChannelIndex } from './20261124_0014_report_channel_index.js';
import { hardening } from './20261206_0021_hardening.js';
import { notify } from './20261206_0030_notify.js';
import { warnings } from './20261206_0030b_warnings.js';
import { events } from './20261206_0033_events.js';
import { interaction } from './20261206_0031_interaction.js';
import { requestsR4 } from './20261206_0022_requests_r4.js';
import { enterprises } from './20261206_0032_enterprises.js';
import { catalogPortalR4 } from './20261206_0023_catalog_portal_r4.js';
import { supervision } from './20261207_0040_supervision.js';
import { scorecards } from './20261207_0041_scorecards.js';
import { selfcheck } from './20261207_0042_selfcheck.js';
import { sitegroup } from './20261207_0044_sitegroup.js';
import { interactionFromRequest } from './20261208_0140_interaction_from_request.js';
import { enterprisesImportTotal } from './20261208_0160_enterprises_import_total.js';
import { notifyOneQueue } from './20261209_0180_notify_one_queue.js';
import { enterprisesAreaIndexes } from './20261209_0200_enterprises_area_indexes.js';
import { scorecardCardVersions } from './20261209_0220_scorecard_card_versions.js';
import { requestsIntake } from './20261209_0150_requests_intake.js';
import { supervisionBoardIndexes } from './20261209_0300_supervision_board_indexes.js';
import { catalogTimelinessCounts } from './20261209_0310_catalog_timeliness_counts.js';
import { enterprisesCityCovering } from './20261209_0320_enterprises_city_covering.js';
import { requestCasesOpenCovering } from './20261209_0330_request_cases_open_covering.js';
import { catalogSupervisionWindowId } from './20261209_0340_catalog_supervision_window_id.js';
import { enforcementSupervisionWindow } from './20261209_0350_enforcement_supervision_window.js';
import { requestEventsOrgTypeCase } from './20261209_0360_request_events_org_type_case.js';
import { requestCasesClockMoved } from './20261210_0370_request_cases_clock_moved.js';
import { enforcementPortalKind } from './20261211_0380_enforcement_portal_kind.js';

/** Every migration in order. A migration is a factory so it can differ by dialect where SQL must. */
export const migrations: Record<string, (dialect: DialectName) => Migration> = {
  '20261123_0001_platform': platform,
  '20261123_0002_calendar': calendar,
  '20261123_0003_search': search,
  '20261123_0004_catalog': catalog,
  '20261123_0005_requests': requests,
  '20261123_0006_enforcement': enforcement,
  '20261123_0007_annual_report': annualReport,
  '20261124_0010_search_perf': searchPerf,
  '20261124_0011_catalog_perf': catalogPerf,
  '20261124_0013_report_indexes': reportIndexes,
  '20261124_0014_report_channel_index': reportChannelIndex,
  '20261206_0021_hardening': hardening,
  '20261206_0030_notify': notify,
  '20261206_0030b_warnings': warnings,
  '20261206_0033_events': events,
  '20261206_0031_interaction': interaction,
  '20261206_0022_requests_r4': requestsR4,
  '20261206_0032_enterprises': enterprises,
  '20261206_0023_catalog_portal_r4': catalogPortalR4,
  '20261207_0040_supervision': supervision,
  '20261207_0041_scorecards': scorecards,
  '20261207_0042_selfcheck': selfcheck,
  '20261207_0044_sitegroup': sitegroup,
  '20261208_0140_interaction_from_request': interactionFromRequest,
  '20261208_0160_enterprises_import_total': enterprisesImportTotal,
  '20261209_0180_notify_one_queue': notifyOneQueue,
  '20261209_0200_enterprises_area_indexes': enterprisesAreaIndexes,
  '20261209_0220_scorecard_card_versions': scorecardCardVersions,
  '20261209_0150_requests_intake': requestsIntake,
  '20261209_0300_supervision_board_indexes': supervisionBoardIndexes,
  '20261209_0310_catalog_timeliness_counts': catalogTimelinessCounts,
  '20261209_0320_enterprises_city_covering': enterprisesCityCovering,
  '20261209_0330_request_cases_open_covering': requestCasesOpenCovering,
  '20261209_0340_catalog_supervision_window_id': catalogSupervisionWindowId,
  '20261209_0350_enforcement_supervision_window': enforcementSupervisionWindow,
  '20261209_0360_request_events_org_type_case': requestEventsOrgTypeCase,
  '20261210_0370_request_cases_clock_moved': requestCasesClockMoved,
  '20261211_0380_enforcement_portal_kind': enforcementPortalKind,
};
