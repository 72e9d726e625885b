import { exclusionPeriodText, formatTanggal, legalBasisText, renderConsequenceTestDecision, renderDipDecree, terbilang } from '..';

describe('decision PDFs: helpers', () => {
  it('writes dates and numbers as a decree does', () => {
    expect(formatTanggal('2026-01-15')).toBe('15 Januari 2026');
    expect(formatTanggal('2026-11-22T18:30:00.000Z')).toBe('23 November 2026'); // WIB
    expect(terbilang(0)).toBe('nol');
    expect(terbilang(11)).toBe('sebelas');
    expect(terbilang(15)).toBe('lima belas');
    expect(terbilang(42)).toBe('empat puluh dua');
    expect(terbilang(118)).toBe('seratus delapan belas');
    expect(terbilang(1250)).toBe('seribu dua ratus lima puluh');
  });

  it('states the exclusion period and the legal basis', () => {
    expect(exclusionPeriodText('2030-12-31', 'c')).toMatch(/^sampai 31 Desember 2030/);
    expect(exclusionPeriodText(null, 'h')).toMatch(/^tanpa tanggal berakhir/);
    expect(exclusionPeriodText(null, 'h')).not.toMatch(/tidak terbatas/);
    expect(exclusionPeriodText(null, 'a')).toBe('—');
    expect(legalBasisText({ undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' })).toBe(
      'Pasal 17 huruf c UU 14/2008: membahayakan pertahanan dan keamanan negara'
    );
  });

  it('renders both documents, draft and final', async () => {
    const decree = await renderDipDecree({ instansi: 'Pemkab', year: 2026, decreeNumber: null, decreeDate: null, jabatanPenetap: 'Atasan PPID', signer: null, entryCount: 0, verification: null });
    expect(decree.subarray(0, 5).toString()).toBe('%PDF-');
    const test = await renderConsequenceTestDecision({ instansi: 'Pemkab', status: 'draft', verification: null });
    expect(test.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
