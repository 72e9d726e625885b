import {
  DEFAULT_CALENDAR,
  type WorkingCalendar,
  computeDeadline,
  deadlineStatus,
  utcOffsetMinutes,
  validateCalendar,
  workingMinutesBetween,
  addMonthsInZone,
  localIsoDate,
} from '..';

/** A wall-clock time in WIB (UTC+7). */
const wib = (local: string) => new Date(`${local}:00+07:00`);

describe('computeDeadline (default calendar, Asia/Jakarta)', () => {
  it('a step started Friday 16:30 with a 1-hour standard falls due on Monday', () => {
    // 2026-03-06 is a Friday.
    const due = computeDeadline(wib('2026-03-06T16:30'), { amount: 1, unit: 'hour' }, DEFAULT_CALENDAR);
    expect(due).toEqual(wib('2026-03-09T08:30'));
  });

  it('counts minutes inside working hours', () => {
    expect(computeDeadline(wib('2026-03-09T10:00'), { amount: 15, unit: 'minute' })).toEqual(wib('2026-03-09T10:15'));
    expect(computeDeadline(wib('2026-03-09T15:50'), { amount: 15, unit: 'minute' })).toEqual(wib('2026-03-10T07:35'));
  });

  it('ends exactly at closing time when the standard fits', () => {
    expect(computeDeadline(wib('2026-03-06T15:30'), { amount: 1, unit: 'hour' })).toEqual(wib('2026-03-06T16:30'));
  });

  it('starts counting at opening time when started before hours or at the weekend', () => {
    expect(computeDeadline(wib('2026-03-09T06:00'), { amount: 10, unit: 'minute' })).toEqual(wib('2026-03-09T07:40'));
    expect(computeDeadline(wib('2026-03-07T11:00'), { amount: 1, unit: 'hour' })).toEqual(wib('2026-03-09T08:30'));
  });

  it('skips holidays', () => {
    // Thursday 24 Dec 2026 15:30 + 1 hour: 30 min on Thursday, Friday 25 Dec is Natal, Monday 28 Dec 08:00.
    expect(computeDeadline(wib('2026-12-24T15:30'), { amount: 1, unit: 'hour' })).toEqual(wib('2026-12-28T08:00'));
    // 17 August 2026 is a Monday.
    expect(computeDeadline(wib('2026-08-14T10:00'), { amount: 1, unit: 'day' })).toEqual(wib('2026-08-18T10:00'));
  });

  it('a week is five working days at the same clock time, holidays excluded', () => {
    expect(computeDeadline(wib('2026-03-09T10:00'), { amount: 1, unit: 'week' })).toEqual(wib('2026-03-16T10:00'));
    // Thu 13 Aug + 5 working days: 14, (17 holiday), 18, 19, 20, 21.
    expect(computeDeadline(wib('2026-08-13T10:00'), { amount: 1, unit: 'week' })).toEqual(wib('2026-08-21T10:00'));
  });

  it('clamps a day standard to the target day hours', () => {
    // Friday 16:15 + 1 day: Monday closes at 16:00.
    expect(computeDeadline(wib('2026-03-06T16:15'), { amount: 1, unit: 'day' })).toEqual(wib('2026-03-09T16:00'));
  });

  it('tentatif has no deadline', () => {
    expect(computeDeadline(wib('2026-03-09T10:00'), 'tentatif')).toBeNull();
  });

  it('rejects bad amounts', () => {
    expect(() => computeDeadline(wib('2026-03-09T10:00'), { amount: -1, unit: 'hour' })).toThrow(RangeError);
    expect(() => computeDeadline(wib('2026-03-09T10:00'), { amount: 1.5, unit: 'day' })).toThrow(RangeError);
  });

  it('honours other fixed-offset zones', () => {
    const wita: WorkingCalendar = { ...DEFAULT_CALENDAR, timeZone: 'Asia/Makassar' };
    // Friday 16:30 WITA = 08:30Z; due Monday 08:30 WITA = 00:30Z.
    expect(computeDeadline(new Date('2026-03-06T08:30:00Z'), { amount: 1, unit: 'hour' }, wita)).toEqual(
      new Date('2026-03-09T00:30:00Z'),
    );
    const wit: WorkingCalendar = { ...DEFAULT_CALENDAR, timeZone: 'Asia/Jayapura' };
    expect(computeDeadline(new Date('2026-03-09T00:00:00Z'), { amount: 30, unit: 'minute' }, wit)).toEqual(
      new Date('2026-03-09T00:30:00Z'),
    );
  });

  it('excludes configured breaks', () => {
    const withBreaks: WorkingCalendar = {
      ...DEFAULT_CALENDAR,
      hours: {
        ...DEFAULT_CALENDAR.hours,
        1: { start: '07:30', end: '16:00', breaks: [{ start: '12:00', end: '13:00' }] },
      },
    };
    expect(computeDeadline(wib('2026-03-09T11:45'), { amount: 30, unit: 'minute' }, withBreaks)).toEqual(
      wib('2026-03-09T13:15'),
    );
  });

  it('rejects an unknown time zone', () => {
    expect(() =>
      computeDeadline(
        wib('2026-03-09T10:00'),
        { amount: 1, unit: 'hour' },
        { ...DEFAULT_CALENDAR, timeZone: 'Mars/Olympus' },
      ),
    ).toThrow(/time zone/);
  });
});

describe('workingMinutesBetween', () => {
  it('counts only working time', () => {
    expect(workingMinutesBetween(wib('2026-03-06T16:00'), wib('2026-03-09T08:00'))).toBe(60);
    expect(workingMinutesBetween(wib('2026-03-09T08:00'), wib('2026-03-06T16:00'))).toBe(-60);
    expect(workingMinutesBetween(wib('2026-12-24T15:00'), wib('2026-12-28T08:00'))).toBe(90);
  });
  it('is the inverse of computeDeadline for minute standards', () => {
    const start = wib('2026-03-05T14:10');
    const due = computeDeadline(start, { amount: 500, unit: 'minute' }) as Date;
    expect(workingMinutesBetween(start, due)).toBe(500);
  });
});

describe('deadlineStatus', () => {
  const start = wib('2026-03-09T08:00');
  const due = wib('2026-03-09T09:00');
  it('reports ok, near and overdue', () => {
    expect(deadlineStatus(due, wib('2026-03-09T08:30'), 0.8, start)).toBe('ok');
    expect(deadlineStatus(due, wib('2026-03-09T08:50'), 0.8, start)).toBe('near');
    expect(deadlineStatus(due, wib('2026-03-09T09:00'), 0.8, start)).toBe('near');
    expect(deadlineStatus(due, wib('2026-03-09T09:01'), 0.8, start)).toBe('overdue');
  });
  it('measures in working time when given a calendar', () => {
    const fri = wib('2026-03-06T16:30');
    const mon = wib('2026-03-09T08:30');
    // Monday 07:45 is 15 of 60 working minutes in, although almost all wall time has passed.
    expect(deadlineStatus(mon, wib('2026-03-09T07:45'), 0.8, fri)).toBe('near');
    expect(deadlineStatus(mon, wib('2026-03-09T07:45'), 0.8, fri, DEFAULT_CALENDAR)).toBe('ok');
  });
  it('tentatif is never late; without a start only overdue is known', () => {
    expect(deadlineStatus(null, wib('2030-01-01T00:00'))).toBe('ok');
    expect(deadlineStatus(due, wib('2026-03-09T08:59'))).toBe('ok');
  });
});

describe('calendar settings and zones', () => {
  it('accepts the default calendar and lists errors by path', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual([]);
    const errors = validateCalendar({
      timeZone: 'Asia/Jakarta',
      workingDays: [1, 8],
      hours: { 1: { start: '7:30', end: '16:00' } },
      holidays: ['2026-02-30'],
    }).map((e) => `${e.path}: ${e.message}`);
    expect(errors).toEqual([
      'workingDays[1]: 8 is not an ISO weekday 1-7',
      'hours.1.start: "7:30" is not HH:MM',
      'hours.8: working day 8 has no hours',
      'holidays[0]: "2026-02-30" is not a YYYY-MM-DD date',
    ]);
  });
  it('parses named and written offsets', () => {
    expect(utcOffsetMinutes('Asia/Jakarta')).toBe(420);
    expect(utcOffsetMinutes('Asia/Makassar')).toBe(480);
    expect(utcOffsetMinutes('Asia/Jayapura')).toBe(540);
    expect(utcOffsetMinutes('+05:30')).toBe(330);
    expect(utcOffsetMinutes('UTC-3')).toBe(-180);
  });
  it('dates and months follow local time', () => {
    expect(localIsoDate(new Date('2026-01-31T18:00:00Z'), 'Asia/Jakarta')).toBe('2026-02-01');
    expect(addMonthsInZone(wib('2026-08-31T10:00'), 6, 'Asia/Jakarta')).toEqual(wib('2027-02-28T10:00'));
  });
});
