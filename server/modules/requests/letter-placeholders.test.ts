import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { allDefaultTemplates } from './letters.js';
import { assertTemplatePlaceholders, LETTER_PLACEHOLDERS, placeholdersFor } from './letter-placeholders.js';
import { placeholdersOf } from './requests.rules.js';

function codeOf(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
}

describe('letter template placeholders', () => {
  it('every built-in template passes the check its kind applies (the catalogue is complete)', () => {
    for (const t of allDefaultTemplates()) {
      expect(
        codeOf(() => assertTemplatePlaceholders(t.kind, t.title, t.body)),
        `${t.kind}/${t.outcomeCode}`,
      ).toBe(null);
      const names = new Set(placeholdersFor(t.kind).map((p) => p.name));
      for (const n of placeholdersOf(t.body)) expect(names.has(n), n).toBe(true);
    }
  });

  it('rejects a placeholder the kind does not fill, a misspelt one and an unclosed brace', () => {
    expect(
      codeOf(() => assertTemplatePlaceholders('receipt', '回执', '{{申请人}}：补正至{{补正期限}}')),
    ).toBe('unknown_placeholder');
    expect(codeOf(() => assertTemplatePlaceholders('reply', '答复', '{{申清人}}：'))).toBe(
      'unknown_placeholder',
    );
    expect(codeOf(() => assertTemplatePlaceholders('reply', '答复', '{{申请人}：'))).toBe(
      'malformed_placeholder',
    );
    expect(codeOf(() => assertTemplatePlaceholders('reply', '{{理由', '正文'))).toBe('malformed_placeholder');
    expect(codeOf(() => assertTemplatePlaceholders('supplement', '补正', '请于{{补正期限}}前补正'))).toBe(
      null,
    );
  });

  it('names are unique and every one has a description and a sample for the preview', () => {
    const names = LETTER_PLACEHOLDERS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of LETTER_PLACEHOLDERS) {
      expect(p.description.length).toBeGreaterThan(1);
      expect(p.sample.length).toBeGreaterThan(0);
    }
  });
});
