/**
 * Pure rules of case handling (依申请公开) that are not clock rules: applicant validation, stage
 * transitions (第四十五条: 登记、审核、办理、答复、归档), outcome drafting checks, description
 * normalisation for duplicate / 第四十四条 detection, and template placeholder filling. No I/O.
 */
import { DomainError, conflict, invalidField } from '../../platform/errors.js';
import { validateIdCard } from '../../platform/validation/id-card.js';
import { validateCreditCode } from '../../platform/validation/credit-code.js';
import { MOBILE_RE, validatePhone } from '../../platform/validation/phone.js';
import { isIsoDate } from '../../platform/calendar/iso-date.js';
import { OUTCOMES, outcomeByCode, type ApplicantType, type Outcome } from './outcomes.js';
import type {
  ApplicantTypeKey,
  DeliveryMethod,
  IdDocType,
  RequestChannel,
  RequestStage,
  RequestedForm,
  WithheldPart,
} from './requests.tables.js';

export const APPLICANT_TYPE_KEYS: readonly ApplicantTypeKey[] = [
  'natural',
  'commercial',
  'research',
  'publicInterest',
  'legalService',
  'other',
];

/** Table 三 column key → outcomes.ts applicant type code (same order, same labels). */
export const APPLICANT_TYPE_CODE: Record<ApplicantTypeKey, ApplicantType> = {
  natural: 'natural_person',
  commercial: 'commercial_enterprise',
  research: 'research_institution',
  publicInterest: 'social_welfare_org',
  legalService: 'legal_service_org',
  other: 'other_org',
};

export const APPLICANT_TYPE_LABELS: Record<ApplicantTypeKey, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  publicInterest: '社会公益组织',
  legalService: '法律服务机构',
  other: '其他',
};

export const CHANNEL_LABELS: Record<RequestChannel, string> = {
  online: '网上申请（门户网站）',
  in_person: '当面提交',
  registered_mail: '邮寄（需签收）',
  ordinary_mail: '平常信函',
  fax: '传真',
  email: '电子邮件',
  oral: '口头提出（工作人员代为填写）',
};

/** Channels whose receipt date is a confirmation date (第三十一条（二）平常信函、（三）). */
export const CONFIRMATION_CHANNELS: ReadonlySet<RequestChannel> = new Set([
  'online',
  'ordinary_mail',
  'fax',
  'email',
]);

export const STAGE_LABELS: Record<RequestStage, string> = {
  awaiting_confirmation: '待确认收到',
  registered: '已登记',
  assigned: '已分办',
  drafting: '拟办答复',
  review: '保密审查',
  sign_off: '负责人签发',
  replied: '已答复',
  archived: '已归档',
  discarded: '未予登记',
};

export const ID_DOC_LABELS: Record<IdDocType, string> = {
  resident_id: '居民身份证',
  credit_code: '统一社会信用代码',
  passport: '护照',
  other: '其他身份证明',
};

export const FORM_LABELS: Record<RequestedForm, string> = {
  paper: '纸质文本',
  electronic: '电子文本',
  inspect: '查阅、抄录',
  any: '不限',
};

export const DELIVERY_LABELS: Record<DeliveryMethod, string> = {
  post: '邮寄',
  email: '电子邮件',
  pickup: '当面领取',
  online: '网上获取',
};

export const LETTER_KIND_LABELS = {
  receipt: '受理回执',
  supplement: '补正告知书',
  extension: '延期答复告知书',
  third_party: '第三方征求意见书',
  fee_notice: '收费通知',
  reply: '答复告知书',
} as const;

/** Open stages: the statutory clock runs (the case has a receipt date and no reply yet). */
export const OPEN_STAGES: ReadonlySet<RequestStage> = new Set([
  'registered',
  'assigned',
  'drafting',
  'review',
  'sign_off',
]);

export function isOpenStage(stage: RequestStage): boolean {
  return OPEN_STAGES.has(stage);
}

/** Throws `wrong_stage` unless the case is in one of the stages. */
export function assertStage(stage: RequestStage, allowed: readonly RequestStage[], actionZh: string): void {
  if (!allowed.includes(stage)) {
    throw conflict('wrong_stage', `当前办理环节为“${STAGE_LABELS[stage]}”，不能${actionZh}`, {
      stage,
      allowed,
    });
  }
}

export interface ApplicantInput {
  applicantType: string;
  applicantName: string;
  contactPerson?: string | null;
  idDocType: string;
  idNumber: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  postcode?: string | null;
  description: string;
  requestedForm: string;
  deliveryMethod: string;
  /** How the applicant wants progress notices (条例 does not require it; issue 17): 'sms' | 'email' | 'none'. */
  notifyBy?: string | null;
}

/** Channels an applicant may choose for progress notices. */
export type NotifyChannel = 'sms' | 'email' | 'none';
export const NOTIFY_CHANNELS: readonly NotifyChannel[] = ['sms', 'email', 'none'];
export const NOTIFY_LABELS: Record<NotifyChannel, string> = {
  sms: '短信',
  email: '电子邮件',
  none: '不需要通知',
};

export interface ValidApplicant {
  notifyBy: NotifyChannel;
  applicantType: ApplicantTypeKey;
  applicantName: string;
  contactPerson: string | null;
  idDocType: IdDocType;
  idNumber: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  description: string;
  requestedForm: RequestedForm;
  deliveryMethod: DeliveryMethod;
}

const trimOrNull = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates 第二十九条 content: 姓名或者名称、身份证明、联系方式; the description; form and delivery.
 * Collects every field problem and throws one `invalid_application` error listing them
 * (`details.fields`: field → Chinese message), so a form can show them all at once.
 */
export function validateApplicant(input: ApplicantInput, today: string): ValidApplicant {
  const errors: Record<string, string> = {};
  const codes: Record<string, string> = {};
  const fail = (field: string, code: string, message: string) => {
    errors[field] ??= message;
    codes[field] ??= code;
  };
  const type = input.applicantType as ApplicantTypeKey;
  if (!APPLICANT_TYPE_KEYS.includes(type))
    fail('applicantType', 'invalid_applicant_type', '请选择申请人类型');
  const name = (input.applicantName ?? '').trim();
  if (name.length < 2 || name.length > 100)
    fail('applicantName', 'applicant_name_required', '请填写申请人姓名或名称（2—100字）');
  const docType = input.idDocType as IdDocType;
  let idNumber = (input.idNumber ?? '').replace(/[\s\u3000]/g, '').toUpperCase();
  if (!(docType in ID_DOC_LABELS)) fail('idDocType', 'invalid_id_doc_type', '请选择身份证明类型');
  else if (docType === 'resident_id') {
    const r = validateIdCard(idNumber, { today });
    if (r.ok) idNumber = r.normalized;
    else fail('idNumber', 'invalid_id_number', `身份证号码无效：${r.messageZh}`);
  } else if (docType === 'credit_code') {
    const r = validateCreditCode(idNumber);
    if (r.ok) idNumber = r.normalized;
    else fail('idNumber', 'invalid_credit_code', `统一社会信用代码无效：${r.messageZh}`);
  } else if (idNumber.length < 5 || idNumber.length > 40) {
    fail('idNumber', 'invalid_id_number', '请填写有效的身份证明号码');
  }
  if (type === 'natural' && docType === 'credit_code')
    fail('idDocType', 'invalid_id_doc_type', '自然人请提供居民身份证或其他个人身份证明');
  if (
    type &&
    type !== 'natural' &&
    APPLICANT_TYPE_KEYS.includes(type) &&
    docType === 'resident_id' &&
    !trimOrNull(input.contactPerson)
  )
    fail('contactPerson', 'contact_person_required', '法人或其他组织申请的，请填写联系人');
  // Lengths of the database columns (varchar on PostgreSQL): a clear Chinese answer instead of a 500.
  const tooLong = (
    field: string,
    code: string,
    value: string | null | undefined,
    max: number,
    label: string,
  ) => {
    if (value && value.trim().length > max) fail(field, code, `${label}不超过${max}字`);
  };
  tooLong('contactPerson', 'contact_person_too_long', input.contactPerson, 100, '联系人');
  tooLong('phone', 'phone_too_long', input.phone, 40, '联系电话');
  tooLong('email', 'email_too_long', input.email, 200, '电子邮箱');
  tooLong('address', 'address_too_long', input.address, 300, '通信地址');
  let phone = trimOrNull(input.phone);
  if (phone && !codes.phone) {
    const r = validatePhone(phone);
    if (r.ok) phone = r.normalized;
    else fail('phone', 'invalid_phone', r.messageZh);
  }
  const email = trimOrNull(input.email);
  if (email && !EMAIL_RE.test(email)) fail('email', 'invalid_email', '电子邮箱格式不正确');
  const address = trimOrNull(input.address);
  const postcode = trimOrNull(input.postcode);
  if (postcode && !/^\d{6}$/.test(postcode)) fail('postcode', 'invalid_postcode', '邮政编码为6位数字');
  if (!phone && !email && !address)
    fail('phone', 'contact_required', '请至少填写一种联系方式（电话、电子邮箱或通信地址）');
  const delivery = input.deliveryMethod as DeliveryMethod;
  if (!(delivery in DELIVERY_LABELS)) fail('deliveryMethod', 'invalid_delivery', '请选择获取信息的方式');
  if (delivery === 'email' && !email) fail('email', 'email_required', '选择电子邮件获取的，请填写电子邮箱');
  if (delivery === 'post' && !address) fail('address', 'address_required', '选择邮寄获取的，请填写通信地址');
  const notifyBy = (input.notifyBy ?? '') === '' ? 'none' : (input.notifyBy as NotifyChannel);
  if (!NOTIFY_CHANNELS.includes(notifyBy))
    fail('notifyBy', 'invalid_notify_channel', '请选择接收办理进度通知的方式');
  else if (notifyBy === 'sms' && !(phone && MOBILE_RE.test(phone)))
    fail(
      'phone',
      'mobile_required',
      phone ? '选择短信通知的，联系电话须为11位手机号码（如13812345678）' : '选择短信通知的，请填写手机号码',
    );
  else if (notifyBy === 'email' && !email)
    fail('email', 'email_required', '选择电子邮件通知的，请填写电子邮箱');
  const form = input.requestedForm as RequestedForm;
  if (!(form in FORM_LABELS)) fail('requestedForm', 'invalid_form', '请选择信息的形式');
  const description = (input.description ?? '').trim();
  if (description.length < 5)
    fail(
      'description',
      'description_required',
      '请填写所需政府信息的名称、文号或者便于查询的其他特征性描述（至少5个字）',
    );
  if (description.length > 2000) fail('description', 'description_too_long', '信息描述不超过2000字');
  const fields = Object.keys(errors);
  if (fields.length > 0) {
    const first = fields[0]!;
    const code = fields.length === 1 ? codes[first]! : 'invalid_application';
    throw new DomainError(code, fields.map((f) => errors[f]).join('；'), {
      field: first,
      fields: errors,
      codes,
    });
  }
  return {
    applicantType: type,
    applicantName: name,
    contactPerson: trimOrNull(input.contactPerson),
    idDocType: docType,
    idNumber,
    phone,
    email,
    address,
    postcode,
    description,
    requestedForm: form,
    deliveryMethod: delivery,
    notifyBy: notifyBy,
  };
}

/** Masks a document number: keep the first 4 and last 4 characters ('3703**********123X'). */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/**
 * Folds a description to a comparison key: full-width → half-width, lower case, no whitespace or
 * punctuation, capped at 400 chars. Two applications with the same key ask for the same information.
 */
export function descriptionKey(description: string): string {
  return description
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .slice(0, 400);
}

export interface OutcomeDraftInput {
  outcomeCode: string;
  reason?: string | null;
  legalBasis?: string | null;
  withheldParts?: WithheldPart[];
  referralAgency?: string | null;
}

export interface ValidOutcomeDraft {
  outcome: Outcome;
  reason: string;
  legalBasisRef: string;
  legalBasisText: string;
  withheldParts: WithheldPart[];
  referralAgency: string | null;
}

/** Withholding grounds a 部分公开 part may cite (第十四、十五、十六条 and non-government information). */
export const WITHHOLDING_GROUNDS = OUTCOMES.filter((o) => o.row2021.startsWith('r3_')).map((o) => ({
  code: o.code,
  labelZh: o.labelZh.replace(/^不予公开：/, ''),
  basisRef: o.basisRef,
}));

/**
 * Checks an answer draft: exactly one statutory outcome, each with its legal basis; a 部分公开 lists
 * every withheld part with its ground and reason (第三十七条); refusals state reasons (第三十六条（三）).
 */
export function validateOutcomeDraft(input: OutcomeDraftInput): ValidOutcomeDraft {
  if (!input.outcomeCode)
    throw new DomainError('legal_basis_required', '请选择办理结果及其法律依据', { field: 'outcomeCode' });
  if (!OUTCOMES.some((o) => o.code === input.outcomeCode))
    throw invalidField('outcomeCode', 'unknown_outcome', `未知的办理结果类型：${input.outcomeCode}`);
  const outcome = outcomeByCode(input.outcomeCode);
  const reason = (input.reason ?? '').trim();
  const extraBasis = (input.legalBasis ?? '').trim();
  let legalBasisRef = outcome.basisRef;
  let legalBasisText = outcome.basisTextZh;
  if (outcome.basisRef === '—' && outcome.code !== 'withdrawn') {
    if (!extraBasis)
      throw invalidField(
        'legalBasis',
        'legal_basis_required',
        '该办理结果没有固定的条例依据，请填写所依据的法律、法规条款',
      );
    legalBasisRef = extraBasis;
    legalBasisText = extraBasis;
  } else if (extraBasis) {
    legalBasisRef = `${outcome.basisRef}；${extraBasis}`;
  }
  const needsReason =
    outcome.row2021.startsWith('r3_') ||
    outcome.row2021.startsWith('r4_') ||
    outcome.row2021.startsWith('r5_') ||
    outcome.code === 'partially_provided' ||
    outcome.code === 'other';
  if (needsReason && reason.length < 4)
    throw invalidField(
      'reason',
      'reason_required',
      '不予公开、无法提供、不予处理或部分公开的，须向申请人说明理由',
    );
  const parts = (input.withheldParts ?? []).map((p) => ({
    part: (p.part ?? '').trim(),
    ground: p.ground,
    reason: (p.reason ?? '').trim(),
  }));
  if (outcome.needsWithheldPartsRecord) {
    if (parts.length === 0)
      throw invalidField(
        'withheldParts',
        'withheld_parts_required',
        '部分公开须逐项列明不予公开的内容及理由（第三十七条）',
      );
    for (const p of parts) {
      if (!p.part || !p.reason)
        throw invalidField(
          'withheldParts',
          'withheld_parts_required',
          '每一项不予公开的内容都须写明内容和理由',
        );
      if (!WITHHOLDING_GROUNDS.some((g) => g.code === p.ground))
        throw invalidField(
          'withheldParts',
          'invalid_withholding_ground',
          `不予公开的依据无效：${String(p.ground)}`,
        );
    }
  } else if (parts.length > 0) {
    throw invalidField(
      'withheldParts',
      'withheld_parts_not_allowed',
      '只有部分公开的答复才记录不予公开的部分',
    );
  }
  const referralAgency = (input.referralAgency ?? '').trim() || null;
  return { outcome, reason, legalBasisRef, legalBasisText, withheldParts: parts, referralAgency };
}

/** Fills `{{占位符}}` in a template; unknown placeholders are left visible so the office notices them. */
export function fillTemplate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (m, key: string) => values[key] ?? m);
}

/** Placeholders used in a template body. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map((m) => m[1]!))];
}

/** Throws unless `date` is a real YYYY-MM-DD not after today (statutory events cannot be in the future). */
export function assertPastDate(date: unknown, field: string, today: string): string {
  if (!isIsoDate(date)) throw invalidField(field, 'invalid_date', `日期格式不正确：${String(date)}`);
  if (date > today) throw invalidField(field, 'date_in_future', `日期（${date}）不能晚于今天（${today}）`);
  return date;
}

/** An unambiguous query-code alphabet (no 0/O, 1/I/L). */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
