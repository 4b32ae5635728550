import { describe, expect, it } from 'vitest';
import { focusableTables } from './portal.pages.js';

describe('focusableTables', () => {
  it('makes every data table keyboard-focusable, leaving stacked key–value tables and set tabindexes alone', () => {
    expect(
      focusableTables(
        '<table class="data"><tr><td>1</td></tr></table><table tabindex="-1"></table><table class="meta-table"></table><table>',
      ),
    ).toBe(
      '<table tabindex="0" class="data"><tr><td>1</td></tr></table><table tabindex="-1"></table><table class="meta-table"></table><table tabindex="0">',
    );
  });
  it('does not touch text that merely mentions a table', () => {
    expect(focusableTables('<p>&lt;table&gt; 与 tables</p><tablet>')).toBe(
      '<p>&lt;table&gt; 与 tables</p><tablet>',
    );
  });
});
