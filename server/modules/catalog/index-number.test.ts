import { describe, it, expect } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import {
  DEFAULT_INDEX_TEMPLATE,
  indexCounterKey,
  parseIndexTemplate,
  renderIndexNumber,
  validateIndexTemplate,
} from './index-number.js';

const CODE = '91350100M000100Y43';

/** Runs fn and returns the DomainError it throws. */
function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('parseIndexTemplate / validateIndexTemplate', () => {
  it('parses the default template', () => {
    expect(validateIndexTemplate(DEFAULT_INDEX_TEMPLATE)).toEqual([
      { type: 'placeholder', name: 'creditCode' },
      { type: 'literal', text: '/' },
      { type: 'placeholder', name: 'year' },
      { type: 'literal', text: '-' },
      { type: 'placeholder', name: 'serial', width: 5 },
    ]);
  });

  it('accepts the observed local formats', () => {
    expect(() => validateIndexTemplate('{orgCode}/{year}-{serial:5}')).not.toThrow(); // gov.cn
    expect(() => validateIndexTemplate('FZ00503-{columnCode}-{year}-{serial:5}')).not.toThrow(); // 福州
    expect(() => validateIndexTemplate('NB-{columnCode}-{yyyymmdd}-{serial:4}')).not.toThrow(); // 宁波-style
    expect(() => validateIndexTemplate('{creditCode}/{year}-{serial}')).not.toThrow();
  });

  it.each([
    ['{creditCode}/{year}', '索引号模板必须包含流水号占位符{serial}或{serial:N}'],
    ['{creditCode}-{serial:5}', '索引号模板必须包含{year}或{yyyymmdd}，以保证每年的索引号不重复'],
    ['{year}-{serial:3}-{serial:3}', '索引号模板只能包含一个流水号占位符'],
    ['{agency}/{year}-{serial:5}', '索引号模板含有未知占位符“{agency}”'],
    ['{year:4}-{serial:5}', '只有流水号占位符可以指定位数：“{year:4}”'],
    ['{year}-{serial:0}', '流水号位数应为1—12'],
    ['{year}-{serial:5', '索引号模板中的花括号不成对'],
    ['{year}}-{serial:5}', '索引号模板中的花括号不成对'],
    ['{year} {serial:5}', '索引号模板不能包含空白字符'],
    ['', '索引号模板长度应为1—100个字符'],
  ])('rejects %j', (template, messageZh) => {
    const err = domainError(() => validateIndexTemplate(template));
    expect(err.code).toBe('invalid_index_template');
    expect(err.messageZh).toBe(messageZh);
    expect(err.details).toEqual({ field: 'indexTemplate', template });
  });

  it('parse alone does not apply the uniqueness rules', () => {
    expect(parseIndexTemplate('{creditCode}')).toEqual([{ type: 'placeholder', name: 'creditCode' }]);
  });
});

describe('renderIndexNumber', () => {
  it('renders the default template with a zero-padded serial', () => {
    expect(renderIndexNumber(DEFAULT_INDEX_TEMPLATE, { creditCode: CODE, year: 2023, serial: 2 })).toBe(
      '91350100M000100Y43/2023-00002',
    );
  });

  it('takes the year from the date and normalizes the credit code', () => {
    expect(
      renderIndexNumber(DEFAULT_INDEX_TEMPLATE, {
        creditCode: CODE.toLowerCase(),
        date: '2018-12-21',
        serial: 222,
      }),
    ).toBe('91350100M000100Y43/2018-00222');
  });

  it('renders {orgCode} as chars 9–17 of the credit code (gov.cn style)', () => {
    expect(
      renderIndexNumber('{orgCode}/{year}-{serial:5}', {
        creditCode: '111000000000143498',
        year: 2018,
        serial: 222,
      }),
    ).toBe('000014349/2018-00222');
  });

  it('renders {columnCode}, {yyyymmdd} and an unpadded {serial}', () => {
    expect(
      renderIndexNumber('NB-{columnCode}-{yyyymmdd}-{serial}', {
        columnCode: 'ZC01',
        date: '2023-02-09',
        serial: 17,
      }),
    ).toBe('NB-ZC01-20230209-17');
  });

  it('throws on missing or invalid values', () => {
    expect(domainError(() => renderIndexNumber(DEFAULT_INDEX_TEMPLATE, { year: 2023, serial: 1 })).code).toBe(
      'index_value_missing',
    );
    expect(
      domainError(() => renderIndexNumber(DEFAULT_INDEX_TEMPLATE, { creditCode: CODE, serial: 1 })).code,
    ).toBe('index_value_missing');
    expect(
      domainError(() =>
        renderIndexNumber(DEFAULT_INDEX_TEMPLATE, {
          creditCode: '91350100M000100Y44',
          year: 2023,
          serial: 1,
        }),
      ).code,
    ).toBe('invalid_credit_code');
    expect(
      domainError(() =>
        renderIndexNumber(DEFAULT_INDEX_TEMPLATE, { creditCode: CODE, year: 2023, serial: 0 }),
      ).code,
    ).toBe('index_value_invalid');
    expect(
      domainError(() =>
        renderIndexNumber(DEFAULT_INDEX_TEMPLATE, { creditCode: CODE, date: '2023-02-30', serial: 1 }),
      ).code,
    ).toBe('index_value_invalid');
    expect(
      domainError(() =>
        renderIndexNumber(DEFAULT_INDEX_TEMPLATE, {
          creditCode: CODE,
          year: 2022,
          date: '2023-01-01',
          serial: 1,
        }),
      ).messageZh,
    ).toBe('年份与日期不一致');
    expect(
      domainError(() =>
        renderIndexNumber('{columnCode}-{year}-{serial}', { columnCode: '政策/1', year: 2023, serial: 1 }),
      ).code,
    ).toBe('index_value_invalid');
  });

  it('throws index_serial_overflow rather than widening the fixed format', () => {
    expect(renderIndexNumber('{year}-{serial:3}', { year: 2023, serial: 999 })).toBe('2023-999');
    const err = domainError(() => renderIndexNumber('{year}-{serial:3}', { year: 2023, serial: 1000 }));
    expect(err.code).toBe('index_serial_overflow');
    expect(err.details).toEqual({ serial: 1000, width: 3 });
  });
});

describe('indexCounterKey', () => {
  it('partitions serials by everything except the serial', () => {
    expect(indexCounterKey(DEFAULT_INDEX_TEMPLATE, { creditCode: CODE, year: 2023 })).toBe(
      '91350100M000100Y43/2023-#',
    );
    const a = indexCounterKey('{columnCode}-{year}-{serial:4}', { columnCode: 'A', year: 2023 });
    const b = indexCounterKey('{columnCode}-{year}-{serial:4}', { columnCode: 'B', year: 2023 });
    expect(a).not.toBe(b);
  });
});
