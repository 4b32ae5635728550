import dayjs, { type Dayjs } from 'dayjs';

// China observes UTC+8 all year: a person reads China time whatever zone the browser is set to.
const CHINA_OFFSET_MS = 8 * 3600_000;

/** China wall-clock time of a timestamp with a zone (…Z or ±hh:mm); other text as the browser reads it. */
function chinaTime(iso: string, withSeconds: boolean): string {
  const pattern = withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso)) {
    const d = dayjs(iso);
    return d.isValid() ? d.format(pattern) : iso;
  }
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + CHINA_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, withSeconds ? 19 : 16)}`;
}

/**
 * Today's date in China, as a dayjs at the browser's midnight of that date: what date pickers offer and
 * compare with, so a browser set to another zone (or a clerk abroad) gets the days a clerk in China gets —
 * from 16:00 UTC the China date is already the next day.
 */
export function chinaToday(now: number = Date.now()): Dayjs {
  return dayjs(new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10));
}

/** `2026-03-01 09:30` (China time) for an ISO timestamp, `—` for none. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? chinaTime(iso, false) : '—';
}

/** `2026-03-01 09:30:15` (China time), for logs where seconds matter. */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  return iso ? chinaTime(iso, true) : '—';
}

/** Whether a lock (lockedUntil) is still in force. */
export function isLocked(lockedUntil: string | null | undefined, now: Date = new Date()): boolean {
  return !!lockedUntil && Date.parse(lockedUntil) > now.getTime();
}
