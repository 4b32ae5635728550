/**
 * Progress of `gongkai report generate` on stderr (stdout keeps the result lines): numbered steps
 * with the time each took, and each data source as it finishes (they are gathered in parallel; on a
 * large agency the facts take most of the time). Pure apart from the injected writer and clock.
 */
import type { ReportSources } from './sources.js';

/** Chinese names of the data sources, as the office knows them. */
const SOURCE_NAMES: Record<keyof ReportSources, string> = {
  catalog: '主动公开（目录）',
  requests: '依申请公开',
  enforcement: '行政执法决定',
  interaction: '政民互动',
  events: '大事记',
  enterprises: '企业',
  notify: '发布渠道',
};

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} 秒`;

export interface StepProgress {
  /** starts step `label` (ends the previous one) */
  step(label: string): void;
  /** ends the last step and prints the total time */
  done(): void;
}

export function stepProgress(total: number, write: (line: string) => void, now: () => number): StepProgress {
  const begin = now();
  let n = 0;
  let current: { label: string; at: number } | undefined;
  const end = (): void => {
    if (current) write(`[${n}/${total}] ${current.label}：完成（${seconds(now() - current.at)}）`);
    current = undefined;
  };
  return {
    step(label) {
      end();
      n += 1;
      current = { label, at: now() };
      write(`[${n}/${total}] ${label}…`);
    },
    done() {
      end();
      write(`共用时 ${seconds(now() - begin)}`);
    },
  };
}

/** The same sources, each reporting "name：完成（t）" when its facts are in. */
export function timedSources(
  sources: ReportSources,
  write: (line: string) => void,
  now: () => number,
): ReportSources {
  const out: Partial<Record<keyof ReportSources, unknown>> = {};
  for (const key of Object.keys(sources) as (keyof ReportSources)[]) {
    const fn = sources[key] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (!fn) continue;
    out[key] = async (...args: unknown[]) => {
      const at = now();
      const r = await fn(...args);
      write(`      ${SOURCE_NAMES[key]}：完成（${seconds(now() - at)}）`);
      return r;
    };
  }
  return out as ReportSources;
}
