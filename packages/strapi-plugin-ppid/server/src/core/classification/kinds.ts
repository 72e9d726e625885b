import { type InformationClass, PASAL_17_GROUNDS, PASAL_17_LETTERS } from './classes';

/**
 * A kind of information (jenis informasi) named by the regulation. The list is managed data:
 * a body may add, rename or retire kinds; these are the shipped defaults.
 */
export interface InformationKind {
  code: string;
  label: string;
  class: InformationClass;
  legalBasis: string;
}

const PERKI = 'Perki 1/2021';
const berkala = (code: string, label: string, huruf: string): InformationKind => ({
  code,
  label,
  class: 'berkala',
  legalBasis: `UU 14/2008 Pasal 9 ayat (2) huruf ${huruf}; ${PERKI}`,
});
const sertaMerta = (code: string, label: string): InformationKind => ({
  code,
  label,
  class: 'serta_merta',
  legalBasis: `UU 14/2008 Pasal 10; ${PERKI}`,
});
const setiapSaat = (code: string, label: string, huruf: string): InformationKind => ({
  code,
  label,
  class: 'setiap_saat',
  legalBasis: `UU 14/2008 Pasal 11 ayat (1) huruf ${huruf}`,
});

export const DEFAULT_INFORMATION_KINDS: readonly InformationKind[] = [
  berkala('profil_badan_publik', 'Profil badan publik', 'a'),
  berkala('program_dan_kegiatan', 'Ringkasan program dan kegiatan', 'b'),
  berkala('kinerja', 'Ringkasan kinerja', 'b'),
  berkala('laporan_keuangan', 'Laporan keuangan', 'c'),
  berkala('ringkasan_laporan_akses_informasi', 'Ringkasan laporan akses informasi publik', 'd'),
  berkala('peraturan_dan_kebijakan', 'Informasi peraturan, keputusan dan/atau kebijakan', 'd'),
  berkala('hak_dan_tata_cara_memperoleh_informasi', 'Hak dan tata cara memperoleh informasi publik', 'd'),
  berkala('tata_cara_pengaduan', 'Tata cara pengaduan penyalahgunaan wewenang atau pelanggaran', 'd'),
  berkala('pengumuman_pengadaan', 'Pengumuman pengadaan barang dan jasa', 'd'),
  berkala('prosedur_peringatan_dini', 'Prosedur peringatan dini dan evakuasi keadaan darurat', 'd'),

  sertaMerta('bencana_alam', 'Bencana alam'),
  sertaMerta('bencana_non_alam', 'Bencana non-alam'),
  sertaMerta('bencana_sosial', 'Bencana sosial'),
  sertaMerta('wabah_penyakit', 'Wabah penyakit / kejadian luar biasa'),
  sertaMerta('keracunan_pangan', 'Keracunan pangan'),
  sertaMerta('gangguan_utilitas_publik', 'Rencana gangguan terhadap utilitas publik'),

  setiapSaat('daftar_informasi_publik', 'Daftar informasi publik', 'a'),
  setiapSaat('keputusan_dan_pertimbangan', 'Hasil keputusan badan publik dan pertimbangannya', 'b'),
  setiapSaat('kebijakan_dan_dokumen_pendukung', 'Kebijakan berikut dokumen pendukungnya', 'c'),
  setiapSaat('rencana_kerja_dan_anggaran', 'Rencana kerja proyek dan perkiraan pengeluaran tahunan', 'd'),
  setiapSaat('perjanjian_pihak_ketiga', 'Perjanjian badan publik dengan pihak ketiga', 'e'),
  setiapSaat('pertemuan_terbuka', 'Informasi dan kebijakan dalam pertemuan terbuka untuk umum', 'f'),
  setiapSaat('prosedur_kerja_pegawai', 'Prosedur kerja pegawai terkait pelayanan masyarakat', 'g'),
  setiapSaat('laporan_pelayanan_akses_informasi', 'Laporan pelayanan akses informasi publik', 'h'),

  ...PASAL_17_LETTERS.map(
    (letter): InformationKind => ({
      code: `dikecualikan_${letter}`,
      label: `Dikecualikan: ${PASAL_17_GROUNDS[letter].id}`,
      class: 'dikecualikan',
      legalBasis: `UU 14/2008 Pasal 17 huruf ${letter}`,
    }),
  ),
];

/** Codes of the default kinds of one class; used by the default rules. */
export function kindCodesOf(
  cls: InformationClass,
  kinds: readonly InformationKind[] = DEFAULT_INFORMATION_KINDS,
): string[] {
  return kinds.filter((k) => k.class === cls).map((k) => k.code);
}
