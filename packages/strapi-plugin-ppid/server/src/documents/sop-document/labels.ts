// Labels and value formatting shared by the HTML and PDF renderers. Bahasa Indonesia follows
// the wording of the SOP AP form (Permenpan RB 35/2012, Permendagri 52/2011); English is a
// courtesy translation for readers outside the body.
import type { SopHeaderLines } from '../../core/documents';
import type { SopRole, SopStep, TimeStandard, TimeUnit } from '../../core/workflow';

export type SopDocumentLang = 'id' | 'en';

export interface SopDocumentOptions {
  lang?: SopDocumentLang;
  /**
   * The left header cell's lines as written, parent government first ("Pemerintah Kota
   * Samarinda", "Kecamatan Palaran"); default: the SOP's instansi stacked, then its unit.
   */
  headerLines?: SopHeaderLines;
  /** The body's logo (PNG or JPEG) above the lines, for the body's own SOPs. */
  logo?: Buffer | null;
}

export interface SopLabels {
  nomorSop: string;
  tanggalPembuatan: string;
  tanggalRevisi: string;
  tanggalEfektif: string;
  disahkanOleh: string;
  namaSop: string;
  nip: string;
  dasarHukum: string;
  kualifikasiPelaksana: string;
  keterkaitan: string;
  peralatanPerlengkapan: string;
  peringatan: string;
  pencatatanPendataan: string;
  no: string;
  kegiatan: string;
  pelaksana: string;
  mutuBaku: string;
  kelengkapan: string;
  waktu: string;
  output: string;
  keterangan: string;
  ya: string;
  tidak: string;
  /** Keterangan of a step that can send the work back. */
  returnsTo: (step: number) => string;
  /** Keterangan of a step with a shorter standard for serta merta items. */
  fastTrack: (waktu: string) => string;
  /** Keterangan of a committee step: its rule and its members, as the SOP names them. */
  committee: (rule: 'all' | { atLeast: number }, members: string) => string;
  page: (n: number, total: number) => string;
  empty: string;
  months: readonly string[];
  units: Record<TimeUnit, string>;
  /** English pluralises units; Indonesian does not. */
  plural: (unit: string, amount: number) => string;
  tentatif: string;
}

const ID: SopLabels = {
  nomorSop: 'Nomor SOP',
  tanggalPembuatan: 'Tanggal Pembuatan',
  tanggalRevisi: 'Tanggal Revisi',
  tanggalEfektif: 'Tanggal Efektif',
  disahkanOleh: 'Disahkan Oleh',
  namaSop: 'Nama SOP',
  nip: 'NIP.',
  dasarHukum: 'Dasar Hukum',
  kualifikasiPelaksana: 'Kualifikasi Pelaksana',
  keterkaitan: 'Keterkaitan',
  peralatanPerlengkapan: 'Peralatan / Perlengkapan',
  peringatan: 'Peringatan',
  pencatatanPendataan: 'Pencatatan dan Pendataan',
  no: 'No',
  kegiatan: 'Kegiatan',
  pelaksana: 'Pelaksana',
  mutuBaku: 'Mutu Baku',
  kelengkapan: 'Kelengkapan',
  waktu: 'Waktu',
  output: 'Output',
  keterangan: 'Keterangan',
  ya: 'Ya',
  tidak: 'Tidak',
  returnsTo: (n) => `Tidak: kembali ke langkah ${n}`,
  fastTrack: (w) => `Serta merta: ${w}`,
  committee: (r, m) => (r === 'all' ? `Tim: paraf seluruh anggota (${m})` : `Tim: paraf sekurang-kurangnya ${r.atLeast} anggota (${m})`),
  page: (n, total) => `Halaman ${n} dari ${total}`,
  empty: '-',
  months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  units: { minute: 'menit', hour: 'jam', day: 'hari', week: 'minggu' },
  plural: (unit) => unit,
  tentatif: 'Tentatif',
};

const EN: SopLabels = {
  ...ID,
  nomorSop: 'SOP Number',
  tanggalPembuatan: 'Date Drawn Up',
  tanggalRevisi: 'Revision Date',
  tanggalEfektif: 'Effective Date',
  disahkanOleh: 'Approved By',
  namaSop: 'SOP Title',
  nip: 'NIP',
  dasarHukum: 'Legal Basis',
  kualifikasiPelaksana: 'Staff Qualifications',
  keterkaitan: 'Related SOPs',
  peralatanPerlengkapan: 'Equipment / Supplies',
  peringatan: 'Warnings',
  pencatatanPendataan: 'Records and Data Keeping',
  kegiatan: 'Activity',
  pelaksana: 'Performed By',
  mutuBaku: 'Quality Standard',
  kelengkapan: 'Requirements',
  waktu: 'Time',
  keterangan: 'Notes',
  ya: 'Yes',
  tidak: 'No',
  returnsTo: (n) => `No: back to step ${n}`,
  fastTrack: (w) => `Urgent (serta merta): ${w}`,
  committee: (r, m) => (r === 'all' ? `Committee: every member initials (${m})` : `Committee: at least ${r.atLeast} members initial (${m})`),
  page: (n, total) => `Page ${n} of ${total}`,
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  units: { minute: 'minute', hour: 'hour', day: 'day', week: 'week' },
  plural: (unit, amount) => (amount === 1 ? unit : `${unit}s`),
  tentatif: 'Tentative',
};

export function labelsFor(lang: SopDocumentLang = 'id'): SopLabels {
  return lang === 'en' ? EN : ID;
}

/** "1 jam", "15 menit", "1 minggu", "Tentatif". */
export function formatWaktu(standard: TimeStandard, l: SopLabels): string {
  if (standard === 'tentatif') return l.tentatif;
  return `${standard.amount} ${l.plural(l.units[standard.unit], standard.amount)}`;
}

/** ISO date as written on the form ("6 Januari 2025"); blank dates print as "-". */
export function formatTanggal(iso: string | null, l: SopLabels): string {
  if (!iso) return l.empty;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${l.months[Number(m[2]) - 1]} ${m[1]}`;
}

/** Keterangan lines: where a return goes, and the serta merta standard. Transcription notes
 *  (step.notes) are for maintainers, not for the signed form, so they are left out. */
export function keteranganOf(step: SopStep, l: SopLabels, roles: readonly SopRole[] = []): string[] {
  const lines: string[] = [];
  if (step.committee) {
    const label = (key: string) => roles.find((r) => r.key === key)?.label ?? key;
    lines.push(l.committee(step.committee.rule, step.committee.members.map((m) => label(m.role) + (m.unit ? ` ${m.unit}` : '')).join('; ')));
  }
  if (step.returnTo !== undefined) lines.push(l.returnsTo(step.returnTo));
  if (step.fastTrackStandard) lines.push(l.fastTrack(formatWaktu(step.fastTrackStandard, l)));
  return lines;
}
