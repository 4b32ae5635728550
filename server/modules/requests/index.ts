/**
 * Public surface of the requests module (依申请公开). Other modules import only this file; everything
 * else in the folder is internal and may change without notice.
 */
// Module wiring (routes, demo).
export { requestsModule } from './requests.module.js';

// Cases created by other modules (a converted mailbox letter / consultation), inside their transaction.
export { createCaseFromInteraction, type InteractionConversionInput } from './requests.service.js';

// Annual report (表三、表四、收费).
export { requestReportFacts, requestReportFactsCapped } from './requests.report.js';
export {
  OUTCOMES,
  TABLE3_ROWS_2019,
  TABLE3_ROWS_2021,
  APPLICANT_TYPES,
  outcomeByCode,
  tableRowFor,
  reportFormatForYear,
  remediesSentence,
  applicantTypeLabel,
  type Outcome,
  type OutcomeCode,
  type ApplicantType,
  type Table3Row,
  type ReportFormatYear,
} from './outcomes.js';
export {
  APPLICANT_TYPE_KEYS,
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  NOTIFY_CHANNELS,
  NOTIFY_LABELS,
  descriptionKey,
  maskIdNumber,
  type NotifyChannel,
} from './requests.rules.js';
export type { ApplicantTypeKey, RequestChannel, RequestStage } from './requests.tables.js';

// Personal-data sealing shared with the interaction module (same key, same query-code scheme).
export {
  encrypt,
  decrypt,
  hashQueryCode,
  verifyQueryCode,
  openPii,
  sealQueryCode,
  checkQueryCode,
  type PiiKeyring,
} from './pii.js';
export { rotatePiiKeys, type RotationResult } from './pii-rotation.js';

// Statutory receipt date (第三十一条) for other intake paths.
export { resolveReceiptDate } from './receipt-date.js';

// Supervision boards and scorecards (issue 19): read-only facts over many agencies.
export {
  requestCaseFacts,
  requestCaseList,
  requestOpenDetail,
  requestPeriodDetail,
  requestPeriodFacts,
  type LateAnswerFact,
  type RequestCaseFacts,
  type RequestCaseFactRow,
  type RequestPeriodFacts,
} from './requests.supervision.js';

// Statistics (server/modules/statistics): received, answered by outcome, durations, lateness.
export { requestStatistics, type RequestStatistics } from './requests.statistics.js';
// 信访举报投诉类申请 handed over to the module that handles complaints (issue 16 item 3).
export type { PetitionHandover, PetitionReceiver } from './petition-handover.js';
