/**
 * Letters of a disclosure-on-request case as Word documents (docx package): default texts per kind
 * and per outcome, placeholder filling from editable per-agency templates, and the .docx builder.
 * The builder is pure (no database); the service numbers, stores and archives the result.
 */
import { createHash } from 'node:crypto';
import { OUTCOMES, outcomeByCode, type OutcomeCode } from './outcomes.js';
import { fillTemplate } from './requests.rules.js';
import type { LetterKind } from './requests.tables.js';

export interface LetterTemplate {
  kind: LetterKind;
  /** '' unless kind is 'reply'. */
  outcomeCode: string;
  title: string;
  body: string;
}

const HEAD = '{{申请人}}：';
const INTRO =
  '本机关于{{收到日期}}收到您提出的政府信息公开申请（受理编号：{{受理编号}}），您申请获取的政府信息为：“{{申请内容}}”。';
const CONTACT = '联系电话：{{联系电话}}　　地址：{{地址}}';

/** Outcome-specific paragraph of the 答复告知书. */
const OUTCOME_PARAGRAPH: Record<OutcomeCode, string> = {
  already_published:
    '经审查，您申请获取的政府信息已经主动公开。根据{{法律依据}}的规定，现告知您获取该政府信息的方式和途径：{{理由}}',
  provided:
    '经审查，您申请获取的政府信息属于可以公开的政府信息。根据{{法律依据}}的规定，现向您提供该政府信息。{{理由}}',
  partially_provided:
    '经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{{法律依据}}的规定，现向您提供可以公开的内容。不予公开的内容及理由如下：\n{{不予公开部分}}\n{{理由}}',
  withheld_state_secret:
    '经审查，您申请获取的政府信息属于依法确定为国家秘密的政府信息。根据{{法律依据}}的规定，不予公开。理由：{{理由}}',
  withheld_prohibited_by_law:
    '经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据{{法律依据}}的规定，不予公开。理由：{{理由}}',
  withheld_security_stability:
    '经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{{法律依据}}的规定，不予公开。理由：{{理由}}',
  withheld_third_party:
    '经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。根据{{法律依据}}的规定，不予公开。理由：{{理由}}',
  withheld_internal_affairs:
    '经审查，您申请获取的政府信息属于行政机关的内部事务信息。根据{{法律依据}}的规定，不予公开。理由：{{理由}}',
  withheld_process_information:
    '经审查，您申请获取的政府信息属于过程性信息。根据{{法律依据}}的规定，不予公开。理由：{{理由}}',
  withheld_enforcement_file:
    '经审查，您申请获取的政府信息属于行政执法案卷信息。根据{{法律依据}}的规定，不予公开。理由：{{理由}}',
  special_access_regime:
    '经审查，您申请获取的信息属于有关法律、行政法规对信息获取有特别规定的信息。根据{{法律依据}}的规定，请您依照有关法律、行政法规的规定办理。{{理由}}',
  information_not_exist:
    '经检索，本机关没有您申请公开的政府信息。根据{{法律依据}}的规定，现告知您该政府信息不存在。{{理由}}',
  not_this_agency:
    '经审查，您申请获取的政府信息不属于本机关负责公开。根据{{法律依据}}的规定，现告知如下：{{理由}}负责公开该政府信息的行政机关：{{转办机关}}。',
  requires_creation:
    '经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析。根据{{法律依据}}的规定，本机关不予提供。{{理由}}',
  unclear_after_supplement:
    '本机关已告知您作出补正，但补正后申请内容仍不明确。根据{{法律依据}}的规定，无法向您提供。{{理由}}',
  petition_complaint:
    '经审查，您提出的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{{法律依据}}的规定，不作为政府信息公开申请处理，您可以通过相应渠道提出。{{理由}}',
  repeated_application:
    '经审查，本机关已就您提出的相同政府信息公开申请作出答复。根据{{法律依据}}的规定，不予重复处理。{{理由}}',
  publication_request: '经审查，您申请获取的是公开出版物。根据{{法律依据}}的规定，现告知获取途径：{{理由}}',
  unreasonable_volume:
    '您申请公开政府信息的数量、频次明显超过合理范围，本机关认为您说明的理由不合理。根据{{法律依据}}的规定，不予处理。{{理由}}',
  confirm_or_reissue:
    '经审查，您要求本机关确认或重新出具已获取的信息。根据{{法律依据}}，不作为政府信息公开申请处理。{{理由}}',
  supplement_not_provided:
    '本机关已于{{补正告知日期}}告知您作出补正，您无正当理由逾期未补正。根据{{法律依据}}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。',
  fee_not_paid:
    '本机关已于{{收费通知日期}}向您发出收费通知，您逾期未缴纳信息处理费。根据{{法律依据}}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。',
  withdrawn: '您已申请撤回该政府信息公开申请，本机关不再处理。',
  other: '经审查，根据{{法律依据}}，处理如下：{{理由}}',
};

/** The built-in default template of a kind (and outcome, for replies). */
export function defaultTemplate(kind: LetterKind, outcomeCode = ''): LetterTemplate {
  switch (kind) {
    case 'receipt':
      return {
        kind,
        outcomeCode: '',
        title: '政府信息公开申请受理回执',
        body: [
          HEAD,
          '本机关于{{收到日期}}收到您提出的政府信息公开申请，受理编号为{{受理编号}}。申请内容：“{{申请内容}}”。',
          '依据《中华人民共和国政府信息公开条例》第三十一条，收到申请之日为{{收到日期}}（{{收到依据}}）。本机关将依照条例第三十三条的规定，自收到申请之日起20个工作日内（即{{答复期限}}前）予以答复；需要延长答复期限的，将另行告知。',
          '您可以凭受理编号和查询码在本机关政府信息公开网站“依申请公开查询”栏目查询办理进度。',
          CONTACT,
        ].join('\n\n'),
      };
    case 'supplement':
      return {
        kind,
        outcomeCode: '',
        title: '政府信息公开申请补正告知书',
        body: [
          HEAD,
          INTRO,
          '经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正：\n{{补正事项}}',
          '请您于{{补正期限}}前提交补正材料。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
          CONTACT,
        ].join('\n\n'),
      };
    case 'extension':
      return {
        kind,
        outcomeCode: '',
        title: '政府信息公开申请延期答复告知书',
        body: [
          HEAD,
          INTRO,
          '因{{延期理由}}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长天数}}个工作日，延长后的答复期限为{{延长后期限}}。',
          CONTACT,
        ].join('\n\n'),
      };
    case 'third_party':
      return {
        kind,
        outcomeCode: '',
        title: '政府信息公开第三方意见征询函',
        body: [
          '{{第三方}}：',
          '本机关收到一件政府信息公开申请（受理编号：{{受理编号}}），申请公开的政府信息可能涉及贵方合法权益，涉及事项：{{征求事项}}。',
          '根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。请贵方自收到本函之日起15个工作日内（{{答复意见期限}}前）提出书面意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。贵方不同意公开的，请说明理由。',
          CONTACT,
        ].join('\n\n'),
      };
    case 'fee_notice':
      return {
        kind,
        outcomeCode: '',
        title: '政府信息公开信息处理费收费通知',
        body: [
          HEAD,
          INTRO,
          '根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》的规定，本机关决定对您的申请收取信息处理费。收费依据：{{收费依据}}；收费标准：{{收费标准}}；收费金额：{{收费金额}}。',
          '请您在收到本通知次日起20个工作日内（{{缴费期限}}前）缴纳费用。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。',
          CONTACT,
        ].join('\n\n'),
      };
    case 'reply': {
      const o = outcomeByCode(outcomeCode);
      return {
        kind,
        outcomeCode: o.code,
        title: `政府信息公开申请答复告知书（${o.labelZh}）`,
        body: [HEAD, INTRO, OUTCOME_PARAGRAPH[o.code], o.issuesReply ? '{{救济途径}}' : '', CONTACT]
          .filter(Boolean)
          .join('\n\n'),
      };
    }
  }
}

/** Every default template (5 kinds + one reply per outcome). */
export function allDefaultTemplates(): LetterTemplate[] {
  return [
    ...(['receipt', 'supplement', 'extension', 'third_party', 'fee_notice'] as const).map((k) =>
      defaultTemplate(k),
    ),
    ...OUTCOMES.map((o) => defaultTemplate('reply', o.code)),
  ];
}

const mm = (v: number) => Math.round((v / 25.4) * 1440);
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

/**
 * 党政机关公文格式 (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm
 * (天头 37 mm, 订口 28 mm: a 156 × 225 mm 版心); body 三号仿宋_GB2312 (16 pt) on a 28 pt grid; title
 * 二号小标宋 (22 pt). Values in twips and half-points as Word stores them.
 */
export const GBT9704 = {
  pageSize: { width: 11906, height: 16838 },
  margins: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  bodyFont: font('仿宋_GB2312'),
  bodySize: 32,
  titleFont: font('方正小标宋简体'),
  titleSize: 44,
  lineTwips: 560,
  /** 发文机关标志 and 分隔线 are red (GB/T 9704 7.2.3, 7.2.5). */
  red: 'C00000',
  /** 发文机关标志: 小标宋, larger than the title (信函格式: 上边缘至版心上边缘 30 mm). */
  headerSize: 60,
} as const;

/** 2026-12-07 → 2026年12月7日 (成文日期 in Arabic numerals, no leading zeros: GB/T 9704 7.3.5.2). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Text of the seal slot above the 成文日期, where the office stamps the letter (印章). */
export const SEAL_PLACEHOLDER = '（印章）';

export interface BuiltLetter {
  title: string;
  paragraphs: string[];
  bytes: Buffer;
  sha256: string;
}

/**
 * Builds the .docx as an office letter (信函格式): the agency's name in red (红头) over a red double rule,
 * the letter number (文号) right-aligned under it, the title, the filled body, then the 落款 — the
 * agency's name and the date in Chinese, with the seal slot (印章) above them for the stamp.
 */
export async function buildLetterDocx(input: {
  template: LetterTemplate;
  values: Record<string, string | undefined>;
  letterNumber: string;
  agencyName: string;
  date: string;
  /** The 成文日期 as printed, when not the Chinese form of `date` (the Word starter template's tag). */
  dateText?: string;
}): Promise<BuiltLetter> {
  // docx is loaded on the first letter built, not at start-up (issue 12).
  const { AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph, TextRun } =
    await import('docx');
  const title = fillTemplate(input.template.title, input.values);
  const paragraphs = fillTemplate(input.template.body, input.values)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const dateZh = input.dateText ?? chineseDate(input.date);
  const body = (text: string, indent: boolean) =>
    text.split('\n').map(
      (line) =>
        new Paragraph({
          children: [new TextRun({ text: line })],
          indent: indent && !line.endsWith('：') ? { firstLine: 640 } : undefined,
          spacing: { line: GBT9704.lineTwips, lineRule: LineRuleType.EXACT },
        }),
    );
  const doc = new Document({
    creator: input.agencyName,
    title,
    styles: { default: { document: { run: { font: GBT9704.bodyFont, size: GBT9704.bodySize } } } },
    sections: [
      {
        properties: { page: { size: GBT9704.pageSize, margin: GBT9704.margins } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            border: {
              bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: GBT9704.red, space: 6 },
            },
            children: [
              new TextRun({
                text: input.agencyName,
                size: GBT9704.headerSize,
                font: GBT9704.titleFont,
                color: GBT9704.red,
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 120, after: 240 },
            children: [new TextRun({ text: input.letterNumber })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 280 },
            children: [new TextRun({ text: title, size: GBT9704.titleSize, font: GBT9704.titleFont })],
          }),
          ...paragraphs.flatMap((p, i) => body(p, i > 0)),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: 640 },
            spacing: { line: GBT9704.lineTwips, lineRule: LineRuleType.EXACT },
            keepNext: true,
            children: [new TextRun({ text: SEAL_PLACEHOLDER, color: '808080' })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: 640 },
            spacing: { line: GBT9704.lineTwips, lineRule: LineRuleType.EXACT },
            keepNext: true,
            children: [new TextRun({ text: input.agencyName })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: 640 },
            spacing: { line: GBT9704.lineTwips, lineRule: LineRuleType.EXACT },
            children: [new TextRun({ text: dateZh })],
          }),
        ],
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  return { title, paragraphs, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
