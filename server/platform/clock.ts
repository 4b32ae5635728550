/** Time is injected so rules and tests never read the wall clock directly. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at (or advanced manually from) a given instant, for tests and benchmarks. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (next: string) => (t = new Date(next).getTime()),
    advance: (ms: number) => (t += ms),
  };
}

/** Timestamps are stored as ISO-8601 UTC text on both engines (sortable, no driver Date quirks). */
export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}

// China observes UTC+8 all year (no DST), so the statutory calendar date is a fixed offset.
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** Today's calendar date in China (YYYY-MM-DD): statutory clocks count China's working days. */
export function todayInChina(clock: Clock): string {
  return new Date(clock.now().getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China calendar date of an ISO timestamp. */
export function chinaDateOf(isoTimestamp: string): string {
  return new Date(new Date(isoTimestamp).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
