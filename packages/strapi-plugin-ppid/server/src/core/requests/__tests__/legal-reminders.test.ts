import { DEFAULT_CALENDAR } from '../../calendar';
import { DEFAULT_REMINDER_DAYS_BEFORE, dueLegalReminder, legalDeadlineKind, parseReminderDaysBefore, reminderKey } from '..';

const wib = (d: string, hm = '09:00') => new Date(`${d}T${hm}:00+07:00`);
// Due Wednesday 16 December 2026, 09:00 WIB.
const due = wib('2026-12-16');
const request = { kind: 'request' as const, dueAt: due, answered: false };

describe('dueLegalReminder (default calendar)', () => {
  it('nothing while more than N working days remain', () => {
    expect(dueLegalReminder(request, wib('2026-12-11'), DEFAULT_CALENDAR)).toBeNull(); // Fri: Mon, Tue, Wed = 3
  });

  it('"near" from N working days before (default 2), counted as the register counts', () => {
    expect(DEFAULT_REMINDER_DAYS_BEFORE).toBe(2);
    expect(dueLegalReminder(request, wib('2026-12-14'), DEFAULT_CALENDAR)).toEqual({ deadline: 'notice', stage: 'near', dueAt: due, workingDaysLeft: 2 });
    // The weekend does not count: from Saturday, Mon-Wed are 3.
    expect(dueLegalReminder(request, wib('2026-12-12'), DEFAULT_CALENDAR)).toBeNull();
    expect(dueLegalReminder(request, wib('2026-12-16', '08:59'), DEFAULT_CALENDAR)?.workingDaysLeft).toBe(0);
    // Configurable: 3 days before, or only the breach.
    expect(dueLegalReminder(request, wib('2026-12-11'), DEFAULT_CALENDAR, 3)?.stage).toBe('near');
    expect(dueLegalReminder(request, wib('2026-12-16', '08:59'), DEFAULT_CALENDAR, 0)).toBeNull();
  });

  it('"breached" once past the deadline (not a late "near"); nothing once answered', () => {
    expect(dueLegalReminder(request, wib('2026-12-16', '09:01'), DEFAULT_CALENDAR)).toMatchObject({ stage: 'breached', workingDaysLeft: 0 });
    expect(dueLegalReminder({ ...request, answered: true }, wib('2026-12-17'), DEFAULT_CALENDAR)).toBeNull();
  });

  it('the deadline it runs against: the notice, the extended notice, the Atasan PPID\'s answer', () => {
    expect(legalDeadlineKind({ kind: 'request' })).toBe('notice');
    expect(legalDeadlineKind({ kind: 'request', extended: true })).toBe('notice_extended');
    expect(legalDeadlineKind({ kind: 'objection' })).toBe('objection_answer');
    expect(dueLegalReminder({ kind: 'objection', dueAt: due, answered: false }, wib('2026-12-17'), DEFAULT_CALENDAR)?.deadline).toBe('objection_answer');
  });

  it('one claim key per item, deadline instant and stage (an extension is a new key)', () => {
    const a = reminderKey('plugin::ppid.information-request', 'abc', { deadline: 'notice', stage: 'near', dueAt: due });
    const b = reminderKey('plugin::ppid.information-request', 'abc', { deadline: 'notice_extended', stage: 'near', dueAt: wib('2026-12-21') });
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThan(190);
  });

  it('the setting: 0..10 whole working days, default 2, a bad value names the key', () => {
    expect(parseReminderDaysBefore(undefined)).toBe(2);
    expect(parseReminderDaysBefore('3')).toBe(3);
    expect(parseReminderDaysBefore(0)).toBe(0);
    expect(() => parseReminderDaysBefore(11)).toThrow(/requests\.reminderDaysBefore/);
    expect(() => parseReminderDaysBefore('dua')).toThrow(/requests\.reminderDaysBefore/);
  });
});
