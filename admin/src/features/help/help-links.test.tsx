import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { menuEntries } from '../registry';
import { HELP, helpHref } from './help-links';
import { headingsOf, renderMarkdown, targetsOf } from './markdown';
import { MANUAL_FILES } from './ManualPage';

// The manual as the build sees it (no file-system access in the console's tests).
const RAW = import.meta.glob('../../../../docs/manual/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as unknown as Record<string, string>;
const IMAGES = new Set(
  Object.keys(
    import.meta.glob('../../../../docs/manual/img/*', { query: '?url', import: 'default', eager: true }),
  ).map((p) => p.replace(/^.*\/img\//, 'img/')),
);
const TEXT = new Map(
  Object.entries(RAW).map(([p, text]) => [p.replace(/^.*\//, '').replace(/\.md$/, ''), text]),
);
// Every doc of the repository, for the manual's links to the operator's docs (../operations/…).
const DOCS = new Set(
  Object.keys(import.meta.glob('../../../../docs/**/*.md')).map((p) => p.replace(/^(\.\.\/)+docs\//, '')),
);
const exists = (file: string) => TEXT.has(file);
const read = (file: string) => TEXT.get(file)!;

afterEach(cleanup);

describe('help links from the console to the manual', () => {
  it('every console page has a help target, and no target names a page that is not there', () => {
    const keys = new Set(menuEntries.map((e) => e.key));
    expect(menuEntries.filter((e) => !HELP[e.key]).map((e) => e.key)).toEqual([]);
    expect(Object.keys(HELP).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('every help target is a manual file with that heading (no dead links)', () => {
    const dead: string[] = [];
    for (const [key, t] of Object.entries(HELP)) {
      if (!exists(t.file)) {
        dead.push(`${key}: ${t.file}.md`);
        continue;
      }
      if (t.heading && !headingsOf(read(t.file)).some((h) => h.text === t.heading))
        dead.push(`${key}: ${t.file}.md#${t.heading}`);
    }
    expect(dead).toEqual([]);
  });

  it('the console carries every manual file, and every link and picture inside the manual resolves', () => {
    const files = [...TEXT.keys()].sort();
    expect(files.length).toBeGreaterThan(10);
    expect(MANUAL_FILES).toEqual(files);
    const dead: string[] = [];
    for (const file of files) {
      for (const { target } of targetsOf(read(file))) {
        if (/^https?:\/\//.test(target)) continue;
        const [p, anchor] = decodeURIComponent(target).split('#') as [string, string | undefined];
        if (p.startsWith('img/')) {
          if (!IMAGES.has(p)) dead.push(`${file}.md → ${target}`);
          continue;
        }
        if (p.startsWith('../')) {
          // Outside the manual (shown as text in the console): the file must still be there.
          if (!DOCS.has(p.replace(/^\.\.\//, ''))) dead.push(`${file}.md → ${target}`);
          continue;
        }
        const other = p ? /^([^/]+)\.md$/.exec(p)?.[1] : file;
        if (!other || !exists(other)) dead.push(`${file}.md → ${target}`);
        else if (anchor && !headingsOf(read(other)).some((h) => h.slug === anchor))
          dead.push(`${file}.md → ${target}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it('a help address opens the file at the heading the renderer gives that id', () => {
    const t = HELP['requests-templates']!;
    expect(helpHref(t)).toBe(
      `/admin/manual/${encodeURIComponent('信息员-依申请公开')}#${encodeURIComponent('文书模板（政务公开办）')}`,
    );
    render(
      <div>{renderMarkdown(read(t.file), { imageUrl: () => undefined, linkUrl: () => undefined })}</div>,
    );
    const heading = screen.getByRole('heading', { name: '文书模板（政务公开办）' });
    expect(heading.id).toBe('文书模板（政务公开办）');
  });

  it('renders the manual’s Markdown as text, never as HTML', () => {
    const md = [
      '# 标题',
      '',
      '第一行',
      '第二行 **加粗** 和 `代码`。<script>alert(1)</script>',
      '',
      '- 一项',
      '  续行',
      '1. 第一步',
      '',
      '| 列 | 说明 |',
      '| -- | ---- |',
      '| A | [链接](other.md#x) |',
      '',
      '![截图](img/a.png)',
    ].join('\n');
    const { container } = render(
      <div>
        {renderMarkdown(md, {
          imageUrl: (src) => `/assets/${src}`,
          linkUrl: (href) => `/admin/manual/${href}`,
        })}
      </div>,
    );
    expect(container.querySelector('h2')!.textContent).toBe('标题');
    expect(container.querySelector('p')!.textContent).toBe(
      '第一行第二行 加粗 和 代码。<script>alert(1)</script>',
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('strong')!.textContent).toBe('加粗');
    expect(container.querySelector('ul li')!.textContent).toBe('一项续行');
    expect(container.querySelector('ol li')!.textContent).toBe('第一步');
    expect(container.querySelector('td a')!.getAttribute('href')).toBe('/admin/manual/other.md#x');
    expect(container.querySelector('img')!.getAttribute('src')).toBe('/assets/img/a.png');
  });
});
