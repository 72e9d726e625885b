import {
  DIP_COLUMNS,
  DIP_HEADERS,
  DIP_PERKI_COLUMNS,
  formatRetensi,
  formatRow,
  validateDipEntry,
} from '..';
import { entry } from './fixtures';

describe('DIP columns', () => {
  it('lists the seven Perki 1/2021 columns in order, then Klasifikasi and Tautan', () => {
    expect(DIP_HEADERS).toEqual([
      'Nomor',
      'Ringkasan Isi Informasi',
      'Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi',
      'Penanggung Jawab Pembuatan atau Penerbitan Informasi',
      'Waktu dan Tempat Pembuatan Informasi',
      'Bentuk Informasi yang Tersedia',
      'Jangka Waktu Penyimpanan atau Retensi Arsip',
      'Klasifikasi',
      'Tautan',
    ]);
    expect(DIP_PERKI_COLUMNS.map((c) => c.header)).toEqual(DIP_HEADERS.slice(0, 7));
    expect(DIP_COLUMNS.every((c) => c.label.length > 0)).toBe(true);
  });

  it('formats an entry as cells in column order', () => {
    expect(formatRow(entry())).toEqual([
      '1',
      'Profil BKPSDM',
      'Sekretariat BKPSDM',
      'Kepala Sub Bagian Umum',
      '2026, Samarinda',
      'Softcopy, Hardcopy',
      'Aktif 2 tahun, inaktif 5 tahun, permanen',
      'Berkala',
      'https://ppid.example.go.id/dokumen/1',
    ]);
  });

  it('formats bentuk in canonical order and retensi with its note', () => {
    expect(formatRow(entry({ bentuk: ['hardcopy', 'softcopy'], tautan: undefined }))[5]).toBe('Softcopy, Hardcopy');
    expect(formatRow(entry({ tautan: undefined }))[8]).toBe('');
    expect(
      formatRetensi({ aktifTahun: 1, inaktifTahun: 0, disposisiAkhir: 'dinilai_kembali', keterangan: 'JRA 2022' }),
    ).toBe('Aktif 1 tahun, inaktif 0 tahun, dinilai kembali (JRA 2022)');
  });
});

describe('validateDipEntry', () => {
  it('accepts a complete entry', () => {
    expect(validateDipEntry(entry())).toEqual([]);
  });

  it('refuses excluded information with the legal reason', () => {
    const issues = validateDipEntry(entry({ klasifikasi: 'dikecualikan' as never }));
    expect(issues).toHaveLength(1);
    expect(issues[0].column).toBe('klasifikasi');
    expect(issues[0].message).toMatch(/Pasal 11/);
  });

  it('reports each bad column', () => {
    const issues = validateDipEntry(
      entry({ ringkasan: ' ', waktuTempat: { waktu: '2026-02-30', tempat: '' }, bentuk: [], tautan: 'ftp://x' }),
    );
    expect(issues.map((i) => i.field ?? i.column)).toEqual([
      'ringkasan',
      'waktuTempat.waktu',
      'waktuTempat.tempat',
      'bentuk',
      'tautan',
    ]);
  });
});
