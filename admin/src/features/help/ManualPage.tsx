import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Flex, Spin, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { Link, useRoute } from '../../app/router';
import { renderMarkdown } from './markdown';

declare global {
  interface ImportMeta {
    glob: (
      pattern: string,
      options?: { query?: string; import?: string; eager?: boolean },
    ) => Record<string, () => Promise<string>>;
  }
}

// The manual is built into the console: each file is its own chunk, loaded when opened; the
// screenshots are copied into the build with hashed names.
const FILES = import.meta.glob('../../../../docs/manual/*.md', { query: '?raw', import: 'default' });
const IMAGES = import.meta.glob('../../../../docs/manual/img/*.png', { query: '?url', import: 'default' });
const nameOf = (p: string) => p.replace(/^.*\//, '').replace(/\.md$/, '');
const byName = new Map(Object.entries(FILES).map(([p, load]) => [nameOf(p), load]));
const imageLoaders = new Map(
  Object.entries(IMAGES).map(([p, load]) => [p.replace(/^.*\/img\//, 'img/'), load]),
);

/** The manual files the console carries (names without .md). */
export const MANUAL_FILES = [...byName.keys()].sort();

async function loadImages(markdown: string): Promise<Map<string, string>> {
  const wanted = [...markdown.matchAll(/!\[[^\]]*\]\((img\/[^)\s]+)\)/g)].map((m) => m[1]!);
  const urls = new Map<string, string>();
  await Promise.all(
    wanted.map(async (src) => {
      const load = imageLoaders.get(src);
      if (load) urls.set(src, await load());
    }),
  );
  return urls;
}

/** 使用手册: a file of docs/manual, opened at the section a page's help link names. */
export default function ManualPage() {
  const { path } = useRoute();
  const file = decodeURIComponent(path.replace(/^\/manual\/?/, '')) || 'README';
  const [doc, setDoc] = useState<{ file: string; text: string; images: Map<string, string> } | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const load = byName.get(file);
    setMissing(!load);
    if (!load) return;
    let live = true;
    void load().then(async (text) => {
      const images = await loadImages(text);
      if (live) setDoc({ file, text, images });
    });
    return () => {
      live = false;
    };
  }, [file]);
  const content = useMemo(
    () =>
      doc
        ? renderMarkdown(doc.text, {
            imageUrl: (src) => doc.images.get(src),
            linkUrl: (href) => {
              if (/^https?:\/\//.test(href)) return href;
              if (href.startsWith('#')) return href;
              const m = /^([^/#]+)\.md(#.*)?$/.exec(href);
              return m && byName.has(decodeURIComponent(m[1]!))
                ? `/admin/manual/${encodeURIComponent(decodeURIComponent(m[1]!))}${m[2] ?? ''}`
                : undefined;
            },
          })
        : null,
    [doc],
  );
  // Open at the section the help link names, once it is on the page.
  useEffect(() => {
    if (!doc) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    const go = () => document.getElementById(id)?.scrollIntoView();
    go();
    // Pictures above the section push it down as they load: follow it until they have.
    const pending = [...document.querySelectorAll<HTMLImageElement>('.gk-manual img')].filter(
      (i) => !i.complete,
    );
    for (const img of pending) img.addEventListener('load', go, { once: true });
    return () => {
      for (const img of pending) img.removeEventListener('load', go);
    };
  }, [doc]);
  return (
    <div>
      <PageHeader
        title="使用手册"
        description="按角色编写的操作说明；每个页面右上角的“帮助”打开本页对应的章节。"
        extra={<Link to="/manual">手册目录</Link>}
      />
      {missing ? (
        <Alert type="warning" showIcon title={`没有名为“${file}”的手册`} />
      ) : !doc || doc.file !== file ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin description="正在加载…" />
        </Flex>
      ) : (
        <Card size="small">
          <Typography className="gk-manual">{content}</Typography>
        </Card>
      )}
    </div>
  );
}
