import { DAY_MS, MINUTE_MS } from './time-zone';
import { DEFAULT_CALENDAR, type CompiledCalendar, type WorkingCalendar, compileCalendar } from './working-calendar';

export type TimeUnit = 'minute' | 'hour' | 'day' | 'week';

/** An SOP step's "waktu" (mutu baku): an amount of working time, or "tentatif" (no limit). */
export type TimeStandard = { amount: number; unit: TimeUnit } | 'tentatif';

export type DeadlineStatus = 'ok' | 'near' | 'overdue';

// Guards against a calendar with (almost) no working time making the walk endless.
const MAX_CONSECUTIVE_DAYS_OFF = 366;

const UNIT_MS: Record<'minute' | 'hour', number> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS };

/**
 * Deadline of a step started at `start`, counting working time only.
 * - minute / hour: working minutes inside working hours (Friday 16:30 + 1 hour = Monday 08:30).
 * - day: the same clock time on the n-th next working day; week: n x working days per week
 *   (5 with the default calendar). A start outside working time counts from the next working moment,
 *   and the clock time is clamped to the target day's hours.
 * - tentatif: no deadline (null).
 */
export function computeDeadline(
  start: Date,
  standard: TimeStandard,
  calendar: WorkingCalendar = DEFAULT_CALENDAR,
): Date | null {
  if (standard === 'tentatif') return null;
  const { amount, unit } = standard;
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`time standard amount must be >= 0, got ${amount}`);
  if (Number.isNaN(start.getTime())) throw new RangeError('start is not a valid date');
  if (amount === 0) return new Date(start.getTime());

  const cal = compileCalendar(calendar);
  const local = start.getTime() + cal.offsetMs;
  let result: number;
  switch (unit) {
    case 'minute':
    case 'hour':
      result = addWorkingTime(cal, local, amount * UNIT_MS[unit]);
      break;
    case 'day':
    case 'week': {
      const days = unit === 'week' ? amount * cal.daysPerWeek : amount;
      if (!Number.isInteger(days))
        throw new RangeError(`a ${unit} standard needs a whole number of working days, got ${amount}`);
      result = addWorkingDays(cal, local, days);
      break;
    }
    default:
      throw new RangeError(`unknown time unit "${unit as string}"`);
  }
  return new Date(result - cal.offsetMs);
}

/** Working minutes between two instants (negative when b is before a); for reports. */
export function workingMinutesBetween(a: Date, b: Date, calendar: WorkingCalendar = DEFAULT_CALENDAR): number {
  if (b.getTime() < a.getTime()) return -workingMinutesBetween(b, a, calendar);
  const cal = compileCalendar(calendar);
  const from = a.getTime() + cal.offsetMs;
  const to = b.getTime() + cal.offsetMs;
  let total = 0;
  for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
    for (const [s, e] of cal.intervals(day)) {
      const overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/**
 * 'overdue' once `now` is past the deadline; 'near' once the elapsed share of the allowed time
 * reaches `nearThresholdRatio` (needs `startedAt`; measured in working time when a calendar is
 * given, wall time otherwise); 'ok' otherwise and always for a tentatif step (null deadline).
 */
export function deadlineStatus(
  deadline: Date | null,
  now: Date,
  nearThresholdRatio = 0.8,
  startedAt?: Date,
  calendar?: WorkingCalendar,
): DeadlineStatus {
  if (!(nearThresholdRatio > 0 && nearThresholdRatio <= 1)) {
    throw new RangeError(`nearThresholdRatio must be in (0, 1], got ${nearThresholdRatio}`);
  }
  if (deadline === null) return 'ok';
  if (now.getTime() > deadline.getTime()) return 'overdue';
  if (!startedAt) return 'ok';
  const span = (x: Date, y: Date) =>
    calendar ? workingMinutesBetween(x, y, calendar) : (y.getTime() - x.getTime()) / MINUTE_MS;
  const allowed = span(startedAt, deadline);
  if (allowed <= 0) return 'near';
  return span(startedAt, now) / allowed >= nearThresholdRatio ? 'near' : 'ok';
}

function addWorkingTime(cal: CompiledCalendar, from: number, ms: number): number {
  let remaining = ms;
  let daysOff = 0;
  for (let day = Math.floor(from / DAY_MS); ; day++) {
    const intervals = cal.intervals(day);
    daysOff = intervals.length === 0 ? daysOff + 1 : 0;
    if (daysOff > MAX_CONSECUTIVE_DAYS_OFF) throw new RangeError('working calendar has no working time within a year');
    for (const [s, e] of intervals) {
      const begin = Math.max(s, from);
      if (begin >= e) continue;
      if (begin + remaining <= e) return begin + remaining;
      remaining -= e - begin;
    }
  }
}

/** First moment at or after `from` that lies inside working time (an interval's end is not inside). */
function nextWorkingMoment(cal: CompiledCalendar, from: number): number {
  let daysOff = 0;
  for (let day = Math.floor(from / DAY_MS); ; day++) {
    const intervals = cal.intervals(day);
    daysOff = intervals.length === 0 ? daysOff + 1 : 0;
    if (daysOff > MAX_CONSECUTIVE_DAYS_OFF) throw new RangeError('working calendar has no working time within a year');
    for (const [s, e] of intervals) {
      if (from < e) return Math.max(s, from);
    }
  }
}

function addWorkingDays(cal: CompiledCalendar, from: number, days: number): number {
  const anchor = nextWorkingMoment(cal, from);
  let day = Math.floor(anchor / DAY_MS);
  const clock = anchor - day * DAY_MS;
  let daysOff = 0;
  for (let counted = 0; counted < days; ) {
    day++;
    if (cal.intervals(day).length > 0) {
      counted++;
      daysOff = 0;
    } else if (++daysOff > MAX_CONSECUTIVE_DAYS_OFF) {
      throw new RangeError('working calendar has no working time within a year');
    }
  }
  const intervals = cal.intervals(day);
  const dayStart = intervals[0][0];
  const dayEnd = intervals[intervals.length - 1][1];
  return Math.min(Math.max(day * DAY_MS + clock, dayStart), dayEnd);
}
