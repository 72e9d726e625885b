import { DecreeNumberError, formatDecreeNumber, validatePattern } from '..';

describe('decree numbers', () => {
  it('formats the configured pattern', () => {
    expect(
      formatDecreeNumber('{kode}/{serial:4}/{unit}/{tahun}', {
        kode: '000.8.3.3',
        serial: 1,
        unit: 'BKPSDM',
        date: '2026-03-10',
      }),
    ).toBe('000.8.3.3/0001/BKPSDM/2026');
    expect(formatDecreeNumber('{kode}/{serial}/{unit}', { kode: '000.8.3.3', serial: 958, unit: '400.02', date: '2026-01-01' })).toBe(
      '000.8.3.3/958/400.02',
    );
    expect(formatDecreeNumber('{serial:3}/SK/{bulan:romawi}/{tahun}', { serial: 12, date: '2026-12-01' })).toBe(
      '012/SK/XII/2026',
    );
  });

  it('takes the year of a Date in the body time zone', () => {
    const lateNewYearsEve = new Date('2025-12-31T17:30:00Z'); // 1 Jan 2026 00:30 WIB
    expect(formatDecreeNumber('{serial}/{tahun}', { serial: 1, date: lateNewYearsEve })).toBe('1/2026');
  });

  it('validates patterns', () => {
    expect(validatePattern('{kode}/{serial:4}/{unit}/{tahun}')).toEqual({ ok: true });
    expect(validatePattern('{kode}/{unit}/{tahun}')).toEqual({ ok: false, errors: ['Pattern must contain {serial}'] });
    const bad = validatePattern('{kode}/{serial:0}/{foo}/{tahun');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toHaveLength(3);
  });

  it('refuses missing values and bad serials', () => {
    expect(() => formatDecreeNumber('{kode}/{serial}', { serial: 1, date: '2026-01-01' })).toThrow(DecreeNumberError);
    expect(() => formatDecreeNumber('{serial}', { serial: 0, date: '2026-01-01' })).toThrow(/positive/);
    expect(() => formatDecreeNumber('{kode}', { kode: 'x', serial: 1, date: '2026-01-01' })).toThrow(/serial/);
  });
});
