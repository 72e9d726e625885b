import { kindCodesOf } from './kinds';
import { DEFAULT_REFRESH_MONTHS } from './refresh';
import type { ClassificationRule } from './rules';

/*
 * Shipped rules. They are data: a body may disable, reprioritise or edit them, and add its own.
 * Priorities: protecting personal data first, then public safety, then the periodic cycle.
 */

/** Kinds chosen by the officer that are not serta merta; a disaster word in e.g. an evacuation SOP is no emergency. */
const NON_SERTA_MERTA_KINDS = [
  ...kindCodesOf('berkala'),
  ...kindCodesOf('setiap_saat'),
  ...kindCodesOf('dikecualikan'),
];

// prettier-ignore
export const DISASTER_KEYWORDS: readonly string[] = [
  // bencana alam
  'banjir', 'banjir bandang', 'banjir rob', 'gempa', 'gempa bumi', 'tsunami', 'longsor', 'tanah longsor',
  'erupsi', 'gunung meletus', 'awan panas', 'puting beliung', 'angin kencang', 'cuaca ekstrem', 'kekeringan',
  'kebakaran', 'kebakaran hutan', 'karhutla', 'abrasi',
  // bencana non-alam dan sosial
  'wabah', 'kejadian luar biasa', 'KLB', 'pandemi', 'epidemi', 'demam berdarah', 'DBD', 'flu burung', 'rabies',
  'keracunan', 'keracunan makanan', 'keracunan pangan', 'kebocoran gas', 'pencemaran', 'konflik sosial', 'kerusuhan',
  // rencana gangguan utilitas publik
  'pemadaman listrik', 'pemadaman bergilir', 'gangguan listrik', 'gangguan air', 'gangguan air bersih',
  'gangguan distribusi air', 'penghentian aliran air', 'gangguan telekomunikasi', 'penutupan jalan',
];

/** Personal data under Pasal 17 huruf h (rahasia pribadi); see also UU 27/2022 (PDP). */
// prettier-ignore
export const PERSONAL_DATA_KEYWORDS: readonly string[] = [
  'NIK', 'nomor induk kependudukan', 'nomor KK', 'nomor kartu keluarga', 'data pribadi', 'alamat rumah',
  'nomor telepon pribadi', 'nomor HP pribadi', 'rekam medis', 'riwayat penyakit', 'hasil pemeriksaan kesehatan',
  'hasil psikotes', 'gaji pegawai', 'slip gaji', 'daftar gaji', 'nomor rekening', 'rekening bank pribadi',
  'akta kelahiran', 'surat wasiat',
];

// prettier-ignore
export const FINANCE_AND_PROCUREMENT_KEYWORDS: readonly string[] = [
  'laporan keuangan', 'laporan realisasi anggaran', 'LRA', 'neraca', 'catatan atas laporan keuangan', 'CALK',
  'pengumuman pengadaan', 'pengadaan barang dan jasa', 'pengadaan barang/jasa', 'rencana umum pengadaan', 'RUP',
  'tender', 'lelang', 'pemenang tender', 'hasil seleksi penyedia',
];

export const DEFAULT_RULES: readonly ClassificationRule[] = [
  {
    code: 'dikecualikan-data-pribadi',
    name: 'Data pribadi dikecualikan',
    description:
      'Judul atau ringkasan menyebut data pribadi (NIK, nomor KK, rekam medis, gaji pegawai, ...): ' +
      'usulkan dikecualikan berdasarkan Pasal 17 huruf h dan wajibkan uji konsekuensi sebelum diputuskan.',
    enabled: true,
    priority: 300,
    when: { keywordsAny: [...PERSONAL_DATA_KEYWORDS] },
    then: [{ suggestClass: 'dikecualikan', pasal17: 'h' }, { requireConsequenceTest: true }],
  },
  {
    code: 'serta-merta-bencana',
    name: 'Bencana, wabah, keracunan, gangguan utilitas: serta merta',
    description:
      'Informasi yang mengancam hajat hidup orang banyak dan ketertiban umum (UU 14/2008 Pasal 10) ' +
      'diumumkan serta merta tanpa penundaan (jalur cepat).',
    enabled: true,
    priority: 200,
    when: {
      any: [
        { kindIn: kindCodesOf('serta_merta') },
        { all: [{ keywordsAny: [...DISASTER_KEYWORDS] }, { not: { kindIn: NON_SERTA_MERTA_KINDS } }] },
      ],
    },
    then: [{ suggestClass: 'serta_merta' }, { fastTrack: true }],
  },
  {
    code: 'berkala-keuangan-pengadaan',
    name: 'Laporan keuangan dan pengumuman pengadaan: berkala',
    description:
      'Laporan keuangan (Pasal 9 ayat (2) huruf c) dan pengumuman pengadaan barang/jasa diumumkan berkala, diperbarui tiap 6 bulan.',
    enabled: true,
    priority: 100,
    when: {
      any: [
        { kindIn: ['laporan_keuangan', 'pengumuman_pengadaan'] },
        {
          all: [
            { keywordsAny: [...FINANCE_AND_PROCUREMENT_KEYWORDS] },
            { not: { kindIn: kindCodesOf('setiap_saat') } },
          ],
        },
      ],
    },
    then: [{ suggestClass: 'berkala' }, { setRefreshMonths: DEFAULT_REFRESH_MONTHS }],
  },
  {
    code: 'berkala-jenis-informasi',
    name: 'Jenis informasi berkala',
    description: 'Jenis informasi yang tercantum sebagai informasi berkala (UU 14/2008 Pasal 9).',
    enabled: true,
    priority: 90,
    when: { kindIn: kindCodesOf('berkala') },
    then: [{ suggestClass: 'berkala' }],
  },
  {
    code: 'setiap-saat-jenis-informasi',
    name: 'Jenis informasi setiap saat',
    description: 'Jenis informasi yang tercantum sebagai informasi setiap saat (UU 14/2008 Pasal 11).',
    enabled: true,
    priority: 90,
    when: { kindIn: kindCodesOf('setiap_saat') },
    then: [{ suggestClass: 'setiap_saat' }],
  },
  {
    code: 'dikecualikan-jenis-informasi',
    name: 'Jenis informasi dikecualikan',
    description:
      'Jenis informasi yang tercantum sebagai dikecualikan (UU 14/2008 Pasal 17) hanya sah dengan uji konsekuensi.',
    enabled: true,
    priority: 90,
    when: { kindIn: kindCodesOf('dikecualikan') },
    then: [{ suggestClass: 'dikecualikan' }, { requireConsequenceTest: true }],
  },
  {
    code: 'berkala-siklus-pembaruan',
    name: 'Siklus pembaruan informasi berkala',
    description: 'Informasi berkala diumumkan paling singkat 6 bulan sekali (UU 14/2008 Pasal 9 ayat (3)).',
    enabled: true,
    priority: 10,
    when: { classIs: ['berkala'] },
    then: [{ setRefreshMonths: DEFAULT_REFRESH_MONTHS }],
  },
  {
    code: 'dikecualikan-uji-konsekuensi',
    name: 'Informasi dikecualikan wajib uji konsekuensi',
    description: 'Pengecualian hanya sah melalui uji konsekuensi yang diputuskan (UU 14/2008 Pasal 19; PP 61/2010).',
    enabled: true,
    priority: 10,
    when: { classIs: ['dikecualikan'] },
    then: [{ requireConsequenceTest: true }],
  },
];
