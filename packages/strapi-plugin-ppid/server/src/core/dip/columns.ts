/**
 * Daftar Informasi Publik (DIP): the register's columns and how one entry reads as a row.
 *
 * The first seven columns and their order are fixed by Perki 1/2021; "Klasifikasi" and
 * "Tautan" are the usual additions in practice. Every export and the import use this list,
 * so the order is decided here and nowhere else.
 */

/** Classes a DIP entry may carry. "dikecualikan" is deliberately absent: excluded
 *  information never enters the DIP (UU 14/2008 Pasal 11(1)a). */
export const DIP_CLASSIFICATIONS = ['berkala', 'serta_merta', 'setiap_saat'] as const;
export type DipClassification = (typeof DIP_CLASSIFICATIONS)[number];

export const DIP_FORMS = ['softcopy', 'hardcopy'] as const;
export type DipForm = (typeof DIP_FORMS)[number];

/** Final disposition of the archive once retention ends (UU 43/2009 retention schedules). */
export const DIP_DISPOSITIONS = ['musnah', 'permanen', 'dinilai_kembali'] as const;
export type DipDisposition = (typeof DIP_DISPOSITIONS)[number];

export interface DipRetention {
  /** Active retention, years. */
  aktifTahun: number;
  /** Inactive retention, years. */
  inaktifTahun: number;
  keterangan?: string;
  disposisiAkhir: DipDisposition;
}

export interface DipEntry {
  nomor: string | number;
  /** Ringkasan isi informasi: summary of the information's content. */
  ringkasan: string;
  /** Pejabat atau unit/satuan kerja yang menguasai informasi. */
  pejabatUnit: string;
  /** Penanggung jawab pembuatan atau penerbitan informasi. */
  penanggungJawab: string;
  /** Waktu: ISO date (YYYY-MM-DD, YYYY-MM) or year text ("2026"); tempat: place. */
  waktuTempat: { waktu: string; tempat: string };
  bentuk: DipForm[];
  retensi: DipRetention;
  klasifikasi: DipClassification;
  tautan?: string;
  /** Stable identity across editions (the linked item's documentId, or a generated id);
   *  diffing matches on it, never on `nomor`, which is renumbered freely. */
  key: string;
}

export type DipColumnKey =
  | 'nomor'
  | 'ringkasan'
  | 'pejabatUnit'
  | 'penanggungJawab'
  | 'waktuTempat'
  | 'bentuk'
  | 'retensi'
  | 'klasifikasi'
  | 'tautan';

export interface DipColumn {
  key: DipColumnKey;
  /** Indonesian header, exactly as in Perki 1/2021 (used in every export). */
  header: string;
  /** English label (UI, import aliases). */
  label: string;
  /** True for the seven columns Perki 1/2021 prescribes. */
  perki: boolean;
  /** Suggested spreadsheet width, in characters. */
  width: number;
}

export const DIP_COLUMNS: readonly DipColumn[] = Object.freeze([
  { key: 'nomor', header: 'Nomor', label: 'Number', perki: true, width: 8 },
  { key: 'ringkasan', header: 'Ringkasan Isi Informasi', label: 'Summary of Information', perki: true, width: 50 },
  {
    key: 'pejabatUnit',
    header: 'Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi',
    label: 'Official or Unit Holding the Information',
    perki: true,
    width: 30,
  },
  {
    key: 'penanggungJawab',
    header: 'Penanggung Jawab Pembuatan atau Penerbitan Informasi',
    label: 'Responsible for Creating or Issuing the Information',
    perki: true,
    width: 30,
  },
  {
    key: 'waktuTempat',
    header: 'Waktu dan Tempat Pembuatan Informasi',
    label: 'Time and Place of Creation',
    perki: true,
    width: 24,
  },
  { key: 'bentuk', header: 'Bentuk Informasi yang Tersedia', label: 'Available Form', perki: true, width: 20 },
  {
    key: 'retensi',
    header: 'Jangka Waktu Penyimpanan atau Retensi Arsip',
    label: 'Retention Period',
    perki: true,
    width: 36,
  },
  { key: 'klasifikasi', header: 'Klasifikasi', label: 'Classification', perki: false, width: 14 },
  { key: 'tautan', header: 'Tautan', label: 'Link', perki: false, width: 40 },
] as DipColumn[]);

export const DIP_COLUMN_KEYS: readonly DipColumnKey[] = DIP_COLUMNS.map((c) => c.key);
/** Indonesian headers in column order. */
export const DIP_HEADERS: readonly string[] = DIP_COLUMNS.map((c) => c.header);
/** The seven Perki 1/2021 columns only. */
export const DIP_PERKI_COLUMNS: readonly DipColumn[] = DIP_COLUMNS.filter((c) => c.perki);

export function dipColumn(key: DipColumnKey): DipColumn {
  const col = DIP_COLUMNS.find((c) => c.key === key);
  if (!col) throw new Error(`Unknown DIP column: ${key}`);
  return col;
}

export const DIP_CLASSIFICATION_LABELS: Record<DipClassification, string> = {
  berkala: 'Berkala',
  serta_merta: 'Serta Merta',
  setiap_saat: 'Setiap Saat',
};

export const DIP_FORM_LABELS: Record<DipForm, string> = { softcopy: 'Softcopy', hardcopy: 'Hardcopy' };

export const DIP_DISPOSITION_LABELS: Record<DipDisposition, string> = {
  musnah: 'musnah',
  permanen: 'permanen',
  dinilai_kembali: 'dinilai kembali',
};

export function isDipClassification(value: unknown): value is DipClassification {
  return typeof value === 'string' && (DIP_CLASSIFICATIONS as readonly string[]).includes(value);
}

/** "Softcopy, Hardcopy": canonical order and no duplicates, so equal sets read equal. */
export function formatBentuk(bentuk: readonly DipForm[]): string {
  return DIP_FORMS.filter((f) => bentuk.includes(f))
    .map((f) => DIP_FORM_LABELS[f])
    .join(', ');
}

/** "Aktif 2 tahun, inaktif 5 tahun, permanen (keterangan)". The import parses this back. */
export function formatRetensi(r: DipRetention): string {
  const base = `Aktif ${r.aktifTahun} tahun, inaktif ${r.inaktifTahun} tahun, ${DIP_DISPOSITION_LABELS[r.disposisiAkhir]}`;
  const note = r.keterangan?.trim();
  return note ? `${base} (${note})` : base;
}

/** "2026, Samarinda". */
export function formatWaktuTempat(wt: DipEntry['waktuTempat']): string {
  return [wt.waktu.trim(), wt.tempat.trim()].filter(Boolean).join(', ');
}

export function formatKlasifikasi(k: DipClassification): string {
  return DIP_CLASSIFICATION_LABELS[k] ?? String(k);
}

/** One column's cell text. */
export function formatCell(entry: DipEntry, key: DipColumnKey): string {
  switch (key) {
    case 'nomor':
      return String(entry.nomor);
    case 'ringkasan':
      return entry.ringkasan;
    case 'pejabatUnit':
      return entry.pejabatUnit;
    case 'penanggungJawab':
      return entry.penanggungJawab;
    case 'waktuTempat':
      return formatWaktuTempat(entry.waktuTempat);
    case 'bentuk':
      return formatBentuk(entry.bentuk);
    case 'retensi':
      return formatRetensi(entry.retensi);
    case 'klasifikasi':
      return formatKlasifikasi(entry.klasifikasi);
    case 'tautan':
      return entry.tautan ?? '';
  }
}

/** The entry as string cells, in `DIP_COLUMNS` order. */
export function formatRow(entry: DipEntry): string[] {
  return DIP_COLUMN_KEYS.map((key) => formatCell(entry, key));
}
