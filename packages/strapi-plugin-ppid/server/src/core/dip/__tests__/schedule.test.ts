import { dipDrift, dipUpdateDue, parseDipUpdateSchedule, validateDipUpdateSchedule, type DipEntry } from '..';

const entry = (key: string, nomor: number, klasifikasi: DipEntry['klasifikasi']): DipEntry => ({
  key,
  nomor,
  ringkasan: `Informasi ${key}`,
  pejabatUnit: 'Sekretariat',
  penanggungJawab: 'Kasubbag Umum',
  waktuTempat: { waktu: '2026', tempat: 'Sangatta' },
  bentuk: ['softcopy'],
  retensi: { aktifTahun: 2, inaktifTahun: 5, disposisiAkhir: 'permanen' },
  klasifikasi,
});

describe('DIP pemutakhiran schedule', () => {
  it('every N months from the decree date, clamped to the end of a short month', () => {
    expect(dipUpdateDue('2026-01-15', { everyMonths: 12 })).toBe('2027-01-15');
    expect(dipUpdateDue('2026-01-31', { everyMonths: 1 })).toBe('2026-02-28');
    expect(dipUpdateDue('2026-08-31', { everyMonths: 6 })).toBe('2027-02-28');
  });

  it('a yearly date: the first one after the decree', () => {
    expect(dipUpdateDue('2026-01-15', { yearlyOn: '01-31' })).toBe('2026-01-31');
    expect(dipUpdateDue('2026-01-31', { yearlyOn: '01-31' })).toBe('2027-01-31');
    expect(dipUpdateDue('2026-03-01', { yearlyOn: '01-31' })).toBe('2027-01-31');
  });

  it('reads the setting and refuses what is not a schedule, naming why', () => {
    expect(parseDipUpdateSchedule('6')).toEqual({ everyMonths: 6 });
    expect(parseDipUpdateSchedule('12-31')).toEqual({ yearlyOn: '12-31' });
    expect(parseDipUpdateSchedule({ yearlyOn: '03-01' })).toEqual({ yearlyOn: '03-01' });
    expect(() => parseDipUpdateSchedule('24')).toThrow(/at least yearly/);
    expect(() => parseDipUpdateSchedule('02-30')).toThrow(/not a date/);
    expect(() => parseDipUpdateSchedule('02-29')).toThrow(/not a date/);
    expect(validateDipUpdateSchedule({ everyMonths: 6, yearlyOn: '01-01' })).toEqual(['must be exactly one of everyMonths, yearlyOn']);
  });
});

describe('dipDrift', () => {
  it('lists entries whose item changed class or became excluded; unlinked entries cannot drift', () => {
    const entries = [entry('a', 1, 'berkala'), entry('b', 2, 'setiap_saat'), entry('c', 3, 'serta_merta'), entry('nomor:4', 4, 'berkala')];
    const current = new Map<string, string | null>([
      ['a', 'berkala'],
      ['b', 'dikecualikan'],
      ['c', 'setiap_saat'],
    ]);
    expect(dipDrift(entries, current)).toEqual([
      { key: 'b', nomor: 2, ringkasan: 'Informasi b', was: 'setiap_saat', now: 'dikecualikan' },
      { key: 'c', nomor: 3, ringkasan: 'Informasi c', was: 'serta_merta', now: 'setiap_saat' },
    ]);
    expect(dipDrift(entries, new Map([['a', 'berkala']]))).toEqual([]);
  });
});
