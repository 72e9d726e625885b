import { formatTanggalIndonesia, placeAndDate } from '..';

describe('Indonesian dates for documents', () => {
  it('writes the day with the Indonesian month name', () => {
    expect(formatTanggalIndonesia('2026-12-01')).toBe('1 Desember 2026');
    expect(formatTanggalIndonesia('2026-01-15')).toBe('15 Januari 2026');
    expect(formatTanggalIndonesia('2026-08-17')).toBe('17 Agustus 2026');
  });

  it("reads an instant in the body's time zone, not the server's", () => {
    const lateEvening = new Date('2026-11-30T17:30:00Z'); // 00:30 WIB on 1 December
    expect(formatTanggalIndonesia(lateEvening, 'Asia/Jakarta')).toBe('1 Desember 2026');
    expect(formatTanggalIndonesia(lateEvening, 'UTC')).toBe('30 November 2026');
    const wita = new Date('2026-11-30T16:30:00Z'); // 00:30 WITA, 23:30 WIB
    expect(formatTanggalIndonesia(wita, 'Asia/Makassar')).toBe('1 Desember 2026');
    expect(formatTanggalIndonesia(wita, 'Asia/Jakarta')).toBe('30 November 2026');
    expect(formatTanggalIndonesia('2026-12-31T18:00:00Z', 'Asia/Jayapura')).toBe('1 Januari 2027');
  });

  it('writes the place-and-date line before a signature', () => {
    expect(placeAndDate('Samarinda', '2026-12-01')).toBe('Samarinda, 1 Desember 2026');
    expect(placeAndDate('  Samarinda ', new Date('2026-11-30T17:30:00Z'), 'Asia/Makassar')).toBe('Samarinda, 1 Desember 2026');
    expect(placeAndDate(null, '2026-12-01')).toBe('1 Desember 2026');
    expect(placeAndDate('', '2026-12-01')).toBe('1 Desember 2026');
  });

  it('refuses what is not a date', () => {
    expect(() => formatTanggalIndonesia('kemarin')).toThrow(TypeError);
    expect(() => formatTanggalIndonesia('2026-13-01')).toThrow(TypeError);
    expect(() => formatTanggalIndonesia(new Date('x'))).toThrow(TypeError);
  });
});
