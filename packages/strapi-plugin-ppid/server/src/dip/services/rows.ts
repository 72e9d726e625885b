// The DIP's rows: edition and signer shapes, export formats, and the mapping between
// dip-entry (or information-item) rows and the core's DipEntry.
import type { DipEntry, DipForm } from '../../core/dip';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export type EditionSigner = {
  nama: string;
  nip: string | null;
  jabatan: string;
  unit?: string | null;
  capacity?: string | null;
  verificationCode: string;
  signedAt: string;
};

export type EditionRow = {
  id: number;
  documentId: string;
  title: string;
  year: number;
  instansi: string;
  unitCode: string | null;
  ditetapkanDi: string | null;
  entries: DipEntry[] | null;
  previousEdition: string | null;
  /** A revised edition: the established edition it replaces (entries changed class), and why. */
  revisionOf?: string | null;
  revisionReason?: string | null;
  decreeNumber: string | null;
  decreeSerial: number | null;
  decreeDate: string | null;
  signer: EditionSigner | null;
  editionStatus: 'draft' | 'in_review' | 'established';
  publishedAt: string | null;
  createdAt: string;
};

const FORM_OF: Record<string, DipForm[]> = {
  softcopy: ['softcopy'],
  hardcopy: ['hardcopy'],
  softcopy_hardcopy: ['softcopy', 'hardcopy'],
};

/** A dip-entry (or information-item) row as the core's DipEntry. */
export function entryFromRow(row: any, index: number): DipEntry {
  const wt = row.waktuTempat ?? row.production ?? {};
  const r = row.retensi ?? row.retention ?? {};
  const e: DipEntry = {
    nomor: row.nomor ?? index + 1,
    ringkasan: String(row.ringkasan ?? row.title ?? '').trim(),
    pejabatUnit: String(row.pejabatUnit ?? row.holder ?? row.unit?.name ?? '').trim(),
    penanggungJawab: String(row.penanggungJawab ?? row.responsible ?? row.holder ?? '').trim(),
    waktuTempat: {
      waktu: String(wt.date ?? wt.period ?? '').trim(),
      tempat: String(wt.place ?? '').trim(),
    },
    bentuk: FORM_OF[row.bentuk ?? row.form] ?? ['softcopy'],
    retensi: {
      aktifTahun: Number(r.activeYears ?? 2),
      inaktifTahun: Number(r.inactiveYears ?? 5),
      disposisiAkhir: r.disposition ?? 'dinilai_kembali',
      ...(r.note ? { keterangan: r.note } : {}),
    },
    klasifikasi: row.classification,
    key: row.informationItem?.documentId ?? row.documentId,
  };
  const link = row.link ?? null;
  if (link) e.tautan = link;
  return e;
}

/** The core's DipEntry as dip-entry data. */
export function rowFromEntry(e: DipEntry) {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(e.waktuTempat.waktu);
  const forms = new Set(e.bentuk);
  const nomor = Number(e.nomor);
  return {
    nomor: Number.isInteger(nomor) && nomor > 0 ? nomor : null,
    ringkasan: e.ringkasan,
    pejabatUnit: e.pejabatUnit,
    penanggungJawab: e.penanggungJawab,
    waktuTempat: isDate
      ? { date: e.waktuTempat.waktu, place: e.waktuTempat.tempat }
      : { period: e.waktuTempat.waktu, place: e.waktuTempat.tempat },
    bentuk: forms.has('softcopy') && forms.has('hardcopy') ? 'softcopy_hardcopy' : forms.has('hardcopy') ? 'hardcopy' : 'softcopy',
    retensi: {
      activeYears: e.retensi.aktifTahun,
      inactiveYears: e.retensi.inaktifTahun,
      disposition: e.retensi.disposisiAkhir,
      note: e.retensi.keterangan ?? null,
    },
    classification: e.klasifikasi,
    link: e.tautan ?? null,
  };
}
