/** What an export prints about the edition besides its entries. */

export interface DipSigner {
  nama: string;
  nip: string;
  /** Jabatan as at signing, e.g. "Sekretaris Daerah selaku Atasan PPID". */
  jabatan: string;
}

export interface DipEditionMeta {
  /** e.g. "Daftar Informasi Publik 2026". */
  title: string;
  instansi: string;
  unit?: string;
  /** Absent while the edition is a draft: exports then say so instead. */
  decreeNumber?: string;
  /** Calendar date "YYYY-MM-DD" or a Date. */
  decreeDate?: string | Date;
  /** Place of establishment ("Ditetapkan di"), e.g. "Samarinda". */
  ditetapkanDi?: string;
  signer?: DipSigner;
  /** Public page that verifies this edition; printed as a QR code in the PDF. */
  verificationUrl?: string;
}

const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/**
 * "15 Januari 2026". A "YYYY-MM-DD" string is a calendar date and is taken as is; a Date is
 * read in the body's time zone (default WIB), since a decree is dated locally.
 */
export function formatTanggal(date: string | Date, timeZone = 'Asia/Jakarta'): string {
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    if (!m) return date;
    return `${Number(m[3])} ${BULAN[Number(m[2]) - 1]} ${m[1]}`;
  }
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return `${get('day')} ${BULAN[get('month') - 1]} ${get('year')}`;
}

/** "Nomor 000.8.3.3/0001/BKPSDM/2026 tanggal 15 Januari 2026", or the draft notice. */
export function decreeLine(edition: DipEditionMeta): string {
  if (!edition.decreeNumber) return 'DRAF: belum ditetapkan dengan Surat Keputusan';
  const date = edition.decreeDate ? ` tanggal ${formatTanggal(edition.decreeDate)}` : '';
  return `Nomor ${edition.decreeNumber}${date}`;
}
