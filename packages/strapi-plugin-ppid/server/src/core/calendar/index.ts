export {
  type IsoWeekday,
  type ClockTime,
  type TimeRange,
  type WorkingHours,
  type WorkingCalendar,
  type CalendarIssue,
  DEFAULT_CALENDAR,
  DEFAULT_HOLIDAYS_2026,
  validateCalendar,
} from './working-calendar';
export {
  type TimeUnit,
  type TimeStandard,
  type DeadlineStatus,
  computeDeadline,
  workingMinutesBetween,
  deadlineStatus,
} from './deadline';
export { KNOWN_TIME_ZONES, utcOffsetMinutes, isSupportedTimeZone, localIsoDate, addMonthsInZone } from './time-zone';
export { BULAN, formatTanggalIndonesia, placeAndDate } from './tanggal';
export {
  type BodyTimeZone,
  type ZoneUnit,
  BODY_TIME_ZONES,
  DEFAULT_TIME_ZONE,
  isBodyTimeZone,
  zoneAbbreviation,
  zoneLabel,
  zoneSettingIssue,
  resolveZone,
  calendarInZone,
  formatWaktuDokumen,
  formatWaktuPemberitahuan,
} from './zones';
