import { exclusionStatus, formatIssue, validateConsequenceTest } from '..';
import { decidedTest } from './fixtures';

const errorsOf = (input: unknown) => {
  const r = validateConsequenceTest(input);
  return r.ok ? [] : r.errors.map(formatIssue);
};

describe('validateConsequenceTest', () => {
  it('accepts a complete decided test', () => {
    expect(validateConsequenceTest(decidedTest())).toMatchObject({ ok: true });
  });

  it('Pasal 20: letters a-f cannot be permanent, letters g-j can', () => {
    expect(errorsOf(decidedTest({ masaPengecualianBerakhir: null }))).toEqual([
      'masaPengecualianBerakhir: pengecualian Pasal 17 huruf a tidak bersifat permanen (UU 14/2008 Pasal 20), isi tanggal berakhir / ' +
        'an exclusion under Pasal 17 letter a cannot be permanent (Pasal 20): give an end date',
    ]);
    for (const huruf of ['g', 'h', 'i', 'j'] as const) {
      const t = decidedTest({
        masaPengecualianBerakhir: null,
        dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: huruf },
      });
      expect(errorsOf(t)).toEqual([]);
    }
  });

  it('lists every problem of a decided test by path', () => {
    const errors = errorsOf({
      ...decidedTest(),
      informasi: ' ',
      dasarHukum: { undangUndang: 'UU 14/2008', pasal: '', hurufPasal17: 'k' },
      masaPengecualianBerakhir: '2026-02-30',
      pejabatPemutus: [{ nama: 'Budi', nip: '198013071999121001', jabatan: '' }],
      tanggalKeputusan: 'kemarin',
    });
    expect(errors).toEqual([
      'informasi: wajib diisi / required',
      'dasarHukum.pasal: wajib diisi / required',
      'dasarHukum.hurufPasal17: "k" bukan huruf a-j Pasal 17 / is not a letter a-j of Pasal 17 (a, b, c, d, e, f, g, h, i, j)',
      'tanggalKeputusan: "kemarin" bukan tanggal ISO / is not an ISO date',
      'masaPengecualianBerakhir: "2026-02-30" bukan tanggal ISO / is not an ISO date',
      'pejabatPemutus[0].jabatan: wajib diisi / required',
      'pejabatPemutus[0].nip: NIP: tanggal lahir (digit 1-8) "19801307" bukan tanggal yang sah / birth date (digits 1-8) is not a valid date',
    ]);
  });

  it('requires an end date after the decision and at least one official', () => {
    expect(errorsOf(decidedTest({ masaPengecualianBerakhir: '2026-01-01', pejabatPemutus: [] }))).toEqual([
      'masaPengecualianBerakhir: harus setelah tanggal keputusan / must be after the decision date',
      'pejabatPemutus: minimal satu pejabat / at least one deciding official',
    ]);
  });

  it('allows an official without NIP (elected head of region)', () => {
    expect(errorsOf(decidedTest({ pejabatPemutus: [{ nama: 'Bupati Bogor', nip: '', jabatan: 'Bupati' }] }))).toEqual(
      [],
    );
  });

  it('lets a draft be incomplete but not wrong', () => {
    expect(errorsOf({ status: 'draft', informasi: 'Memo internal' })).toEqual([]);
    expect(errorsOf({ status: 'draft', dasarHukum: { hurufPasal17: 'c' }, masaPengecualianBerakhir: null })).toEqual([
      expect.stringContaining('Pasal 17 huruf c tidak bersifat permanen'),
    ]);
    expect(errorsOf({ status: 'final' })).toEqual([
      'status: harus "draft" atau "decided" / must be "draft" or "decided", got "final"',
    ]);
    expect(errorsOf(null)).toEqual(['uji konsekuensi harus berupa objek / must be an object']);
  });
});

describe('exclusionStatus', () => {
  it('is active through the last day in Jakarta time, then expired', () => {
    const t = decidedTest({ masaPengecualianBerakhir: '2027-12-31' });
    expect(exclusionStatus(t, new Date('2027-12-31T16:59:00Z'))).toBe('active'); // 23:59 WIB
    expect(exclusionStatus(t, new Date('2027-12-31T17:00:00Z'))).toBe('expired'); // 1 Jan 00:00 WIB
  });
  it('handles date-times and permanent exclusions', () => {
    expect(
      exclusionStatus({ masaPengecualianBerakhir: '2027-01-01T00:00:00+07:00' }, new Date('2026-12-31T17:00:00Z')),
    ).toBe('expired');
    expect(exclusionStatus({ masaPengecualianBerakhir: null }, new Date('2100-01-01'))).toBe('active');
  });
});
