import type { ApprovalFormData } from '../approval-form';

export const SIGNERS = [
  { nama: 'Rina Marlina, S.Sos.', nip: '198703152010012004', jabatan: 'Pengelola Informasi' },
  { nama: 'Dedi Kurniawan, S.T.', nip: '197911202006041003', jabatan: 'Kasubbag Umum dan Kepegawaian' },
  { nama: 'Hj. Siti Aminah, M.Si.', nip: '197205101998032007', jabatan: 'Sekretaris Dinas' },
  { nama: 'Dr. Ahmad Ṣāliḥ, M.M.', nip: '196801011990031005', jabatan: 'Kepala Dinas' },
];

export function formData(complete: boolean): ApprovalFormData {
  const rows: ApprovalFormData['rows'] = [
    { no: 1, activity: 'Menyusun draf dan mengisi formulir', signer: SIGNERS[0], capacity: 'definitif', kind: 'handover', signedAt: '2026-11-23T07:05:00Z', hash: 'a1'.repeat(32) },
    { no: 2, activity: 'Koreksi dan paraf', signer: SIGNERS[1], capacity: 'definitif', kind: 'paraf', signedAt: '2026-11-23T08:10:00Z', note: 'Sesuai', hash: 'b2'.repeat(32) },
    { no: 3, activity: 'Koreksi dan paraf Sekretaris', signer: SIGNERS[2], capacity: 'plh', kind: 'paraf', signedAt: '2026-11-24T02:00:00Z', hash: 'c3'.repeat(32) },
    complete
      ? { no: 4, activity: 'Menandatangani persetujuan', signer: SIGNERS[3], capacity: 'an', onBehalfOf: { nama: 'Bupati', nip: null, jabatan: 'Bupati Bandung' }, kind: 'tanda_tangan', signedAt: '2026-11-24T09:30:00Z', hash: 'd4'.repeat(32) }
      : { no: 4, activity: 'Menandatangani persetujuan', signer: null, kind: null, signedAt: null },
    complete
      ? { no: 5, activity: 'Mengunggah ke laman PPID', signer: SIGNERS[0], kind: 'publish', signedAt: '2026-11-24T10:00:00Z', hash: 'e5'.repeat(32) }
      : { no: 5, activity: 'Mengunggah ke laman PPID', signer: null, kind: null, signedAt: null },
  ];
  return {
    instansi: 'Pemerintah Kabupaten Bandung',
    unit: 'Dinas Komunikasi dan Informatika',
    alamat: 'Jl. Raya Soreang Km. 17, Soreang',
    item: {
      judul: 'Laporan Realisasi Anggaran Semester I 2026',
      ringkasan: 'Ringkasan realisasi pendapatan dan belanja daerah semester pertama tahun anggaran 2026.',
      klasifikasi: 'Berkala (Pasal 9)',
      versi: 3,
      contentHash: '9f'.repeat(32),
    },
    sop: { nama: 'SOP Pengumuman Informasi Berkala', nomor: '000.8.3.3/0958/400.02', versi: '2024.1' },
    rows,
    complete,
    verification: { url: 'https://ppid.bandungkab.go.id/verifikasi/7K3M9Q2XHV4P', code: '7K3M9Q2XHV4P' },
    tempat: 'Soreang',
    printedAt: new Date('2026-11-24T11:00:00Z'),
  };
}
