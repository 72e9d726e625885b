import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DIP_HEADERS, DipImportError, parseCsv, parseXlsx, validateImportRows } from '..';

const H = DIP_HEADERS;
const good = (nomor: string, over: Partial<Record<string, string>> = {}): Record<string, string> => ({
  [H[0]]: nomor,
  [H[1]]: `Informasi ${nomor}`,
  [H[2]]: 'Sekretariat',
  [H[3]]: 'Kepala Sub Bagian Umum',
  [H[4]]: '2026, Samarinda',
  [H[5]]: 'Softcopy, Hardcopy',
  [H[6]]: 'Aktif 2 tahun, inaktif 5 tahun, permanen',
  [H[7]]: 'Berkala',
  [H[8]]: '',
  ...over,
});

describe('validateImportRows', () => {
  it('builds entries from valid rows', () => {
    const res = validateImportRows([good('1'), good('2', { [H[7]]: 'Serta Merta', [H[8]]: 'https://x.go.id/a' })]);
    expect(res.ok).toBe(true);
    expect(res.errors).toEqual([]);
    expect(res.entries[1]).toEqual({
      nomor: 2,
      ringkasan: 'Informasi 2',
      pejabatUnit: 'Sekretariat',
      penanggungJawab: 'Kepala Sub Bagian Umum',
      waktuTempat: { waktu: '2026', tempat: 'Samarinda' },
      bentuk: ['softcopy', 'hardcopy'],
      retensi: { aktifTahun: 2, inaktifTahun: 5, disposisiAkhir: 'permanen' },
      klasifikasi: 'serta_merta',
      tautan: 'https://x.go.id/a',
      key: 'nomor:2',
    });
  });

  it('reports the sheet row and column of every bad cell and returns ok:false', () => {
    const res = validateImportRows([
      good('1'),
      good('2', { [H[1]]: '', [H[5]]: 'Disket', [H[6]]: 'lama sekali' }),
      good('3'),
    ]);
    expect(res.ok).toBe(false);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [3, H[1]],
      [3, H[5]],
      [3, H[6]],
    ]);
    expect(res.errors.every((e) => e.message && e.messageEn)).toBe(true);
    expect(res.entries.map((e) => e.nomor)).toEqual([1, 3]);
  });

  it('refuses a row classified dikecualikan', () => {
    const res = validateImportRows([good('1', { [H[7]]: 'Dikecualikan' })]);
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([expect.objectContaining({ row: 2, column: 'Klasifikasi', message: expect.stringMatching(/dikecualikan/) })]);
  });

  it('accepts English labels, snake keys and split retention and time columns', () => {
    const res = validateImportRows([
      {
        number: '',
        summary_of_information: 'Rencana strategis',
        official_or_unit_holding_the_information: 'Bidang Perencanaan',
        penanggung_jawab: 'Kepala Bidang',
        waktu_pembuatan: '2025-11-03',
        tempat_pembuatan: 'Samarinda',
        available_form: 'hard copy',
        retensi_aktif: '3',
        retensi_inaktif: '7 tahun',
        disposisi_akhir: 'Dinilai Kembali',
        keterangan_retensi: 'JRA fasilitatif',
        classification: 'anytime',
      },
    ]);
    expect(res.errors).toEqual([]);
    expect(res.entries[0]).toMatchObject({
      nomor: 1,
      waktuTempat: { waktu: '2025-11-03', tempat: 'Samarinda' },
      bentuk: ['hardcopy'],
      retensi: { aktifTahun: 3, inaktifTahun: 7, disposisiAkhir: 'dinilai_kembali', keterangan: 'JRA fasilitatif' },
      klasifikasi: 'setiap_saat',
    });
  });

  it('reports a missing required column once, on the header row', () => {
    const rows = [good('1'), good('2')].map(({ [H[3]]: _dropped, ...rest }) => rest);
    const res = validateImportRows(rows);
    expect(res.errors).toEqual([expect.objectContaining({ row: 1, column: H[3] })]);
  });

  it('reports duplicate numbers and skips blank rows without shifting row numbers', () => {
    const blank = Object.fromEntries(Object.keys(good('x')).map((k) => [k, '']));
    const res = validateImportRows([good('1'), blank, good('1')]);
    expect(res.errors).toEqual([expect.objectContaining({ row: 4, column: 'Nomor' })]);
  });
});

describe('parseCsv', () => {
  it('reads semicolon CSV with BOM, quoted cells and blank lines, from a buffer or a stream', async () => {
    const text =
      '\uFEFF' +
      `${H.join(';')}\r\n` +
      `1;"Profil; struktur";Sekretariat;Kasubbag;"2026, Samarinda";Softcopy;"Aktif 2 tahun, inaktif 5 tahun, musnah";Berkala;\r\n` +
      `\r\n` +
      `2;Laporan;Keuangan;Kabid;2026, Samarinda;Hardcopy;Aktif 1 tahun, inaktif 2 tahun, permanen;Setiap Saat;\r\n`;
    for (const input of [Buffer.from(text), Readable.from([Buffer.from(text.slice(0, 30)), Buffer.from(text.slice(30))])]) {
      const rows = await parseCsv(input);
      expect(rows).toHaveLength(3);
      expect(rows[0][H[1]]).toBe('Profil; struktur');
      const res = validateImportRows(rows);
      expect(res.errors).toEqual([]);
      expect(res.entries.map((e) => e.nomor)).toEqual([1, 2]);
    }
  });

  it('throws DipImportError on broken files', async () => {
    await expect(parseCsv('Nomor,Ringkasan\n1,"unclosed\n')).rejects.toThrow(DipImportError);
    await expect(parseCsv('')).rejects.toThrow(/kosong/);
    await expect(parseCsv('Nomor,Nomor\n1,2\n')).rejects.toThrow(/ganda/);
    await expect(parseCsv('a,b\n1,2,3\n')).rejects.toMatchObject({ name: 'DipImportError', details: [expect.stringMatching(/2/)] });
  });
});

describe('parseXlsx', () => {
  it('reads the first sheet and keeps sheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Isian');
    ws.addRow([...H]);
    ws.addRow(['1', 'Profil', 'Sekretariat', 'Kasubbag', 2026, 'Softcopy', 'Aktif 2 tahun, inaktif 5 tahun, permanen', 'Berkala']);
    ws.addRow(['2', 'Laporan', 'Keuangan', 'Kabid', '2026, Samarinda', 'Softcopy', 'x', 'Berkala', { text: 'dok', hyperlink: 'https://x.go.id/2' }]);
    const rows = await parseXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows[1][H[8]]).toBe('https://x.go.id/2');
    const res = validateImportRows(rows);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [2, H[4]], // no place
      [3, H[6]],
    ]);
  });

  it('throws DipImportError on a file that is not XLSX', async () => {
    await expect(parseXlsx(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toThrow(DipImportError);
    await expect(parseXlsx(Buffer.from('hello'))).rejects.toThrow(DipImportError);
  });
});
