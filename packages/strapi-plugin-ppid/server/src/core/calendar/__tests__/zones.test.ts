import {
  DEFAULT_CALENDAR,
  calendarInZone,
  computeDeadline,
  formatWaktuDokumen,
  formatWaktuPemberitahuan,
  isBodyTimeZone,
  placeAndDate,
  resolveZone,
  workingMinutesBetween,
  zoneAbbreviation,
  zoneLabel,
  zoneSettingIssue,
  type ZoneUnit,
} from '..';

const units = (...list: ZoneUnit[]) => new Map(list.map((u) => [u.id, u]));

describe('time zones of a body and its units', () => {
  it('accepts only WIB, WITA and WIT as a setting, naming the field otherwise', () => {
    for (const z of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
      expect(isBodyTimeZone(z)).toBe(true);
      expect(zoneSettingIssue(z, 'timeZone')).toBeNull();
    }
    for (const bad of ['WITA', 'Asia/Pontianak', '+08:00', 'Europe/Berlin', '', null, 8]) {
      expect(isBodyTimeZone(bad)).toBe(false);
      expect(zoneSettingIssue(bad, 'timeZone')).toEqual({ path: 'timeZone', message: expect.stringContaining('Asia/Makassar (WITA)') });
    }
  });

  it('abbreviates each zone as Indonesia writes it', () => {
    expect(zoneAbbreviation('Asia/Jakarta')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Pontianak')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Makassar')).toBe('WITA');
    expect(zoneAbbreviation('Asia/Jayapura')).toBe('WIT');
    expect(zoneAbbreviation('+08:00')).toBe('UTC+08:00');
    expect(zoneAbbreviation('UTC-3')).toBe('UTC-03:00');
  });

  it('labels a zone for an administrator: the abbreviation first, the IANA name beside it', () => {
    expect(zoneLabel('Asia/Makassar')).toBe('WITA (Asia/Makassar)');
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB (Asia/Jakarta)');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT (Asia/Jayapura)');
    expect(zoneLabel('+08:00')).toBe('UTC+08:00');
  });

  it("resolves a unit's zone: its own, else its nearest ancestor's, else the body's", () => {
    const map = units(
      { id: 1, parent: null, timeZone: null }, // PEMDA
      { id: 2, parent: 1, timeZone: 'Asia/Makassar' }, // Kecamatan Palaran
      { id: 3, parent: 2, timeZone: null }, // a kelurahan of Palaran
      { id: 4, parent: 1, timeZone: 'Asia/Jakarta' }, // Diskominfo Kalteng
    );
    expect(resolveZone(2, map, 'Asia/Jakarta')).toBe('Asia/Makassar');
    expect(resolveZone(3, map, 'Asia/Jakarta')).toBe('Asia/Makassar');
    expect(resolveZone(4, map, 'Asia/Makassar')).toBe('Asia/Jakarta');
    expect(resolveZone(1, map, 'Asia/Jayapura')).toBe('Asia/Jayapura');
    expect(resolveZone(null, map, 'Asia/Makassar')).toBe('Asia/Makassar');
    expect(resolveZone(99, map, 'Asia/Makassar')).toBe('Asia/Makassar');
  });

  it('stops at a cycle in the parent chain and uses the body zone', () => {
    const map = units({ id: 1, parent: 2, timeZone: null }, { id: 2, parent: 1, timeZone: null });
    expect(resolveZone(1, map, 'Asia/Jayapura')).toBe('Asia/Jayapura');
  });

  it('ignores a stored unit value that is not one of the three zones', () => {
    expect(resolveZone(1, units({ id: 1, parent: null, timeZone: 'Mars/Olympus' }), 'Asia/Jakarta')).toBe('Asia/Jakarta');
  });

  it('prints times with the zone abbreviation', () => {
    const t = '2026-11-23T07:05:00Z';
    expect(formatWaktuDokumen(t, 'Asia/Jakarta')).toBe('23-11-2026 14:05 WIB');
    expect(formatWaktuDokumen(t, 'Asia/Makassar')).toBe('23-11-2026 15:05 WITA');
    expect(formatWaktuDokumen(t, 'Asia/Jayapura')).toBe('23-11-2026 16:05 WIT');
    expect(formatWaktuDokumen(t)).toBe('23-11-2026 14:05 WIB');
    expect(formatWaktuPemberitahuan(t, 'Asia/Makassar')).toBe('2026-11-23 15:05 WITA');
    expect(formatWaktuPemberitahuan(null, 'Asia/Makassar')).toBe('-');
    expect(() => formatWaktuDokumen('not a date', 'Asia/Jakarta')).toThrow(TypeError);
  });

  it('dates a document on the local day of its zone', () => {
    const lateEvening = new Date('2026-11-30T16:30:00Z'); // 23:30 WIB, 00:30 WITA on 1 December
    expect(formatWaktuDokumen(lateEvening, 'Asia/Jakarta')).toBe('30-11-2026 23:30 WIB');
    expect(formatWaktuDokumen(lateEvening, 'Asia/Makassar')).toBe('01-12-2026 00:30 WITA');
    expect(placeAndDate('Samarinda', lateEvening, 'Asia/Makassar')).toBe('Samarinda, 1 Desember 2026');
    expect(placeAndDate('Palangka Raya', lateEvening, 'Asia/Jakarta')).toBe('Palangka Raya, 30 November 2026');
  });
});

describe('working hours are local hours of the zone', () => {
  const wita = calendarInZone(DEFAULT_CALENDAR, 'Asia/Makassar');
  const wib = calendarInZone(DEFAULT_CALENDAR, 'Asia/Jakarta');
  const wit = calendarInZone(DEFAULT_CALENDAR, 'Asia/Jayapura');

  it('keeps the body calendar, only its zone changes', () => {
    expect(wita).toEqual({ ...DEFAULT_CALENDAR, timeZone: 'Asia/Makassar' });
    expect(calendarInZone(DEFAULT_CALENDAR, DEFAULT_CALENDAR.timeZone)).toBe(DEFAULT_CALENDAR);
  });

  it('Friday 16:30 WITA + 1 hour is Monday 08:30 WITA', () => {
    const friday = new Date('2026-03-06T08:30:00Z'); // Friday 16:30 WITA (15:30 WIB)
    const due = computeDeadline(friday, { amount: 1, unit: 'hour' }, wita)!;
    expect(formatWaktuDokumen(due, 'Asia/Makassar')).toBe('09-03-2026 08:30 WITA');
    // The same instant in WIB is 15:30 on Friday, within working hours: due the same day.
    expect(formatWaktuDokumen(computeDeadline(friday, { amount: 1, unit: 'hour' }, wib)!, 'Asia/Jakarta')).toBe('06-03-2026 16:30 WIB');
  });

  it('a deadline crosses midnight in one zone but not in another', () => {
    // Monday 2 March 2026, 01:00Z: 08:00 WIB, 09:00 WITA, 10:00 WIT. Standard: 8 hours.
    const start = new Date('2026-03-02T01:00:00Z');
    const eight = { amount: 8, unit: 'hour' } as const;
    // WIB: 08:00 + 8 h ends at 16:00 the same Monday.
    expect(formatWaktuDokumen(computeDeadline(start, eight, wib)!, 'Asia/Jakarta')).toBe('02-03-2026 16:00 WIB');
    // WITA: 7 h left on Monday (09:00-16:00), the last hour on Tuesday from 07:30.
    expect(formatWaktuDokumen(computeDeadline(start, eight, wita)!, 'Asia/Makassar')).toBe('03-03-2026 08:30 WITA');
    // WIT: 6 h on Monday, 2 h on Tuesday.
    expect(formatWaktuDokumen(computeDeadline(start, eight, wit)!, 'Asia/Jayapura')).toBe('03-03-2026 09:30 WIT');
  });

  it('counts working minutes on the local clock', () => {
    // The same overnight span holds its working hour on Monday afternoon in WIB and on Tuesday
    // morning in WITA.
    const a = new Date('2026-03-02T08:00:00Z'); // Mon 15:00 WIB, 16:00 WITA
    const b = new Date('2026-03-03T00:30:00Z'); // Tue 07:30 WIB, 08:30 WITA
    expect(workingMinutesBetween(a, b, wib)).toBe(60); // 15:00-16:00 Monday
    expect(workingMinutesBetween(a, b, wita)).toBe(60); // 07:30-08:30 Tuesday
    const c = new Date('2026-03-02T09:00:00Z'); // Mon 16:00 WIB, 17:00 WITA
    expect(workingMinutesBetween(a, c, wib)).toBe(60);
    expect(workingMinutesBetween(a, c, wita)).toBe(0);
  });
});
