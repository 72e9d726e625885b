/**
 * The three time zones of Indonesia as a body's setting: WIB, WITA, WIT. A body names its zone,
 * a unit may name its own (a provincial body's branch office in another zone); deadlines,
 * documents and notices use the zone of the unit concerned. Pure functions over plain data.
 */
import type { WorkingCalendar } from './working-calendar';
import { MINUTE_MS, utcOffsetMinutes } from './time-zone';

/** The values a body or unit may set (Permendagri/Keppres 41/1987: WIB, WITA, WIT). */
export const BODY_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type BodyTimeZone = (typeof BODY_TIME_ZONES)[number];

export const DEFAULT_TIME_ZONE: BodyTimeZone = 'Asia/Jakarta';

const ABBREVIATIONS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
  UTC: 'UTC',
  'Etc/UTC': 'UTC',
};

export function isBodyTimeZone(value: unknown): value is BodyTimeZone {
  return typeof value === 'string' && (BODY_TIME_ZONES as readonly string[]).includes(value);
}

/**
 * The abbreviation printed after a time: WIB, WITA, WIT; a zone written as an offset prints
 * as "UTC+07:00" (the calendar setting still allows offsets).
 */
export function zoneAbbreviation(timeZone: string): string {
  const known = ABBREVIATIONS[timeZone];
  if (known) return known;
  const offset = utcOffsetMinutes(timeZone);
  const a = Math.abs(offset);
  return `UTC${offset < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** A zone as an administrator reads it: "WITA (Asia/Makassar)"; an offset zone prints its offset once. */
export function zoneLabel(timeZone: string): string {
  const abbr = zoneAbbreviation(timeZone);
  // "+07:00" or "UTC+7" already is its offset: print "UTC+07:00" once.
  return /^(UTC|GMT)?[+-]\d/i.test(timeZone) ? abbr : `${abbr} (${timeZone})`;
}

/** The problem with a zone setting at `field`, or null when it is one of the three zones. */
export function zoneSettingIssue(value: unknown, field: string): { path: string; message: string } | null {
  if (isBodyTimeZone(value)) return null;
  return {
    path: field,
    message: `${JSON.stringify(value)} bukan zona waktu yang dikenal; pilih Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT) / not a supported time zone`,
  };
}

/** A unit as far as its zone goes: its own setting (null = none) and its parent. */
export interface ZoneUnit {
  id: number;
  parent: number | null;
  timeZone: string | null;
}

/**
 * The zone of a unit: its own, else the nearest ancestor's, else the body's. A unit with no
 * zone of its own is where its parent is (a kelurahan of Kecamatan Palaran is WITA with it).
 * A cycle in the parent chain stops the walk (the body's zone then applies).
 */
export function resolveZone(
  unitId: number | null | undefined,
  units: ReadonlyMap<number, ZoneUnit>,
  bodyZone: string,
): string {
  const seen = new Set<number>();
  let id = unitId ?? null;
  while (id != null && !seen.has(id)) {
    seen.add(id);
    const u = units.get(id);
    if (!u) break;
    if (u.timeZone && isBodyTimeZone(u.timeZone)) return u.timeZone;
    id = u.parent;
  }
  return bodyZone;
}

/**
 * The body's working calendar read in another zone: the same local working hours and
 * holidays (07:30-16:00 is 07:30-16:00 wherever the office is), counted on that zone's clock.
 */
export function calendarInZone(calendar: WorkingCalendar, timeZone: string): WorkingCalendar {
  return calendar.timeZone === timeZone ? calendar : { ...calendar, timeZone };
}

const pad = (n: number) => String(n).padStart(2, '0');

function localParts(value: string | Date, timeZone: string) {
  const t = (typeof value === 'string' ? new Date(value) : value).getTime();
  if (Number.isNaN(t)) throw new TypeError(`invalid date: ${String(value)}`);
  const d = new Date(t + utcOffsetMinutes(timeZone) * MINUTE_MS);
  return { y: d.getUTCFullYear(), mo: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), h: pad(d.getUTCHours()), mi: pad(d.getUTCMinutes()) };
}

/** "23-11-2026 14:05 WITA": an instant as the printed documents write it, in the zone. */
export function formatWaktuDokumen(value: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(value, timeZone);
  return `${p.d}-${p.mo}-${p.y} ${p.h}:${p.mi} ${zoneAbbreviation(timeZone)}`;
}

/** "2026-11-23 14:05 WITA": an instant as notices (panel, e-mail, digest) write it. */
export function formatWaktuPemberitahuan(value: string | Date | null | undefined, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (!value) return '-';
  const p = localParts(value, timeZone);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi} ${zoneAbbreviation(timeZone)}`;
}
