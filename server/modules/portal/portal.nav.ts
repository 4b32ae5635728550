import type { NavItem } from './portal.layout.js';

/**
 * Navigation groups, so the bar holds at 1366 px however many modules add entries. A module names its
 * entry's `group`; entries that name none are placed by path below (the pages of this round), and any
 * other ungrouped entry goes under 更多 — never onto the bar itself, which only holds 首页, the groups
 * and 站内检索.
 */
export const NAV_GROUP_ORDER = [
  '政务公开',
  // A government's site group (站群): 部门导航, 站群检索, 站群公开目录 (server/modules/sitegroup).
  '部门网站',
  '政务动态',
  '依申请公开',
  '监管执法',
  '互动交流',
  '数据服务',
  '更多',
];

const BY_PATH: [RegExp, string][] = [
  [/^\/(guide|catalog|reports|columns\/[^/]+|jianyi)$/, '政务公开'],
  [/^\/(apply|track)$/, '依申请公开'],
  [/^\/(shuanggongshi|shigu|guapai|qiye|yujing)$/, '监管执法'],
  [/^\/(hudong|fabu|tingzheng)(\/.*)?$/, '互动交流'],
  [/^\/(data|opendata|shuju)(\/.*)?$/, '数据服务'],
];

/** Entries that stay on the bar itself. */
const TOP_LEVEL = /^\/(search|sitemap)?$/;

/** The group an entry belongs to: its own, else by path, else 更多 (none for 首页 and 站内检索). */
export function navGroupOf(item: NavItem, base: string): string | undefined {
  if (item.group) return item.group;
  const path = item.href.startsWith(base) ? item.href.slice(base.length) || '/' : item.href;
  if (TOP_LEVEL.test(path)) return undefined;
  for (const [re, group] of BY_PATH) if (re.test(path)) return group;
  return '更多';
}

/** Entries with their groups, groups in NAV_GROUP_ORDER (unknown groups after, in order of appearance). */
export function arrangeNav(items: readonly NavItem[], base: string): NavItem[] {
  const withGroup = items.map((i): NavItem => {
    const group = navGroupOf(i, base);
    return group ? { ...i, group } : { href: i.href, label: i.label };
  });
  const rank = (g: string | undefined) => {
    if (!g) return -1;
    const i = NAV_GROUP_ORDER.indexOf(g);
    return i === -1 ? NAV_GROUP_ORDER.length - 1 : i;
  };
  const home = withGroup.filter((i) => !i.group && i.href === `${base}/`);
  const tail = withGroup.filter((i) => !i.group && i.href !== `${base}/`);
  const grouped = withGroup
    .map((item, index) => ({ item, index }))
    .filter((x) => x.item.group)
    .sort((a, b) => rank(a.item.group) - rank(b.item.group) || a.index - b.index)
    .map((x) => x.item);
  return [...home, ...grouped, ...tail];
}
