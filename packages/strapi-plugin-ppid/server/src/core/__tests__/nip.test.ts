import { maskNip, validateNip } from '../nip';

const NOW = new Date('2026-03-01T00:00:00Z');

function errorsOf(nip: string) {
  const r = validateNip(nip, NOW);
  if (r.ok) throw new Error(`expected ${nip} to be invalid`);
  return r.errors;
}

describe('validateNip', () => {
  it.each([
    ['198005071999121001', { birthDate: '1980-05-07', appointment: '1999-12', sex: 'L', serial: '001' }],
    ['196602061994051002', { birthDate: '1966-02-06', appointment: '1994-05', sex: 'L', serial: '002' }],
    ['197301102001121004', { birthDate: '1973-01-10', appointment: '2001-12', sex: 'L', serial: '004' }],
    ['19850312 201001 2 015', { birthDate: '1985-03-12', appointment: '2010-01', sex: 'P', serial: '015' }],
  ])('accepts %s', (nip, parts) => {
    expect(validateNip(nip, NOW)).toEqual({ ok: true, parts });
  });

  it('reports length and non-digits without reading parts', () => {
    expect(errorsOf('1980050719991210').map((e) => e.part)).toEqual(['length']);
    expect(errorsOf('19800507199912100X').map((e) => e.part)).toEqual(['digits']);
    expect(errorsOf('')[0].message).toBe('NIP: harus 18 digit, tertulis 0 / must be 18 digits, got 0');
  });

  it('names the birth date part', () => {
    const [e] = errorsOf('198013071999121001');
    expect(e).toEqual({
      part: 'birthDate',
      message:
        'NIP: tanggal lahir (digit 1-8) "19801307" bukan tanggal yang sah / birth date (digits 1-8) is not a valid date',
    });
    expect(errorsOf('198002301999121001')[0].part).toBe('birthDate'); // 30 February
  });

  it('names the appointment part: month, year range, age at appointment', () => {
    expect(errorsOf('198005071999131001')[0]).toEqual({
      part: 'appointment',
      message:
        'NIP: TMT pengangkatan (digit 9-14) "199913" bulan harus 01-12 / appointment (digits 9-14) month must be 01-12',
    });
    expect(errorsOf('198005072030011001')[0].message).toContain('year must be between 1950 and 2026');
    expect(errorsOf('193005071949011001').some((e) => e.part === 'appointment')).toBe(true);
    expect(errorsOf('198005071990011001')[0].message).toContain('less than 17 years after the birth date');
  });

  it('names the sex digit', () => {
    expect(errorsOf('198005071999123001')[0]).toEqual({
      part: 'sex',
      message:
        'NIP: jenis kelamin (digit 15) "3" harus 1 (laki-laki) atau 2 (perempuan) / sex (digit 15) must be 1 (male) or 2 (female)',
    });
  });

  it('names the serial', () => {
    expect(errorsOf('198005071999121000')[0]).toEqual({
      part: 'serial',
      message: 'NIP: nomor urut (digit 16-18) "000" tidak boleh 000 / serial (digits 16-18) must not be 000',
    });
  });

  it('lists every faulty part at once', () => {
    expect(errorsOf('198013071999130000').map((e) => e.part)).toEqual(['birthDate', 'appointment', 'sex', 'serial']);
  });
});

describe('maskNip', () => {
  it('shows only the last four digits of a NIP', () => {
    expect(maskNip('198005071999121001')).toBe('**************1001');
    expect(maskNip('19800507 199912 1 001')).toBe('**************1001');
  });

  it('masks anything else whole, and keeps null', () => {
    expect(maskNip('12345')).toBe('*****');
    expect(maskNip(null)).toBeNull();
    expect(maskNip('')).toBeNull();
  });
});
