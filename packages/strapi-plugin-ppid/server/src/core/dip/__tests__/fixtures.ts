import type { DipEntry } from '..';

export function entry(overrides: Partial<DipEntry> = {}): DipEntry {
  return {
    nomor: 1,
    key: 'doc-1',
    ringkasan: 'Profil BKPSDM',
    pejabatUnit: 'Sekretariat BKPSDM',
    penanggungJawab: 'Kepala Sub Bagian Umum',
    waktuTempat: { waktu: '2026', tempat: 'Samarinda' },
    bentuk: ['softcopy', 'hardcopy'],
    retensi: { aktifTahun: 2, inaktifTahun: 5, disposisiAkhir: 'permanen' },
    klasifikasi: 'berkala',
    tautan: 'https://ppid.example.go.id/dokumen/1',
    ...overrides,
  };
}
