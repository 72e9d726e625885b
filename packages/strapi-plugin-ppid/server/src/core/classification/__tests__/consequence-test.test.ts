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
      pejabatPemutus: [{ nama: 'Budi', nip: '198013071999121001', jabatan: 'Sekda' }],
      tanggalKeputusan: 'kemarin',
    });
    expect(errors).toEqual([
      'informasi: wajib diisi / required',
      'dasarHukum.pasal: wajib diisi / required',
      'dasarHukum.hurufPasal17: "k" bukan huruf a-j Pasal 17 / is not a letter a-j of Pasal 17 (a, b, c, d, e, f, g, h, i, j)',
      'tanggalKeputusan: "kemarin" bukan tanggal ISO / is not an ISO date',
      'masaPengecualianBerakhir: "2026-02-30" bukan tanggal ISO / is not an ISO date',
      'pejabatPemutus: tidak diisi: pejabat pemutus diambil dari catatan tanda tangan run uji konsekuensi / not an input: the deciding officials are taken from the signature records of the run',
    ]);
  });

  it('requires an end date after the decision and the decision number', () => {
    expect(errorsOf(decidedTest({ masaPengecualianBerakhir: '2026-01-01', nomorKeputusan: '' }))).toEqual([
      'masaPengecualianBerakhir: harus setelah tanggal keputusan / must be after the decision date',
      'nomorKeputusan: wajib diisi / required',
    ]);
  });

  it('a partial exclusion lists its parts, each with a letter, a reason and a public description without the passage', () => {
    const parts = [
      { kolom: 'body', kutipan: 'NIK 6472010101010001', hurufPasal17: 'h', alasan: 'Data pribadi pemohon', uraian: 'NIK pemohon' },
      { kolom: 'summary', hurufPasal17: 'b', alasan: 'Rahasia dagang', uraian: 'Ringkasan penawaran' },
    ];
    expect(errorsOf(decidedTest({ cakupan: 'sebagian', bagianDikecualikan: parts as any }))).toEqual([]);
    expect(errorsOf(decidedTest({ cakupan: 'sebagian', bagianDikecualikan: [] }))).toEqual([
      'bagianDikecualikan: minimal satu bagian untuk pengecualian sebagian / at least one part for a partial exclusion',
    ]);
    const bad = [{ kolom: '', kutipan: 'x', hurufPasal17: 'k', alasan: '', uraian: 'memuat x' }];
    expect(errorsOf(decidedTest({ cakupan: 'sebagian', bagianDikecualikan: bad as any }))).toEqual([
      'bagianDikecualikan[0].kolom: wajib diisi / required',
      'bagianDikecualikan[0].alasan: wajib diisi / required',
      'bagianDikecualikan[0].kutipan: kutipan minimal 3 karakter, atau kosong untuk seluruh kolom / a passage of at least 3 characters, or none for the whole field',
      'bagianDikecualikan[0].hurufPasal17: "k" bukan huruf a-j Pasal 17 / is not a letter a-j of Pasal 17 (a, b, c, d, e, f, g, h, i, j)',
      'bagianDikecualikan[0].uraian: uraian tidak boleh memuat kutipan yang dikecualikan (uraian tampil di daftar publik) / the description must not contain the excluded passage (it is public)',
    ]);
    expect(errorsOf(decidedTest({ bagianDikecualikan: parts as any }))).toEqual([
      'bagianDikecualikan: hanya untuk cakupan "sebagian" / only for a partial exclusion (cakupan "sebagian")',
    ]);
    // A part under a-f needs an end date even when the test's own letter is h (Pasal 20 ayat (1)).
    const h = { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'h' as const };
    expect(errorsOf(decidedTest({ dasarHukum: h, masaPengecualianBerakhir: null, cakupan: 'sebagian', bagianDikecualikan: parts as any }))[0]).toMatch(
      /^masaPengecualianBerakhir: pengecualian Pasal 17 huruf b tidak bersifat permanen/,
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
  it('ends at midnight in the body\'s or unit\'s zone: the same instant is still 31 December in WIB, already 1 January in WITA and WIT', () => {
    const t = decidedTest({ masaPengecualianBerakhir: '2027-12-31' });
    const instant = new Date('2027-12-31T16:30:00Z'); // 23:30 WIB, 00:30 WITA, 01:30 WIT
    expect(exclusionStatus(t, instant, 'Asia/Jakarta')).toBe('active');
    expect(exclusionStatus(t, instant, 'Asia/Makassar')).toBe('expired');
    expect(exclusionStatus(t, instant, 'Asia/Jayapura')).toBe('expired');
    expect(exclusionStatus(t, new Date('2027-12-31T15:59:00Z'), 'Asia/Makassar')).toBe('active'); // 23:59 WITA
  });
  it('handles date-times and permanent exclusions', () => {
    expect(
      exclusionStatus({ masaPengecualianBerakhir: '2027-01-01T00:00:00+07:00' }, new Date('2026-12-31T17:00:00Z')),
    ).toBe('expired');
    expect(exclusionStatus({ masaPengecualianBerakhir: null }, new Date('2100-01-01'))).toBe('active');
  });
});

describe('redaction and the printed period', () => {
  const { redactValue, redactionMarker, exclusionPeriodText, scrub } = require('../exclusion');
  it('blacks out a passage, a whole field, and fails closed when the passage is not found as such', () => {
    expect(redactionMarker('b')).toBe('[DIKECUALIKAN — Pasal 17 huruf b]');
    const parts = [{ kutipan: 'NIK 6472010101010001', hurufPasal17: 'h' }];
    expect(redactValue('Pemohon NIK 6472010101010001 tinggal di sini', parts)).toBe('Pemohon [DIKECUALIKAN — Pasal 17 huruf h] tinggal di sini');
    expect(redactValue('teks lain sama sekali', parts)).toBe('[DIKECUALIKAN — Pasal 17 huruf h]');
    expect(redactValue('apa pun', [{ hurufPasal17: 'b' }])).toBe('[DIKECUALIKAN — Pasal 17 huruf b]');
    const blocks = [{ type: 'paragraph', children: [{ type: 'text', text: 'Nomor NIK 6472010101010001.' }, { type: 'text', text: ' Sisa', bold: true }] }];
    expect(redactValue(blocks, parts)).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'Nomor [DIKECUALIKAN — Pasal 17 huruf h].' }, { type: 'text', text: ' Sisa', bold: true }] }]);
    // Split across two text nodes (formatting in the middle): the whole field goes.
    const split = [{ type: 'paragraph', children: [{ type: 'text', text: 'NIK 6472' }, { type: 'text', text: '010101010001', bold: true }] }];
    expect(JSON.stringify(redactValue(split, parts))).not.toContain('6472');
    expect(scrub('Data NIK 6472010101010001 pemohon', ['NIK 6472010101010001'], 'h')).toBe('Data [DIKECUALIKAN — Pasal 17 huruf h] pemohon');
  });
  it('letters g-j without an end date: "tanpa tanggal berakhir", never "tidak terbatas"', () => {
    for (const l of ['g', 'h', 'i', 'j']) {
      expect(exclusionPeriodText(null, l)).toMatch(/^tanpa tanggal berakhir/);
      expect(exclusionPeriodText(null, l)).not.toMatch(/tidak terbatas|permanen/);
    }
    expect(exclusionPeriodText('2030-12-31', 'c')).toBe('sampai 31 Desember 2030');
  });
});
