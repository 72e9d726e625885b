/**
 * Fixed-offset time zones. Indonesia has had no daylight saving since 1964, so a zone is
 * just an offset from UTC; this keeps the core free of tz databases and libraries.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Zones known by name; anything else must be written as an offset ("+07:00", "UTC+8"). */
export const KNOWN_TIME_ZONES: Readonly<Record<string, number>> = {
  'Asia/Jakarta': 7 * 60, // WIB
  'Asia/Pontianak': 7 * 60, // WIB
  'Asia/Makassar': 8 * 60, // WITA
  'Asia/Jayapura': 9 * 60, // WIT
  UTC: 0,
  'Etc/UTC': 0,
};

const OFFSET_PATTERN = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Offset in minutes east of UTC, or throws RangeError for an unknown zone. */
export function utcOffsetMinutes(timeZone: string): number {
  const known = KNOWN_TIME_ZONES[timeZone];
  if (known !== undefined) return known;
  const m = OFFSET_PATTERN.exec(timeZone.trim());
  if (m) {
    const hours = Number(m[2]);
    const minutes = Number(m[3] ?? '0');
    if (hours <= 14 && minutes < 60) return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  throw new RangeError(
    `unknown time zone "${timeZone}": use one of ${Object.keys(KNOWN_TIME_ZONES).join(', ')} or a fixed offset like "+07:00"`,
  );
}

export function isSupportedTimeZone(timeZone: string): boolean {
  try {
    utcOffsetMinutes(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local day number (days since 1970-01-01 in the zone) of an instant. */
export function localDayNumber(instant: Date, offsetMinutes: number): number {
  return Math.floor((instant.getTime() + offsetMinutes * MINUTE_MS) / DAY_MS);
}

/** ISO date (YYYY-MM-DD) of a local day number. */
export function dayNumberToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a local day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The calendar date of an instant as seen in the zone, as YYYY-MM-DD. */
export function localIsoDate(instant: Date, timeZone: string): string {
  return dayNumberToIsoDate(localDayNumber(instant, utcOffsetMinutes(timeZone)));
}

/**
 * Adds calendar months in the zone's local time, clamping the day of month
 * (31 August + 6 months = 28/29 February).
 */
export function addMonthsInZone(instant: Date, months: number, timeZone: string): Date {
  const offsetMs = utcOffsetMinutes(timeZone) * MINUTE_MS;
  const local = new Date(instant.getTime() + offsetMs);
  const totalMonths = local.getUTCFullYear() * 12 + local.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const msOfDay = local.getTime() - Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return new Date(Date.UTC(year, month, day) + msOfDay - offsetMs);
}
