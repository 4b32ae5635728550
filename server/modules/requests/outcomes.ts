/**
 * Statutory closing outcomes of a disclosure-on-request case (依申请公开办理结果) as data.
 * The outcome code is the case's one and only classification: the reply letter, the case record
 * and the annual report table 三 row all derive from it (spec §2.8), so they cannot disagree.
 */
import { DomainError } from '../../platform/errors.js';

/** Annual-report table 三 data rows (2021 format, 国办公开办函〔2021〕30号). */
export const TABLE3_ROWS_2021 = [
  'r1',
  'r2',
  'r3_1',
  'r3_2',
  'r3_3',
  'r3_4',
  'r3_5',
  'r3_6',
  'r3_7',
  'r3_8',
  'r4_1',
  'r4_2',
  'r4_3',
  'r5_1',
  'r5_2',
  'r5_3',
  'r5_4',
  'r5_5',
  'r6_1',
  'r6_2',
  'r6_3',
] as const;
/** Table 三 result rows in the 2019 (试行) format: （六）其他处理 is a single row. */
export const TABLE3_ROWS_2019 = [...TABLE3_ROWS_2021.filter((r) => !r.startsWith('r6_')), 'r6'] as const;

export type Table3Row2021 = (typeof TABLE3_ROWS_2021)[number];
export type Table3Row2019 = Exclude<Table3Row2021, `r6_${string}`> | 'r6';
export type Table3Row = Table3Row2021 | 'r6';
export type ReportFormatYear = 2019 | 2021;

/** Applicant types, exactly the table 三 columns. */
export const APPLICANT_TYPES = [
  { code: 'natural_person', labelZh: '自然人' },
  { code: 'commercial_enterprise', labelZh: '商业企业' },
  { code: 'research_institution', labelZh: '科研机构' },
  { code: 'social_welfare_org', labelZh: '社会公益组织' },
  { code: 'legal_service_org', labelZh: '法律服务机构' },
  { code: 'other_org', labelZh: '其他' },
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number]['code'];

export type OutcomeCode =
  | 'already_published'
  | 'provided'
  | 'partially_provided'
  | 'withheld_state_secret'
  | 'withheld_prohibited_by_law'
  | 'withheld_security_stability'
  | 'withheld_third_party'
  | 'withheld_internal_affairs'
  | 'withheld_process_information'
  | 'withheld_enforcement_file'
  | 'special_access_regime'
  | 'information_not_exist'
  | 'not_this_agency'
  | 'requires_creation'
  | 'unclear_after_supplement'
  | 'petition_complaint'
  | 'repeated_application'
  | 'publication_request'
  | 'unreasonable_volume'
  | 'confirm_or_reissue'
  | 'supplement_not_provided'
  | 'fee_not_paid'
  | 'withdrawn'
  | 'other';

export interface Outcome {
  code: OutcomeCode;
  labelZh: string;
  /** Short citation, e.g. 条例第三十六条（二）. */
  basisRef: string;
  /** Article text (verbatim where the spec marks it [V]). */
  basisTextZh: string;
  row2021: Table3Row2021;
  /** The content is released to the applicant, so 保密审查 (第十七条) is required first. */
  releasesContent: boolean;
  /** 第三十七条: a record of each withheld part and its reason is required. */
  needsWithheldPartsRecord: boolean;
  /** A formal reply to the applicant is issued (告知书), which carries the remedies sentence. */
  issuesReply: boolean;
  /** Mapping is interpretive (spec §2.8 "medium"); an officer should confirm. */
  mappingUncertain: boolean;
  /** 救济途径 sentence for the reply letter, or null when no reply is issued. */
  remediesZh: string | null;
}

const A14 =
  '依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。';
const A15 =
  '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。';
const A16_1 = '行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。';
const A16_2 =
  '行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定。';
const A30 =
  '政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。';
const A35 =
  '申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限内答复申请人的，可以确定延迟答复的合理期限并告知申请人。';

type Row = Omit<
  Outcome,
  'issuesReply' | 'mappingUncertain' | 'releasesContent' | 'needsWithheldPartsRecord' | 'remediesZh'
> &
  Partial<Pick<Outcome, 'issuesReply' | 'mappingUncertain' | 'releasesContent' | 'needsWithheldPartsRecord'>>;

const row = (r: Row): Outcome => {
  const o = {
    releasesContent: false,
    needsWithheldPartsRecord: false,
    issuesReply: true,
    mappingUncertain: false,
    ...r,
  };
  return { ...o, remediesZh: o.issuesReply ? remediesSentence() : null };
};

/** Every closing outcome, in table 三 order. */
export const OUTCOMES: readonly Outcome[] = [
  row({
    code: 'already_published',
    labelZh: '已主动公开，告知获取方式和途径',
    basisRef: '条例第三十六条（一）',
    row2021: 'r1',
    basisTextZh: '所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；',
  }),
  row({
    code: 'provided',
    labelZh: '予以公开',
    basisRef: '条例第三十六条（二）',
    row2021: 'r1',
    releasesContent: true,
    basisTextZh:
      '所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、途径和时间；',
  }),
  row({
    code: 'partially_provided',
    labelZh: '部分公开（区分处理）',
    basisRef: '条例第三十七条',
    row2021: 'r2',
    releasesContent: true,
    needsWithheldPartsRecord: true,
    basisTextZh:
      '申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。',
  }),
  row({
    code: 'withheld_state_secret',
    labelZh: '不予公开：属于国家秘密',
    basisRef: '条例第十四条',
    row2021: 'r3_1',
    basisTextZh: A14,
  }),
  row({
    code: 'withheld_prohibited_by_law',
    labelZh: '不予公开：其他法律行政法规禁止公开',
    basisRef: '条例第十四条',
    row2021: 'r3_2',
    basisTextZh: A14,
  }),
  row({
    code: 'withheld_security_stability',
    labelZh: '不予公开：危及“三安全一稳定”',
    basisRef: '条例第十四条',
    row2021: 'r3_3',
    basisTextZh: A14,
  }),
  row({
    code: 'withheld_third_party',
    labelZh: '不予公开：保护第三方合法权益',
    basisRef: '条例第十五条',
    row2021: 'r3_4',
    basisTextZh: A15,
  }),
  row({
    code: 'withheld_internal_affairs',
    labelZh: '不予公开：属于三类内部事务信息',
    basisRef: '条例第十六条第一款',
    row2021: 'r3_5',
    basisTextZh: A16_1,
  }),
  row({
    code: 'withheld_process_information',
    labelZh: '不予公开：属于四类过程性信息',
    basisRef: '条例第十六条第二款',
    row2021: 'r3_6',
    basisTextZh: A16_2,
  }),
  row({
    code: 'withheld_enforcement_file',
    labelZh: '不予公开：属于行政执法案卷',
    basisRef: '条例第十六条第二款',
    row2021: 'r3_7',
    basisTextZh: A16_2,
  }),
  row({
    code: 'special_access_regime',
    labelZh: '不予公开：属于行政查询事项（依特别规定办理）',
    basisRef: '条例第三十六条（七）',
    row2021: 'r3_8',
    mappingUncertain: true,
    basisTextZh:
      '所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理。',
  }),
  row({
    code: 'information_not_exist',
    labelZh: '无法提供：本机关不掌握相关政府信息（经检索不存在）',
    basisRef: '条例第三十六条（四）',
    row2021: 'r4_1',
    basisTextZh: '经检索没有所申请公开信息的，告知申请人该政府信息不存在；',
  }),
  row({
    code: 'not_this_agency',
    labelZh: '无法提供：不属于本机关负责公开',
    basisRef: '条例第三十六条（五）',
    row2021: 'r4_1',
    mappingUncertain: true,
    basisTextZh:
      '所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式；',
  }),
  row({
    code: 'requires_creation',
    labelZh: '无法提供：没有现成信息需要另行制作',
    basisRef: '条例第三十八条',
    row2021: 'r4_2',
    basisTextZh:
      '行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。除依照本条例第三十七条的规定能够作区分处理的外，需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。',
  }),
  row({
    code: 'unclear_after_supplement',
    labelZh: '无法提供：补正后申请内容仍不明确',
    basisRef: '条例第三十条',
    row2021: 'r4_3',
    basisTextZh: A30,
  }),
  row({
    code: 'petition_complaint',
    labelZh: '不予处理：信访举报投诉类申请',
    basisRef: '条例第三十九条第一款',
    row2021: 'r5_1',
    basisTextZh:
      '申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当告知申请人不作为政府信息公开申请处理并可以告知通过相应渠道提出。',
  }),
  row({
    code: 'repeated_application',
    labelZh: '不予处理：重复申请',
    basisRef: '条例第三十六条（六）',
    row2021: 'r5_2',
    basisTextZh:
      '行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理；',
  }),
  row({
    code: 'publication_request',
    labelZh: '不予处理：要求提供公开出版物',
    basisRef: '条例第三十九条第二款',
    row2021: 'r5_3',
    basisTextZh:
      '申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以告知获取的途径。',
  }),
  row({
    code: 'unreasonable_volume',
    labelZh: '不予处理：无正当理由大量反复申请',
    basisRef: '条例第三十五条',
    row2021: 'r5_4',
    basisTextZh: A35,
  }),
  row({
    code: 'confirm_or_reissue',
    labelZh: '不予处理：要求行政机关确认或重新出具已获取信息',
    basisRef: '条例第三十八条（实践归类，待核实）',
    row2021: 'r5_5',
    mappingUncertain: true,
    basisTextZh:
      '行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。（条例未就“确认或重新出具已获取信息”设专条，按年报格式归入本行；依据待核实。）',
  }),
  row({
    code: 'supplement_not_provided',
    labelZh: '其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    basisRef: '条例第三十条',
    row2021: 'r6_1',
    basisTextZh: A30,
  }),
  row({
    code: 'fee_not_paid',
    labelZh: '其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    basisRef: '《政府信息公开信息处理费管理办法》',
    row2021: 'r6_2',
    mappingUncertain: false,
    basisTextZh:
      '申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请。（全国办法原文待核实，此处依四川省实施通知表述）',
  }),
  row({
    code: 'withdrawn',
    labelZh: '其他处理：申请人撤回申请',
    basisRef: '—',
    row2021: 'r6_3',
    issuesReply: false,
    basisTextZh: '申请人主动撤回政府信息公开申请。（条例未设专条）',
  }),
  row({
    code: 'other',
    labelZh: '其他处理：其他',
    basisRef: '—',
    row2021: 'r6_3',
    mappingUncertain: true,
    basisTextZh: '不属于上列情形的其他处理。',
  }),
];

const BY_CODE = new Map<OutcomeCode, Outcome>(OUTCOMES.map((o) => [o.code, o]));

/** Looks up an outcome by code; throws `unknown_outcome` otherwise. */
export function outcomeByCode(code: string): Outcome {
  const o = BY_CODE.get(code as OutcomeCode);
  if (!o) throw new DomainError('unknown_outcome', `未知的办理结果类型：${code}`, { code });
  return o;
}

/** The table 三 row an outcome is counted in, for the given report format (2019 试行 or 2021). */
export function tableRowFor(outcome: Outcome | OutcomeCode, formatYear: ReportFormatYear): Table3Row {
  const o = typeof outcome === 'string' ? outcomeByCode(outcome) : outcome;
  if (formatYear === 2021) return o.row2021;
  if (formatYear === 2019) return o.row2021.startsWith('r6_') ? 'r6' : o.row2021;
  throw new DomainError('invalid_report_format', `不支持的年报格式：${String(formatYear)}`, { formatYear });
}

/** The report format for a report year: 2019 (试行) for years ≤ 2020, 2021 for later years. */
export function reportFormatForYear(reportYear: number): ReportFormatYear {
  return reportYear <= 2020 ? 2019 : 2021;
}

/**
 * 救济途径 sentence for reply letters: 行政复议 within 60 days (行政复议法第二十条, 2023 revision [M])
 * or 行政诉讼 within 6 months (行政诉讼法第四十六条 [M]) of learning of the decision.
 */
export function remediesSentence(opts: { reviewOrgan?: string; court?: string } = {}): string {
  const review = opts.reviewOrgan ? `向${opts.reviewOrgan}` : '依法';
  const court = opts.court ? `向${opts.court}` : '向有管辖权的人民法院';
  return `申请人如对本答复不服，可以在收到本答复之日起60日内${review}申请行政复议，或者在6个月内${court}提起行政诉讼。`;
}

/** Remedies sentence for an outcome, or null when no reply letter is issued (e.g. 撤回). */
export function remediesFor(
  outcome: Outcome | OutcomeCode,
  opts: { reviewOrgan?: string; court?: string } = {},
): string | null {
  const o = typeof outcome === 'string' ? outcomeByCode(outcome) : outcome;
  return o.issuesReply ? remediesSentence(opts) : null;
}

/** Chinese label of an applicant type (table 三 column). */
export function applicantTypeLabel(code: ApplicantType): string {
  return APPLICANT_TYPES.find((a) => a.code === code)?.labelZh ?? code;
}
