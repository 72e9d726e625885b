/**
 * Import of a DIP from a spreadsheet (CSV or XLSX) filled in by a PPID Pelaksana.
 *
 * Two stages, so each can be tested alone:
 *   1. parseCsv / parseXlsx (import-files.ts) turn a file into rows keyed by header text. A file that cannot
 *      be read throws DipImportError (a clean message, never a crash).
 *   2. validateImportRows turns rows into DipEntry values and reports every bad cell with the
 *      row number a person sees in the sheet.
 *
 * Row numbers: rows[i] is sheet row i + 2 (the header is row 1). When an XLSX has title rows
 * above its header (as our own export does), parseXlsx fills the rows above the data with
 * blank rows, which validation skips, so the numbering still matches the sheet.
 */
import {
  DIP_COLUMNS,
  type DipColumnKey,
  type DipDisposition,
  type DipEntry,
  type DipForm,
  dipColumn,
} from './columns';
import { unguardFormula } from './formula-guard';
import { validateDipEntry } from './validate';

export type DipImportRow = Record<string, string>;

export interface DipImportIssue {
  /** Sheet row (header = 1, first data row = 2). */
  row: number;
  /** Header text as written in the file; the Indonesian header when the column is missing. */
  column: string;
  /** Indonesian. */
  message: string;
  /** English. */
  messageEn: string;
}

export interface DipImportResult {
  /** False if any row or column has an error: then nothing may be imported. */
  ok: boolean;
  /** Entries from the rows without errors, in sheet order (for preview when !ok). */
  entries: DipEntry[];
  errors: DipImportIssue[];
  /** Headers that matched no known column (ignored). */
  ignoredColumns: string[];
}

export class DipImportError extends Error {
  constructor(
    message: string,
    /** Individual problems, when there are several (e.g. rows with too many cells). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'DipImportError';
  }
}

// ---------------------------------------------------------------------------------------------
// Header resolution

/** Fields a sheet may carry: the DIP columns, plus split forms of the composite ones. */
type ImportField =
  | DipColumnKey
  | 'waktu'
  | 'tempat'
  | 'retensiAktif'
  | 'retensiInaktif'
  | 'disposisiAkhir'
  | 'keteranganRetensi'
  | 'key';

/** Lowercase, letters and digits only: "Ringkasan Isi Informasi", "ringkasan_isi_informasi"
 *  and "RingkasanIsiInformasi" all become "ringkasanisiinformasi". */
export const normalizeHeader = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const EXTRA_ALIASES: Record<ImportField, string[]> = {
  nomor: ['no', 'nomorurut'],
  ringkasan: ['ringkasanisi', 'summary', 'informasi'],
  pejabatUnit: ['pejabat', 'unit', 'unitkerja', 'satuankerja', 'holdingunit'],
  penanggungJawab: ['penanggungjawab', 'responsible', 'pj'],
  waktuTempat: ['waktudantempat', 'timeandplace', 'timeplace'],
  bentuk: ['bentukinformasi', 'form', 'format', 'availableform'],
  retensi: ['retensiarsip', 'jangkawaktupenyimpanan', 'retention', 'retentionperiod'],
  klasifikasi: ['klasifikasiinformasi', 'classification', 'kategori', 'category'],
  tautan: ['link', 'url', 'tautandokumen'],
  waktu: ['waktu', 'waktupembuatan', 'tanggal', 'tanggalpembuatan', 'tahun', 'time', 'date', 'year'],
  tempat: ['tempat', 'tempatpembuatan', 'place'],
  retensiAktif: ['retensiaktif', 'retensiaktiftahun', 'aktif', 'aktiftahun', 'retentionactive', 'activeretention', 'activeyears'],
  retensiInaktif: [
    'retensiinaktif',
    'retensiinaktiftahun',
    'inaktif',
    'inaktiftahun',
    'retentioninactive',
    'inactiveretention',
    'inactiveyears',
  ],
  disposisiAkhir: ['disposisiakhir', 'disposisi', 'finaldisposition', 'disposition', 'retensidisposisiakhir'],
  keteranganRetensi: ['keteranganretensi', 'keterangan', 'retensiketerangan', 'retentionnote', 'note', 'catatan'],
  key: ['key', 'kunci', 'documentid', 'id'],
};

const ALIASES: Map<string, ImportField> = (() => {
  const map = new Map<string, ImportField>();
  const add = (alias: string, field: ImportField) => {
    const n = normalizeHeader(alias);
    if (n && !map.has(n)) map.set(n, field);
  };
  // Exact headers and labels first, so they win over any short alias.
  for (const c of DIP_COLUMNS) {
    add(c.header, c.key);
    add(c.label, c.key);
    add(c.key, c.key);
  }
  for (const [field, aliases] of Object.entries(EXTRA_ALIASES) as [ImportField, string[]][]) {
    add(field, field);
    aliases.forEach((a) => add(a, field));
  }
  return map;
})();

export function resolveImportHeader(header: string): ImportField | undefined {
  return ALIASES.get(normalizeHeader(header));
}

// ---------------------------------------------------------------------------------------------
// Cell parsers: each returns a value or an error message pair.

type Parsed<T> = { value: T } | { error: [string, string] };

const FORM_WORDS: Record<string, DipForm> = {
  softcopy: 'softcopy',
  soft: 'softcopy',
  digital: 'softcopy',
  elektronik: 'softcopy',
  electronic: 'softcopy',
  pdf: 'softcopy',
  hardcopy: 'hardcopy',
  hard: 'hardcopy',
  cetak: 'hardcopy',
  tercetak: 'hardcopy',
  printed: 'hardcopy',
  print: 'hardcopy',
  kertas: 'hardcopy',
  paper: 'hardcopy',
};

export function parseBentuk(text: string): Parsed<DipForm[]> {
  const tokens = text
    .split(/[,;/+&]|\bdan\b|\band\b/i)
    .map((t) => t.trim())
    .filter(Boolean);
  const forms = new Set<DipForm>();
  const unknown: string[] = [];
  for (const t of tokens) {
    const f = FORM_WORDS[normalizeHeader(t)] ?? FORM_WORDS[normalizeHeader(t.replace(/\bcopy\b/i, ''))];
    if (f) forms.add(f);
    else unknown.push(t);
  }
  if (unknown.length)
    return {
      error: [
        `Bentuk tidak dikenal: ${unknown.map((u) => `"${u}"`).join(', ')} (gunakan Softcopy dan/atau Hardcopy)`,
        `Unknown form: ${unknown.map((u) => `"${u}"`).join(', ')} (use Softcopy and/or Hardcopy)`,
      ],
    };
  return { value: (['softcopy', 'hardcopy'] as const).filter((f) => forms.has(f)) };
}

export function parseDisposisi(text: string): Parsed<DipDisposition> {
  const n = normalizeHeader(text);
  if (['musnah', 'dimusnahkan', 'pemusnahan', 'destroy', 'destroyed', 'destruction'].includes(n)) return { value: 'musnah' };
  if (['permanen', 'permanent', 'simpanpermanen', 'statis'].includes(n)) return { value: 'permanen' };
  if (['dinilaikembali', 'dinilaiulang', 'penilaiankembali', 'reevaluate', 'review', 'reviewed', 'reappraise'].includes(n))
    return { value: 'dinilai_kembali' };
  return {
    error: [
      `Disposisi akhir "${text}" tidak dikenal (musnah, permanen, atau dinilai kembali)`,
      `Unknown final disposition "${text}" (musnah, permanen or dinilai kembali)`,
    ],
  };
}

function parseYears(text: string, label: [string, string]): Parsed<number> {
  const m = /^\s*(\d{1,3})\s*(tahun|thn|th|years?|yrs?)?\s*$/i.exec(text);
  if (!m)
    return {
      error: [
        `Retensi ${label[0]} "${text}" harus berupa jumlah tahun (mis. 2)`,
        `Retention (${label[1]}) "${text}" must be a number of years (e.g. 2)`,
      ],
    };
  return { value: Number(m[1]) };
}

const RETENSI_HINT: [string, string] = [
  'format: "Aktif 2 tahun, inaktif 5 tahun, permanen"',
  'format: "Aktif 2 tahun, inaktif 5 tahun, permanen"',
];

/** "Aktif 2 tahun, inaktif 5 tahun, permanen (keterangan)", parts in any order,
 *  English words accepted ("Active 2 years, inactive 5 years, permanent"). */
export function parseRetensi(text: string): Parsed<DipEntry['retensi']> {
  let rest = text.trim();
  let keterangan: string | undefined;
  const note = /\(([\s\S]*)\)\s*$/.exec(rest);
  if (note) {
    keterangan = note[1].trim() || undefined;
    rest = rest.slice(0, note.index).trim();
  }
  let aktif: number | undefined;
  let inaktif: number | undefined;
  let disposisi: DipDisposition | undefined;
  const bad: string[] = [];
  for (const part of rest.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const m =
      /^(in)?(?:aktif|active)\s*:?\s*(\d{1,3})\s*(?:tahun|thn|th|years?|yrs?)?$/i.exec(part) ??
      /^(\d{1,3})\s*(?:tahun|thn|th|years?|yrs?)?\s*(in)?(?:aktif|active)$/i.exec(part);
    if (m) {
      const inactive = m[0].toLowerCase().includes('inaktif') || m[0].toLowerCase().includes('inactive');
      const years = Number(/\d+/.exec(part)![0]);
      if (inactive) inaktif = years;
      else aktif = years;
      continue;
    }
    const d = parseDisposisi(part);
    if ('value' in d) disposisi = d.value;
    else bad.push(part);
  }
  if (bad.length || aktif === undefined || inaktif === undefined || disposisi === undefined) {
    const what: [string, string][] = [];
    if (bad.length) what.push([`bagian tidak dikenal ${bad.map((b) => `"${b}"`).join(', ')}`, `unknown part ${bad.map((b) => `"${b}"`).join(', ')}`]);
    if (aktif === undefined) what.push(['retensi aktif tidak ada', 'active retention missing']);
    if (inaktif === undefined) what.push(['retensi inaktif tidak ada', 'inactive retention missing']);
    if (disposisi === undefined) what.push(['disposisi akhir tidak ada', 'final disposition missing']);
    return {
      error: [
        `Retensi "${text}" tidak valid: ${what.map((w) => w[0]).join('; ')} (${RETENSI_HINT[0]})`,
        `Invalid retention "${text}": ${what.map((w) => w[1]).join('; ')} (${RETENSI_HINT[1]})`,
      ],
    };
  }
  return { value: { aktifTahun: aktif, inaktifTahun: inaktif, disposisiAkhir: disposisi, ...(keterangan ? { keterangan } : {}) } };
}

/** Maps words to a class; "dikecualikan" passes through so validateDipEntry refuses it
 *  with the legal reason, and anything unknown passes through to be refused as unknown. */
export function parseKlasifikasi(text: string): string {
  const n = normalizeHeader(text);
  if (['berkala', 'informasiberkala', 'periodic', 'periodical', 'periodically'].includes(n)) return 'berkala';
  if (['sertamerta', 'informasisertamerta', 'immediate', 'immediately'].includes(n)) return 'serta_merta';
  if (['setiapsaat', 'tersediasetiapsaat', 'informasisetiapsaat', 'anytime', 'atanytime', 'availableatanytime'].includes(n))
    return 'setiap_saat';
  if (['dikecualikan', 'informasiyangdikecualikan', 'informasidikecualikan', 'excluded', 'exempt', 'exempted'].includes(n))
    return 'dikecualikan';
  return text.trim();
}

// ---------------------------------------------------------------------------------------------
// Validation

const FIRST_DATA_ROW = 2;

/** Columns that must be present, each satisfied by one of the listed field sets. */
const REQUIRED: { column: DipColumnKey; alternatives: ImportField[][] }[] = [
  { column: 'ringkasan', alternatives: [['ringkasan']] },
  { column: 'pejabatUnit', alternatives: [['pejabatUnit']] },
  { column: 'penanggungJawab', alternatives: [['penanggungJawab']] },
  { column: 'waktuTempat', alternatives: [['waktuTempat'], ['waktu', 'tempat']] },
  { column: 'bentuk', alternatives: [['bentuk']] },
  { column: 'retensi', alternatives: [['retensi'], ['retensiAktif', 'retensiInaktif', 'disposisiAkhir']] },
  { column: 'klasifikasi', alternatives: [['klasifikasi']] },
];

const isBlankRow = (row: DipImportRow): boolean => Object.values(row).every((v) => v == null || String(v).trim() === '');

export function validateImportRows(rows: readonly DipImportRow[]): DipImportResult {
  const errors: DipImportIssue[] = [];
  const entries: DipEntry[] = [];

  // Header map: the first header found for each field wins; a repeated field is an error.
  const headers = new Set<string>();
  for (const r of rows) Object.keys(r).forEach((k) => headers.add(k));
  const headerOf = new Map<ImportField, string>();
  const ignoredColumns: string[] = [];
  for (const h of headers) {
    const f = resolveImportHeader(h);
    if (!f) {
      if (h.trim()) ignoredColumns.push(h);
    } else if (headerOf.has(f)) {
      errors.push({
        row: 1,
        column: h,
        message: `Kolom ganda: "${h}" sama dengan "${headerOf.get(f)}"`,
        messageEn: `Duplicate column: "${h}" is the same as "${headerOf.get(f)}"`,
      });
    } else headerOf.set(f, h);
  }

  const missing = new Set<DipColumnKey>();
  for (const req of REQUIRED) {
    if (req.alternatives.some((alt) => alt.every((f) => headerOf.has(f)))) continue;
    missing.add(req.column);
    const header = dipColumn(req.column).header;
    errors.push({
      row: 1,
      column: header,
      message: `Kolom wajib "${header}" tidak ada`,
      messageEn: `Required column "${header}" (${dipColumn(req.column).label}) is missing`,
    });
  }

  const headerList = [...headers];
  const headerOrder = (h: string): number => {
    const i = headerList.indexOf(h);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };

  const seenNomor = new Map<string, number>();
  const seenKey = new Map<string, number>();
  let dataRows = 0;

  rows.forEach((raw, i) => {
    const rowNo = i + FIRST_DATA_ROW;
    if (isBlankRow(raw)) return;
    dataRows++;
    const rowErrors: DipImportIssue[] = [];
    const get = (f: ImportField): string => {
      const h = headerOf.get(f);
      return h === undefined ? '' : unguardFormula(String(raw[h] ?? '').trim());
    };
    const has = (f: ImportField) => headerOf.has(f);
    const colName = (f: ImportField): string => headerOf.get(f) ?? defaultHeader(f);
    const parseFailed = new Set<DipColumnKey>();
    const fail = (f: ImportField, [message, messageEn]: [string, string]) => {
      parseFailed.add(columnOfField(f));
      rowErrors.push({ row: rowNo, column: colName(f), message, messageEn });
    };

    // Nomor is optional: a blank one takes the row's position among data rows.
    const nomorText = get('nomor');
    const nomor: string | number = nomorText === '' ? dataRows : /^\d+$/.test(nomorText) ? Number(nomorText) : nomorText;

    // Composite columns: the combined column if filled, else the split columns.
    const useSplitWaktu = get('waktuTempat') === '' && (has('waktu') || has('tempat'));
    let waktuTempat = { waktu: '', tempat: '' };
    if (useSplitWaktu) waktuTempat = { waktu: get('waktu'), tempat: get('tempat') };
    else {
      const text = get('waktuTempat');
      const comma = text.indexOf(',');
      waktuTempat =
        comma < 0 ? { waktu: text, tempat: '' } : { waktu: text.slice(0, comma).trim(), tempat: text.slice(comma + 1).trim() };
    }

    let bentuk: DipForm[] = [];
    const bentukText = get('bentuk');
    if (bentukText) {
      const p = parseBentuk(bentukText);
      if ('error' in p) fail('bentuk', p.error);
      else bentuk = p.value;
    }

    const useSplitRetensi = get('retensi') === '' && (has('retensiAktif') || has('retensiInaktif') || has('disposisiAkhir'));
    let retensi: DipEntry['retensi'] | undefined;
    if (useSplitRetensi) {
      const a = parseYears(get('retensiAktif'), ['aktif', 'active']);
      const n = parseYears(get('retensiInaktif'), ['inaktif', 'inactive']);
      const d = parseDisposisi(get('disposisiAkhir'));
      if ('error' in a) fail('retensiAktif', a.error);
      if ('error' in n) fail('retensiInaktif', n.error);
      if ('error' in d) fail('disposisiAkhir', d.error);
      if ('value' in a && 'value' in n && 'value' in d) {
        const keterangan = get('keteranganRetensi');
        retensi = { aktifTahun: a.value, inaktifTahun: n.value, disposisiAkhir: d.value, ...(keterangan ? { keterangan } : {}) };
      }
    } else if (get('retensi')) {
      const p = parseRetensi(get('retensi'));
      if ('error' in p) fail('retensi', p.error);
      else {
        retensi = p.value;
        const keterangan = get('keteranganRetensi');
        if (keterangan && !retensi.keterangan) retensi.keterangan = keterangan;
      }
    }

    const tautan = get('tautan');
    const entry: DipEntry = {
      nomor,
      ringkasan: get('ringkasan'),
      pejabatUnit: get('pejabatUnit'),
      penanggungJawab: get('penanggungJawab'),
      waktuTempat,
      bentuk,
      retensi: retensi as DipEntry['retensi'],
      klasifikasi: parseKlasifikasi(get('klasifikasi')) as DipEntry['klasifikasi'],
      ...(tautan ? { tautan } : {}),
      // Without a key column the key is derived from nomor; the adapter links it to an item.
      key: get('key') || `nomor:${nomor}`,
    };

    // Entry rules live in validateDipEntry; skip columns that already failed to parse, and
    // columns missing as a whole (reported once, on row 1).
    for (const issue of validateDipEntry(entry)) {
      if (missing.has(issue.column) || parseFailed.has(issue.column)) continue;
      const f = fieldForIssue(issue.column, issue.field, useSplitWaktu, useSplitRetensi);
      rowErrors.push({ row: rowNo, column: colName(f), message: issue.message, messageEn: issue.messageEn });
    }

    const nomorKey = String(nomor);
    if (seenNomor.has(nomorKey))
      rowErrors.push({
        row: rowNo,
        column: colName('nomor'),
        message: `Nomor ${nomorKey} sudah dipakai di baris ${seenNomor.get(nomorKey)}`,
        messageEn: `Number ${nomorKey} already used on row ${seenNomor.get(nomorKey)}`,
      });
    else seenNomor.set(nomorKey, rowNo);
    if (has('key') && entry.key) {
      if (seenKey.has(entry.key))
        rowErrors.push({
          row: rowNo,
          column: colName('key'),
          message: `Kunci "${entry.key}" sudah dipakai di baris ${seenKey.get(entry.key)}`,
          messageEn: `Key "${entry.key}" already used on row ${seenKey.get(entry.key)}`,
        });
      else seenKey.set(entry.key, rowNo);
    }

    // Report a row's errors left to right, as the person reads the sheet.
    rowErrors.sort((a, b) => headerOrder(a.column) - headerOrder(b.column));
    if (rowErrors.length) errors.push(...rowErrors);
    else entries.push(entry);
  });

  if (dataRows === 0 && missing.size === 0)
    errors.push({ row: FIRST_DATA_ROW, column: '', message: 'Tidak ada baris data', messageEn: 'No data rows' });

  return { ok: errors.length === 0, entries, errors, ignoredColumns };
}

const SPLIT_FIELDS: Record<Exclude<ImportField, DipColumnKey>, { column: DipColumnKey; header: string }> = {
  waktu: { column: 'waktuTempat', header: 'Waktu Pembuatan' },
  tempat: { column: 'waktuTempat', header: 'Tempat Pembuatan' },
  retensiAktif: { column: 'retensi', header: 'Retensi Aktif' },
  retensiInaktif: { column: 'retensi', header: 'Retensi Inaktif' },
  disposisiAkhir: { column: 'retensi', header: 'Disposisi Akhir' },
  keteranganRetensi: { column: 'retensi', header: 'Keterangan Retensi' },
  key: { column: 'nomor', header: 'Kunci' },
};

const isSplitField = (f: ImportField): f is Exclude<ImportField, DipColumnKey> => f in SPLIT_FIELDS;
const columnOfField = (f: ImportField): DipColumnKey => (isSplitField(f) ? SPLIT_FIELDS[f].column : f);
const defaultHeader = (f: ImportField): string => (isSplitField(f) ? SPLIT_FIELDS[f].header : dipColumn(f).header);

function fieldForIssue(column: DipColumnKey, field: string | undefined, splitWaktu: boolean, splitRetensi: boolean): ImportField {
  if (column === 'waktuTempat' && splitWaktu) return field === 'waktuTempat.tempat' ? 'tempat' : 'waktu';
  if (column === 'retensi' && splitRetensi) {
    if (field === 'retensi.inaktifTahun') return 'retensiInaktif';
    if (field === 'retensi.disposisiAkhir') return 'disposisiAkhir';
    return 'retensiAktif';
  }
  return column;
}
