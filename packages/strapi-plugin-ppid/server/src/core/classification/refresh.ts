import { addMonthsInZone } from '../calendar/time-zone';

/** Berkala information is announced at least once every six months (UU 14/2008 Pasal 9 ayat (3)). */
export const DEFAULT_REFRESH_MONTHS = 6;
export const MAX_REFRESH_MONTHS = 6;

function toDate(value: Date | string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid date: ${String(value)}`);
  return d;
}

/** When a berkala item must be published again: last publication + months, in local calendar months. */
export function refreshDueDate(
  lastPublishedAt: Date | string,
  months: number = DEFAULT_REFRESH_MONTHS,
  timeZone = 'Asia/Jakarta',
): Date {
  if (!Number.isInteger(months) || months < 1 || months > MAX_REFRESH_MONTHS) {
    throw new RangeError(`refresh cycle must be 1-${MAX_REFRESH_MONTHS} months, got ${months}`);
  }
  return addMonthsInZone(toDate(lastPublishedAt), months, timeZone);
}

/** True once the refresh is due; an item never published is overdue. */
export function isRefreshOverdue(
  lastPublishedAt: Date | string | null | undefined,
  now: Date,
  months: number = DEFAULT_REFRESH_MONTHS,
  timeZone = 'Asia/Jakarta',
): boolean {
  if (lastPublishedAt == null) return true;
  return now.getTime() >= refreshDueDate(lastPublishedAt, months, timeZone).getTime();
}
