import type { Core } from '@strapi/strapi';
import {
  calendarInZone,
  computeDeadline,
  isBodyTimeZone,
  resolveZone,
  zoneAbbreviation,
  zoneSettingIssue,
  type WorkingCalendar,
  type ZoneUnit,
} from '../../core/calendar';
import type { DeadlineOf } from '../../core/workflow';
import { standardFor, stepDeadline } from '../../core/workflow';
import { fieldError } from '../../errors';
import { UID } from '../uids';
import { getService } from '../../services/get-service';

/**
 * The body's time zone (WIB, WITA or WIT) and a unit's own (core/calendar/zones.ts). The body's
 * is a setting in the plugin store (key `time-zone`, edited on the Persiapan page beside the
 * kop); without it, the working calendar's zone (plugin config `calendar` / PPID_CALENDAR),
 * else Asia/Jakarta. A unit's is the unit's `timeZone` field, inherited by its sub-units.
 * Read from the database at each use (no per-instance cache): every instance sees a change at once.
 */
type Stored = { timeZone?: string | null } | null;

const MAX_DEPTH = 32;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'ppid', key: 'time-zone' });
  const clock = () => getService(strapi, 'clock');

  async function stored(): Promise<string | null> {
    const v = (await store().get({})) as Stored;
    return v?.timeZone && isBodyTimeZone(v.timeZone) ? v.timeZone : null;
  }

  const self = {
    /** The body's zone: the stored setting, else the working calendar's. */
    async bodyZone(): Promise<string> {
      return (await stored()) ?? clock().calendar().timeZone;
    },

    /** GET /ppid/settings/time-zone: the body's setting and the units that set their own. */
    async get() {
      const own = await stored();
      const units = await strapi.db.query(UID.unit).findMany({ where: { timeZone: { $notNull: true } }, select: ['id', 'code', 'name', 'timeZone'], orderBy: { code: 'asc' } });
      const timeZone = own ?? clock().calendar().timeZone;
      return {
        timeZone,
        abbreviation: zoneAbbreviation(timeZone),
        stored: !!own,
        units: units.map((u: any) => ({ id: u.id, code: u.code, name: u.name, timeZone: u.timeZone, abbreviation: zoneAbbreviation(u.timeZone) })),
      };
    },

    /** PUT /ppid/settings/time-zone `{ timeZone }`: one of the three zones, else 400 on `timeZone`. */
    async setBody(input: unknown) {
      const value = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>).timeZone : undefined;
      const issue = zoneSettingIssue(value, 'timeZone');
      if (issue) throw fieldError(issue.path, issue.message);
      await store().set({ value: { timeZone: value } });
      return self.get();
    },

    /** The zone of a unit (its own, an ancestor's, or the body's); the body's for null. */
    async ofUnit(unitId: number | null | undefined): Promise<string> {
      const body = await self.bodyZone();
      if (unitId == null) return body;
      const units = new Map<number, ZoneUnit>();
      let id: number | null = unitId;
      for (let i = 0; id != null && i < MAX_DEPTH && !units.has(id); i++) {
        const row: any = await strapi.db.query(UID.unit).findOne({ where: { id }, select: ['id', 'timeZone'], populate: { parent: { select: ['id'] } } });
        if (!row) break;
        units.set(row.id, { id: row.id, parent: row.parent?.id ?? null, timeZone: row.timeZone ?? null });
        if (row.timeZone) break;
        id = row.parent?.id ?? null;
      }
      return resolveZone(unitId, units, body);
    },

    /** The zone of a unit named by its code (step logs and DIP editions keep the code). */
    async ofUnitCode(code: string | null | undefined): Promise<string> {
      if (!code) return self.bodyZone();
      const row = await strapi.db.query(UID.unit).findOne({ where: { code }, select: ['id'] });
      return self.ofUnit(row?.id ?? null);
    },

    /** Every unit's zone at once (reminders, reports): one read of the units. */
    async resolver(): Promise<(unitId: number | null | undefined) => string> {
      const body = await self.bodyZone();
      const rows = await strapi.db.query(UID.unit).findMany({ select: ['id', 'timeZone'], populate: { parent: { select: ['id'] } } });
      const units = new Map<number, ZoneUnit>(rows.map((r: any) => [r.id, { id: r.id, parent: r.parent?.id ?? null, timeZone: r.timeZone ?? null }]));
      return (unitId) => resolveZone(unitId, units, body);
    },

    /** The working calendar counted on a zone's clock (same local hours and holidays). */
    calendarIn(timeZone: string): WorkingCalendar {
      return calendarInZone(clock().calendar(), timeZone);
    },

    /** The working calendar of a unit: its zone's local working hours. */
    async calendarOf(unitId: number | null | undefined): Promise<WorkingCalendar> {
      return self.calendarIn(await self.ofUnit(unitId));
    },

    /** For the engine: a step's deadline in the local working hours of the unit that runs it. */
    async deadlineOf(unitId: number | null | undefined): Promise<DeadlineOf> {
      const calendar = await self.calendarOf(unitId);
      // A serta merta run counts elapsed time: a disaster does not wait for office hours
      // ("dilarang menunda", Perki 1/2021 Pasal 25; docs/sop-format.md, Serta merta).
      return ((step, startedAt, fastTrack) =>
        fastTrack ? stepDeadline(step, startedAt, true) : computeDeadline(startedAt, standardFor(step, false), calendar)) as DeadlineOf;
    },
  };
  return self;
};
