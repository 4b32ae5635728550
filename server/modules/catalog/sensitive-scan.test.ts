import { describe, it, expect } from 'vitest';
import { creditCodeCheckChar, orgCodeCheckChar } from '../../platform/validation/credit-code.js';
import {
  fingerprintOf,
  maskText,
  scanText,
  SECRECY_MARK_RULES,
  unresolvedFindings,
  type SecrecyMarkRule,
} from './sensitive-scan.js';

const ID = '110101199003074514'; // valid check char (Σ = 206, mod 11 = 8 → '4')
const ID_X = '11010519491231002X';

/** A valid 个体工商户 code built by computing both check chars. */
function personCode(): string {
  const first17 = '92350102' + 'MA2Y0X1B' + orgCodeCheckChar('MA2Y0X1B');
  return first17 + creditCodeCheckChar(first17);
}

describe('scanText: ID numbers', () => {
  it('finds a valid ID number with offsets, mask and masked context', () => {
    const text = `申请人张三，身份证号${ID}，住福州市。`;
    const [f, ...rest] = scanText(text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'id_number',
      match: ID,
      masked: '110***********4514',
      start: 10,
      end: 28,
      severity: 'high',
    });
    expect(text.slice(f!.start, f!.end)).toBe(ID);
    expect(f!.context).toBe('申请人张三，身份证号110***********4514，住福州市。');
    expect(f!.context).not.toContain(ID);
  });

  it('limits context to contextChars either side', () => {
    const text = `0123456789ABCDEFGHIJ号码${ID}之后还有一些很长很长很长很长的文字`;
    const [f] = scanText(text, { contextChars: 5 });
    expect(f!.context).toBe('HIJ号码110***********4514之后还有一');
  });

  it('accepts a trailing x and ignores 18-digit strings with a wrong check digit', () => {
    expect(scanText(`号码：${ID_X.toLowerCase()}`).map((f) => f.kind)).toEqual(['id_number']);
    expect(scanText('编号110101199003074515').filter((f) => f.kind === 'id_number')).toEqual([]);
    expect(scanText('流水号123456789012345678').filter((f) => f.kind === 'id_number')).toEqual([]);
  });

  it('ignores an ID-shaped run inside a longer digit run', () => {
    expect(scanText(`9${ID}`)).toEqual([]);
    expect(scanText(`${ID}7`)).toEqual([]);
  });
});

describe('scanText: mobile numbers', () => {
  it('finds plain, separated and +86 numbers and masks the middle four', () => {
    const found = scanText('电话13812345678；手机 138-1234-5678；或+86 139 1234 5678。');
    expect(found.map((f) => [f.match, f.masked])).toEqual([
      ['13812345678', '138****5678'],
      ['138-1234-5678', '138-****-5678'],
      ['+86 139 1234 5678', '+86 139 **** 5678'],
    ]);
  });

  it('finds numbers written in full-width digits, keeping the original match and offsets', () => {
    const text = '电话１３８１２３４５６７８，证号１１０１０５１９４９１２３１００２Ｘ';
    const found = scanText(text);
    expect(found.map((f) => [f.kind, f.match, f.masked])).toEqual([
      ['mobile', '１３８１２３４５６７８', '138****5678'],
      ['id_number', '１１０１０５１９４９１２３１００２Ｘ', '110***********002X'],
    ]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('１３８１２３４５６７８');
    expect(found[0]!.fingerprint).toBe(fingerprintOf('mobile', '13812345678'));
  });

  it('does not match inside longer digit runs, ID numbers or with a bad second digit', () => {
    expect(scanText('订单号2013812345678901')).toEqual([]);
    expect(scanText('代码A13812345678')).toEqual([]);
    expect(scanText('12812345678')).toEqual([]);
    // The ID contains 11 digits starting with 1[3-9]? no: only the ID is reported.
    expect(scanText(`证号${ID}`).map((f) => f.kind)).toEqual(['id_number']);
  });

  it('gives the same fingerprint for the same number written differently', () => {
    const [a, b] = scanText('13812345678 和 138 1234 5678');
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(a!.fingerprint).toMatch(/^mobile:[0-9a-f]{16}$/);
  });
});

describe('scanText: bank cards', () => {
  it('finds Luhn-valid cards with a known prefix, contiguous or grouped', () => {
    const found = scanText('收款账号6222021234567890128，另卡 5312 3456 7890 1233。');
    expect(found.map((f) => [f.kind, f.masked])).toEqual([
      ['bank_card', '6222***********0128'],
      ['bank_card', '5312 **** **** 1233'],
    ]);
  });

  it('ignores Luhn failures, unknown prefixes and parts of longer grouped runs', () => {
    expect(scanText('6222021234567890127')).toEqual([]);
    expect(scanText('1234567890123452')).toEqual([]); // Luhn-valid but prefix 1
    expect(scanText('5312 3456 7890 1233 4567')).toEqual([]);
  });

  it('prefers the ID reading when an 18-digit number is both', () => {
    // 41…: a valid 河南 ID that also starts with the Visa prefix 4.
    const f17 = '41010219900101123';
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let s = 0;
    for (let i = 0; i < 17; i++) s += Number(f17[i]) * W[i]!;
    const id = f17 + '10X98765432'[s % 11];
    const found = scanText(`号码${id}`);
    expect(found.map((f) => f.kind)).toEqual(['id_number']);
  });
});

describe('scanText: 个体工商户 credit codes', () => {
  it('flags a valid 92 code for review and masks the 主体标识码', () => {
    const code = personCode();
    const [f] = scanText(`经营者统一社会信用代码：${code}。`);
    expect(f).toMatchObject({ kind: 'credit_code_person', severity: 'review', match: code });
    expect(f!.masked).toBe(`92350102*********${code.slice(17)}`);
  });

  it('ignores enterprise codes and invalid 92 codes', () => {
    expect(scanText('代码91350100M000100Y43')).toEqual([]);
    const code = personCode();
    const broken = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    expect(scanText(broken)).toEqual([]);
  });
});

describe('scanText: secrecy marks', () => {
  const marks = (text: string): string[] =>
    scanText(text, { kinds: ['secrecy_mark'] }).map((f) => `${f.ruleId}=${f.match}`);

  it('flags 密级★期限 anywhere', () => {
    expect(marks('机密★1年\n关于……的通知')).toEqual(['classification_star=机密★1年']);
    expect(marks('秘密 ★ 6个月')).toEqual(['classification_star=秘密 ★ 6个月']);
    expect(marks('绝密★长期')).toEqual(['classification_star=绝密★长期']);
    expect(marks('秘密★')).toEqual(['classification_star=秘密★']);
  });

  it('flags a bare 密级 alone at line start, in brackets, or after 密级：', () => {
    expect(marks('份号 000123\n秘密\n特急\n')).toEqual(['classification_line=秘密']);
    expect(marks('  机密　特急')).toEqual(['classification_line=机密']);
    expect(marks('标注【机密】字样')).toEqual(['classification_bracketed=【机密】']);
    expect(marks('（绝密）')).toEqual(['classification_bracketed=（绝密）']);
    expect(marks('密级：秘密')).toEqual(['classification_label=密级：秘密']);
  });

  it('does not flag 秘密 and 机密 inside ordinary legal wording', () => {
    expect(
      marks(
        '行政机关不得公开涉及商业秘密、个人隐私的政府信息。依法确定为国家秘密的政府信息不予公开。\n' +
          '秘密地进行调查。\n机密信息管理办法\n工作秘密',
      ),
    ).toEqual([]);
  });

  it('flags handling phrases and 公开属性 notes', () => {
    expect(marks('内部资料 注意保密，不得外传；严禁外传。内部文件。仅供内部参阅')).toEqual([
      'internal_material=内部资料',
      'keep_confidential=注意保密',
      'no_distribution=不得外传',
      'no_distribution=严禁外传',
      'internal_document=内部文件',
      'internal_use=仅供内部参阅',
    ]);
    const f = scanText('（此件不公开）', { kinds: ['secrecy_mark'] });
    expect(f[0]).toMatchObject({
      ruleId: 'not_public_attribute',
      severity: 'block',
      masked: '（此件不公开）',
    });
    expect(marks('(此件依申请公开)')).toEqual(['on_request_attribute=(此件依申请公开)']);
    expect(marks('（此件公开发布）')).toEqual([]);
  });

  it('accepts a custom rule list', () => {
    const rules: SecrecyMarkRule[] = [
      { id: 'x', labelZh: '测试', severity: 'review', pattern: '仅限本单位' },
    ];
    expect(
      scanText('仅限本单位；内部资料', { kinds: ['secrecy_mark'], secrecyRules: rules }).map((f) => f.match),
    ).toEqual(['仅限本单位']);
  });

  it('every default rule compiles and has a unique id', () => {
    expect(new Set(SECRECY_MARK_RULES.map((r) => r.id)).size).toBe(SECRECY_MARK_RULES.length);
    for (const r of SECRECY_MARK_RULES) expect(() => new RegExp(r.pattern, 'gmu')).not.toThrow();
  });
});

describe('scanText: mixed text, contexts and options', () => {
  it('orders findings by position and masks neighbours in each context', () => {
    const text = `张三${ID}电话13812345678`;
    const found = scanText(text);
    expect(found.map((f) => f.kind)).toEqual(['id_number', 'mobile']);
    expect(found[1]!.context).toBe('*********4514电话138****5678'); // 15 chars before: 13 of the ID + 电话;
    expect(found[0]!.context).not.toContain('13812345678');
  });

  it('filters kinds', () => {
    expect(scanText(`${ID} 13812345678`, { kinds: ['mobile'] }).map((f) => f.kind)).toEqual(['mobile']);
  });

  it('returns nothing for clean text', () => {
    expect(scanText('福州市应急管理局2023年政府信息公开工作年度报告，索引号000014349/2018-00222。')).toEqual(
      [],
    );
  });

  it('uses HMAC fingerprints with a key', () => {
    const plain = fingerprintOf('id_number', ID);
    const keyed = fingerprintOf('id_number', ID, 'tenant-secret');
    expect(keyed).toMatch(/^id_number:[0-9a-f]{16}$/);
    expect(keyed).not.toBe(plain);
    expect(scanText(ID, { fingerprintKey: 'tenant-secret' })[0]!.fingerprint).toBe(keyed);
    expect(fingerprintOf('id_number', ID_X.toLowerCase())).toBe(fingerprintOf('id_number', ID_X));
  });

  it('drops overridden findings on rescan and masks text', () => {
    const text = `电话13812345678，身份证${ID}`;
    const first = scanText(text);
    const overrides = [first[0]!.fingerprint]; // reviewer: the phone is the office's public number
    const rescan = scanText(`修改后：${text}`);
    expect(unresolvedFindings(rescan, overrides).map((f) => f.kind)).toEqual(['id_number']);
    expect(maskText(text, first)).toBe('电话138****5678，身份证110***********4514');
  });
});
