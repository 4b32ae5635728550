import dayjs from 'dayjs';

/** `2026-03-01 09:30` for an ISO timestamp, `—` for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** `2026-03-01 09:30:15`, for logs where seconds matter. */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** Whether a lock (lockedUntil) is still in force. */
export function isLocked(lockedUntil: string | null | undefined, now: Date = new Date()): boolean {
  return !!lockedUntil && Date.parse(lockedUntil) > now.getTime();
}
