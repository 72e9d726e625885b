import fs from 'fs';
import type { Core } from '@strapi/strapi';
import {
  computeDeadline,
  DEFAULT_CALENDAR,
  validateCalendar,
  workingMinutesBetween,
  type WorkingCalendar,
} from '../../core/calendar';
import type { DeadlineOf } from '../../core/workflow';
import { standardFor, stepDeadline } from '../../core/workflow';

/**
 * The plugin's one source of "now" and of the working calendar. Tests move time with
 * setNow(date) (null = real time again); workflow acts, step logs and reminders read now().
 * The calendar is the plugin config `calendar`, else the JSON file named by PPID_CALENDAR,
 * else DEFAULT_CALENDAR (Asia/Jakarta).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let fixed: Date | null = null;
  let calendar: WorkingCalendar | null = null;

  function loadCalendar(): WorkingCalendar {
    let input: unknown = strapi.plugin('ppid').config('calendar');
    const file = process.env.PPID_CALENDAR;
    if (!input && file) input = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!input) return DEFAULT_CALENDAR;
    const issues = validateCalendar(input);
    if (issues.length) {
      throw new Error(`PPID calendar is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    }
    return input as WorkingCalendar;
  }

  const self = {
    now(): Date {
      return fixed ? new Date(fixed.getTime()) : new Date();
    },
    /** Fixes the clock (tests, demos); null returns to real time. */
    setNow(date: Date | string | null) {
      fixed = date === null ? null : new Date(date);
    },
    calendar(): WorkingCalendar {
      return (calendar ??= loadCalendar());
    },
    /**
     * A step's deadline counted on the working calendar in its own zone. The workflow uses
     * zones.deadlineOf(unitId) instead: the local working hours of the unit that runs the step.
     */
    deadlineOf: ((step, startedAt, fastTrack) =>
      fastTrack
        ? stepDeadline(step, startedAt, true)
        : computeDeadline(startedAt, standardFor(step, false), self.calendar())) as DeadlineOf,
    /** `calendar`: a unit's (zones.calendarOf); the body calendar's own zone otherwise. */
    workingMinutes(from: Date | string, to: Date | string, calendar?: WorkingCalendar): number {
      return workingMinutesBetween(new Date(from), new Date(to), calendar ?? self.calendar());
    },
  };
  return self;
};
