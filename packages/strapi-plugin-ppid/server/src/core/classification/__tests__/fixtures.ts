import type { ConsequenceTest } from '..';

/** A complete, decided uji konsekuensi under Pasal 17 huruf a. */
export const decidedTest = (over: Partial<ConsequenceTest> = {}): ConsequenceTest => ({
  informasi: 'Dokumen penyelidikan dugaan penyimpangan dana desa Desa Sukamaju',
  badanPublik: 'Pemerintah Kabupaten Bogor',
  unit: 'Inspektorat Daerah',
  dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'a' },
  konsekuensiJikaDibuka: 'Menghambat proses penyelidikan dan dapat menghilangkan alat bukti',
  konsekuensiJikaDitutup: 'Masyarakat belum mengetahui hasil pemeriksaan sampai penyelidikan selesai',
  pertimbanganKepentinganPublik:
    'Kepentingan penegakan hukum lebih besar daripada kepentingan membuka informasi saat ini',
  masaPengecualianBerakhir: '2027-12-31',
  nomorKeputusan: '000.5/12/Inspektorat/2026',
  tempatKeputusan: 'Cibinong',
  tanggalKeputusan: '2026-02-10',
  status: 'decided',
  ...over,
});
