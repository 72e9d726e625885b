import { DAY_MS, MINUTE_MS, dayNumberToIsoDate, isSupportedTimeZone, isoWeekday, utcOffsetMinutes } from './time-zone';

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Local clock time "HH:MM" (24-hour). */
export type ClockTime = string;

export interface TimeRange {
  start: ClockTime;
  end: ClockTime;
}

export interface WorkingHours extends TimeRange {
  /** Optional pauses (istirahat) inside the day that do not count as working time. */
  breaks?: TimeRange[];
}

export interface WorkingCalendar {
  /** "Asia/Jakarta" (WIB), "Asia/Makassar" (WITA), "Asia/Jayapura" (WIT) or a fixed offset "+07:00". */
  timeZone: string;
  workingDays: IsoWeekday[];
  /** Hours per ISO weekday; a working day without hours has no working time. */
  hours: Partial<Record<IsoWeekday, WorkingHours>>;
  /** Local dates (YYYY-MM-DD) with no working time: national holidays, cuti bersama, local days off. */
  holidays: string[];
}

/**
 * National holidays of 2026 that follow fixed or computable dates (Gregorian fixed days,
 * Easter-based days, Imlek). Islamic, Nyepi and Waisak dates and cuti bersama are set each year
 * by SKB 3 Menteri and are NOT listed here: a body must add them to its own calendar.
 */
export const DEFAULT_HOLIDAYS_2026: readonly string[] = [
  '2026-01-01', // Tahun Baru Masehi
  '2026-02-17', // Tahun Baru Imlek 2577
  '2026-04-03', // Wafat Yesus Kristus (Jumat Agung)
  '2026-05-01', // Hari Buruh Internasional
  '2026-05-14', // Kenaikan Yesus Kristus
  '2026-06-01', // Hari Lahir Pancasila
  '2026-08-17', // Hari Kemerdekaan RI
  '2026-12-25', // Hari Raya Natal
];

/**
 * Civil-service hours (37.5 h/week): Monday-Thursday 07:30-16:00, Friday 07:30-16:30 because
 * the Friday prayer break is longer. Breaks are left out so that standards count whole clock
 * time; a body that wants them excluded adds `breaks`. Every field is a body setting.
 */
export const DEFAULT_CALENDAR: WorkingCalendar = {
  timeZone: 'Asia/Jakarta',
  workingDays: [1, 2, 3, 4, 5],
  hours: {
    1: { start: '07:30', end: '16:00' },
    2: { start: '07:30', end: '16:00' },
    3: { start: '07:30', end: '16:00' },
    4: { start: '07:30', end: '16:00' },
    5: { start: '07:30', end: '16:30' },
  },
  holidays: [...DEFAULT_HOLIDAYS_2026],
};

const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function clockMinutes(value: ClockTime): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}

function isIsoDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A problem in a calendar setting, at the path of the field (same shape as the other validators). */
export interface CalendarIssue {
  path: string;
  message: string;
}

/** Checks a calendar setting; lists every problem, empty when valid. */
export function validateCalendar(input: unknown): CalendarIssue[] {
  if (typeof input !== 'object' || input === null) return [{ path: '', message: 'calendar must be an object' }];
  const errors: CalendarIssue[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const cal = input as Record<string, unknown>;

  if (typeof cal.timeZone !== 'string' || !isSupportedTimeZone(cal.timeZone)) {
    add('timeZone', `unsupported time zone ${JSON.stringify(cal.timeZone)}`);
  }

  const days = cal.workingDays;
  if (!Array.isArray(days) || days.length === 0) {
    add('workingDays', 'must be a non-empty list of ISO weekdays (1 = Monday ... 7 = Sunday)');
  } else {
    days.forEach((d, i) => {
      if (!Number.isInteger(d) || d < 1 || d > 7)
        add(`workingDays[${i}]`, `${JSON.stringify(d)} is not an ISO weekday 1-7`);
    });
    if (new Set(days).size !== days.length) add('workingDays', 'duplicate weekday');
  }

  const hours = cal.hours;
  if (typeof hours !== 'object' || hours === null) {
    add('hours', 'must be an object keyed by ISO weekday');
  } else {
    for (const [key, value] of Object.entries(hours as Record<string, unknown>)) {
      const path = `hours.${key}`;
      if (!/^[1-7]$/.test(key)) {
        add(path, 'key must be an ISO weekday 1-7');
        continue;
      }
      errors.push(...validateRange(value, path));
      const breaks = (value as WorkingHours | null)?.breaks;
      if (breaks !== undefined) {
        if (!Array.isArray(breaks)) add(`${path}.breaks`, 'must be a list');
        else breaks.forEach((b, i) => errors.push(...validateRange(b, `${path}.breaks[${i}]`)));
      }
    }
    if (Array.isArray(days)) {
      for (const d of days) {
        if ((hours as Record<string, unknown>)[d] === undefined) add(`hours.${d}`, `working day ${d} has no hours`);
      }
    }
  }

  if (!Array.isArray(cal.holidays)) {
    add('holidays', 'must be a list of YYYY-MM-DD dates');
  } else {
    cal.holidays.forEach((h, i) => {
      if (typeof h !== 'string' || !isIsoDate(h))
        add(`holidays[${i}]`, `${JSON.stringify(h)} is not a YYYY-MM-DD date`);
    });
  }
  return errors;
}

function validateRange(value: unknown, path: string): CalendarIssue[] {
  if (typeof value !== 'object' || value === null) return [{ path, message: 'must be { start, end }' }];
  const { start, end } = value as Record<string, unknown>;
  const errors: CalendarIssue[] = [];
  const add = (at: string, message: string) => errors.push({ path: at, message });
  if (typeof start !== 'string' || !CLOCK_PATTERN.test(start))
    add(`${path}.start`, `${JSON.stringify(start)} is not HH:MM`);
  if (typeof end !== 'string' || !CLOCK_PATTERN.test(end)) add(`${path}.end`, `${JSON.stringify(end)} is not HH:MM`);
  if (errors.length === 0 && clockMinutes(start as string) >= clockMinutes(end as string)) {
    add(path, `start ${start} must be before end ${end}`);
  }
  return errors;
}

/** A local-time interval [from, to) in "local milliseconds" (UTC ms shifted by the zone offset). */
export type LocalInterval = readonly [from: number, to: number];

/** A calendar checked once and turned into a lookup of working intervals per local day. */
export interface CompiledCalendar {
  offsetMs: number;
  daysPerWeek: number;
  /** Working intervals of one local day, in order; empty on days off. */
  intervals(day: number): readonly LocalInterval[];
}

/**
 * Validates and compiles a calendar; throws RangeError listing every problem.
 * Not cached: settings objects may be edited in place, and compiling is cheap.
 */
export function compileCalendar(calendar: WorkingCalendar): CompiledCalendar {
  const errors = validateCalendar(calendar);
  if (errors.length > 0)
    throw new RangeError(`invalid working calendar: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);

  const holidays = new Set(calendar.holidays);
  const working = new Set<number>(calendar.workingDays);
  const perWeekday = new Map<number, LocalInterval[]>();
  for (const day of calendar.workingDays) {
    const h = calendar.hours[day] as WorkingHours;
    perWeekday.set(day, subtractBreaks(clockMinutes(h.start), clockMinutes(h.end), h.breaks ?? []));
  }

  return {
    offsetMs: utcOffsetMinutes(calendar.timeZone) * MINUTE_MS,
    daysPerWeek: calendar.workingDays.length,
    intervals(day) {
      const weekday = isoWeekday(day);
      if (!working.has(weekday) || holidays.has(dayNumberToIsoDate(day))) return [];
      const base = day * DAY_MS;
      return (perWeekday.get(weekday) ?? []).map(([a, b]) => [base + a, base + b] as const);
    },
  };
}

/** Day-relative intervals (ms) of [start, end) minus the breaks. */
function subtractBreaks(start: number, end: number, breaks: TimeRange[]): LocalInterval[] {
  let parts: LocalInterval[] = [[start * MINUTE_MS, end * MINUTE_MS]];
  for (const br of breaks) {
    const bs = clockMinutes(br.start) * MINUTE_MS;
    const be = clockMinutes(br.end) * MINUTE_MS;
    parts = parts.flatMap(([a, b]): LocalInterval[] => {
      if (be <= a || bs >= b) return [[a, b]];
      const kept: LocalInterval[] = [];
      if (bs > a) kept.push([a, bs]);
      if (be < b) kept.push([be, b]);
      return kept;
    });
  }
  return parts;
}
