// The registers (register permohonan informasi, register keberatan; Perki 1/2021) and the
// annual report (laporan layanan informasi publik, UU 14/2008 Pasal 12; Perki 1/2021). Pure:
// no Strapi. The adapter hands in stored rows as they are; `requestFacts` / `objectionFacts`
// are the ONE place that reads them, so a field added by a later part of #15 (the written
// notice and its outcome, the objection's answer, the dispute) is added there and every register
// column, export and annual number follows. A fact not recorded yet prints as an empty cell.
import type { WorkingCalendar } from '../calendar';
import { localIsoDate, utcOffsetMinutes } from '../calendar';
import type { ValidationIssue } from '../classification/validation';
import { OBJECTION_REASONS } from './objection';

/** UU 14/2008 Pasal 17, letter by letter (short labels for registers and the report). */
export const PASAL_17 = {
  a: 'menghambat proses penegakan hukum',
  b: 'mengganggu perlindungan HKI dan persaingan usaha tidak sehat',
  c: 'membahayakan pertahanan dan keamanan negara',
  d: 'mengungkapkan kekayaan alam Indonesia',
  e: 'merugikan ketahanan ekonomi nasional',
  f: 'merugikan kepentingan hubungan luar negeri',
  g: 'isi akta otentik yang bersifat pribadi dan kemauan terakhir atau wasiat',
  h: 'mengungkap rahasia pribadi',
  i: 'memorandum atau surat antar/intra badan publik yang dirahasiakan',
  j: 'tidak boleh diungkapkan berdasarkan undang-undang',
} as const;
export type Pasal17Letter = keyof typeof PASAL_17;
const P17 = Object.keys(PASAL_17) as Pasal17Letter[];

/** `tidak_dikuasai`: the body does not hold the information (Pasal 22 ayat 7 huruf a): not a refusal. */
export type Outcome = 'seluruhnya' | 'sebagian' | 'ditolak' | 'tidak_dikuasai';
export const OUTCOME_LABEL: Record<Outcome, string> = {
  seluruhnya: 'Diberikan seluruhnya',
  sebagian: 'Diberikan sebagian',
  ditolak: 'Ditolak',
  tidak_dikuasai: 'Informasi tidak dikuasai',
};

/** The Atasan PPID's answer as objections/services stores it (answerDecision). */
const ANSWER_LABEL: Record<string, string> = { menguatkan: 'Menguatkan keputusan PPID', membatalkan: 'Membatalkan keputusan PPID' };
const APPLICANT_LABEL: Record<string, string> = { perorangan: 'Perorangan', kelompok: 'Kelompok orang', badan_hukum: 'Badan hukum' };
const OBTAIN_LABEL: Record<string, string> = {
  melihat: 'Melihat',
  membaca: 'Membaca',
  mendengarkan: 'Mendengarkan',
  mencatat: 'Mencatat',
  salinan_softcopy: 'Salinan (softcopy)',
  salinan_hardcopy: 'Salinan (hardcopy)',
};
const DELIVER_LABEL: Record<string, string> = { langsung: 'Langsung', pos: 'Pos', email: 'E-mail', faksimili: 'Faksimili', kurir: 'Kurir' };

/** A request as the registers and the report read it. `null` = not recorded (yet). */
export interface RequestFacts {
  number: string;
  receivedAt: Date;
  dueAt: Date;
  extended: boolean;
  extensionReasons: string | null;
  channel: string | null;
  applicantType: string;
  applicantName: string;
  applicantAddress: string;
  applicantPhone: string | null;
  applicantEmail: string | null;
  information: string;
  purpose: string;
  obtainBy: string;
  deliverBy: string;
  /** The written notice (pemberitahuan tertulis, Pasal 22 ayat 7). */
  noticeSentAt: Date | null;
  /** The notice's own letter number (nomor surat), given when the PPID signs it. */
  noticeNumber: string | null;
  outcome: Outcome | null;
  /** Pasal 17 letters of a refusal or a partial grant. */
  refusalGrounds: Pasal17Letter[];
  cost: string | null;
  notes: string | null;
}

export interface ObjectionFacts {
  number: string;
  receivedAt: Date;
  dueAt: Date;
  requestNumber: string | null;
  applicantName: string | null;
  reasons: string[];
  statement: string;
  /** The Atasan PPID's written answer (Pasal 36 ayat 2). */
  answeredAt: Date | null;
  answer: string | null;
  /** The dispute before the Komisi Informasi (Pasal 37). */
  disputeFiledAt: Date | null;
  dispute: string | null;
  notes: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);
const date = (v: unknown): Date | null => {
  if (v == null || v === '') return null;
  const d = v instanceof Date ? v : new Date(v as string);
  return Number.isNaN(d.getTime()) ? null : d;
};
const first = (...vs: unknown[]) => vs.find((v) => v !== undefined && v !== null && v !== '');

/** Accepts the spellings a later part may store (English or the regulation's words). */
export function normalizeOutcome(v: unknown): Outcome | null {
  const s = typeof v === 'string' ? v.toLowerCase().replace(/[\s-]+/g, '_') : '';
  if (/^(granted|granted_in_whole|whole|diberikan_seluruhnya|seluruhnya|dikabulkan_seluruhnya)$/.test(s)) return 'seluruhnya';
  if (/^(partial|granted_in_part|part|diberikan_sebagian|sebagian|dikabulkan_sebagian)$/.test(s)) return 'sebagian';
  if (/^(refused|rejected|denied|ditolak|tolak)$/.test(s)) return 'ditolak';
  if (/^(not_held|tidak_dikuasai|informasi_tidak_dikuasai)$/.test(s)) return 'tidak_dikuasai';
  return null;
}

function letters(v: unknown): Pasal17Letter[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' && v ? v.split(/[\s,;]+/) : [];
  const out = list
    .map((x) => (typeof x === 'string' ? x : (x as any)?.letter ?? (x as any)?.huruf))
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.trim().toLowerCase())
    .filter((x): x is Pasal17Letter => (P17 as string[]).includes(x));
  return [...new Set(out)].sort();
}

/** The one reader of a stored request (see the file's head). */
export function requestFacts(row: Record<string, any>): RequestFacts {
  const notice = (row.notice && typeof row.notice === 'object' ? row.notice : {}) as Record<string, any>;
  return {
    number: String(row.number ?? ''),
    receivedAt: date(row.receivedAt) ?? new Date(NaN),
    dueAt: date(row.dueAt) ?? new Date(NaN),
    extended: !!row.extended,
    extensionReasons: str(row.extensionReasons),
    channel: str(row.channel),
    applicantType: String(row.applicantType ?? ''),
    applicantName: String(row.applicantName ?? ''),
    applicantAddress: String(row.applicantAddress ?? ''),
    applicantPhone: str(row.applicantPhone),
    applicantEmail: str(row.applicantEmail),
    information: String(row.information ?? ''),
    purpose: String(row.purpose ?? ''),
    obtainBy: String(row.obtainBy ?? ''),
    deliverBy: String(row.deliverBy ?? ''),
    // The signed written notice (requests/services/notices.ts): decidedAt is the PPID's signature.
    noticeSentAt: date(first(row.decidedAt, row.noticeSentAt, notice.sentAt)),
    noticeNumber: str(first(row.noticeNumber, notice.number)),
    // The outcome column is written at signing (a recorded, unsigned notice has none yet).
    outcome: normalizeOutcome(first(row.outcome, notice.outcome, row.decision)),
    // The notice's own Pasal 17 letter and those of its blacked-out parts.
    refusalGrounds: letters([
      ...letters(first(row.refusalGrounds, notice.refusalGrounds, row.exclusionGrounds, row.pasal17, row.refusalGround, notice.pasal17)),
      ...letters(notice.hurufPasal17),
      ...(Array.isArray(notice.redactions) ? notice.redactions.map((r: any) => r?.hurufPasal17) : []),
    ]),
    cost: str(typeof notice.cost === 'number' ? (notice.cost > 0 ? `Rp${notice.cost.toLocaleString('id-ID')}` : 'Tanpa biaya') : first(row.cost, notice.cost)),
    notes: str(first(row.notes, row.keterangan)),
  };
}

/** The one reader of a stored objection; `request` may be the related request row (populated). */
export function objectionFacts(row: Record<string, any>): ObjectionFacts {
  const answer = (row.answer && typeof row.answer === 'object' ? row.answer : {}) as Record<string, any>;
  const dispute = (row.dispute && typeof row.dispute === 'object' ? row.dispute : {}) as Record<string, any>;
  const req = (row.request && typeof row.request === 'object' ? row.request : {}) as Record<string, any>;
  return {
    number: String(row.number ?? ''),
    receivedAt: date(row.receivedAt) ?? new Date(NaN),
    dueAt: date(row.dueAt) ?? new Date(NaN),
    requestNumber: str(first(req.number, row.requestNumber)),
    applicantName: str(req.applicantName),
    reasons: Array.isArray(row.reasons) ? row.reasons.filter((r: unknown) => typeof r === 'string').sort() : [],
    statement: String(row.statement ?? ''),
    // The Atasan PPID's signed answer (requests/services/objections.ts): answeredAt is the signature.
    answeredAt: date(first(row.answeredAt, answer.answeredAt, answer.sentAt, answer.date)),
    answer: str(
      row.answeredAt && ANSWER_LABEL[row.answerDecision as string]
        ? ANSWER_LABEL[row.answerDecision as string]
        : first(typeof row.answer === 'string' ? row.answer : undefined, row.answerSummary, answer.summary, answer.decision, answer.text)
    ),
    disputeFiledAt: date(first(row.disputeFiledAt, dispute.filedAt, dispute.date)),
    dispute: str(
      dispute.registerNumber
        ? `${dispute.registerNumber}${dispute.outcome?.kind ? ` (${dispute.outcome.kind === 'mediasi' ? 'mediasi' : 'putusan'} ${dispute.outcome.date ?? ''})`.replace(/ \)$/, ')') : ''}`
        : first(typeof row.dispute === 'string' ? row.dispute : undefined, row.disputeNumber, dispute.number, dispute.status, dispute.result)
    ),
    notes: str(first(row.notes, row.keterangan)),
  };
}

// ---------------------------------------------------------------- working days

const workingDate = (iso: string, calendar: WorkingCalendar) => {
  const weekday = ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return (calendar.workingDays as number[]).includes(weekday) && !!calendar.hours[weekday as 1] && !calendar.holidays.includes(iso);
};

/**
 * Working days a request took: the working dates after the day of receipt up to and including
 * the day of the answer (answered the same day = 0; received Monday, answered Tuesday = 1), in
 * the calendar's zone. The way "N hari kerja" is counted for the 10 days of Pasal 22 ayat (7).
 */
export function workingDaysTaken(from: Date, to: Date, calendar: WorkingCalendar): number {
  const a = localIsoDate(from, calendar.timeZone);
  const b = localIsoDate(to, calendar.timeZone);
  if (b <= a) return 0;
  let n = 0;
  for (let d = new Date(`${a}T00:00:00Z`); ; ) {
    d = new Date(d.getTime() + 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    if (iso > b) break;
    if (workingDate(iso, calendar)) n++;
  }
  return n;
}

// ---------------------------------------------------------------- the period

export interface Period {
  /** Local dates, inclusive. */
  from: string;
  to: string;
  label: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validIso = (s: string) => ISO.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** `?year=2026` or `?from=2026-01-01&to=2026-06-30` (local dates, inclusive); default: `defaultYear`. */
export function parsePeriod(query: Record<string, unknown>, defaultYear: number): { ok: true; value: Period } | { ok: false; errors: ValidationIssue[] } {
  const errors: ValidationIssue[] = [];
  const { year, from, to } = query as Record<string, unknown>;
  if (from !== undefined || to !== undefined) {
    if (year !== undefined) errors.push({ path: 'year', message: 'pakai year atau from/to, tidak keduanya / use year or from/to, not both' });
    if (typeof from !== 'string' || !validIso(from)) errors.push({ path: 'from', message: 'tanggal YYYY-MM-DD / a date YYYY-MM-DD' });
    if (typeof to !== 'string' || !validIso(to)) errors.push({ path: 'to', message: 'tanggal YYYY-MM-DD / a date YYYY-MM-DD' });
    if (!errors.length && (to as string) < (from as string)) errors.push({ path: 'to', message: 'sebelum from / before from' });
    if (errors.length) return { ok: false, errors };
    return { ok: true, value: { from: from as string, to: to as string, label: `${from} s.d. ${to}` } };
  }
  const y = year === undefined ? defaultYear : Number(year);
  if (!Number.isInteger(y) || y < 2008 || y > 9999) return { ok: false, errors: [{ path: 'year', message: 'tahun 2008-9999 / a year 2008-9999' }] };
  return { ok: true, value: { from: `${y}-01-01`, to: `${y}-12-31`, label: `Tahun ${y}` } };
}

/** The period's bounds as instants in the body's zone: [start, end). */
export function periodBounds(p: Period, timeZone: string): { start: Date; end: Date } {
  const off = utcOffsetMinutes(timeZone) * 60_000;
  const start = new Date(new Date(`${p.from}T00:00:00Z`).getTime() - off);
  const end = new Date(new Date(`${p.to}T00:00:00Z`).getTime() + 86_400_000 - off);
  return { start, end };
}

// ---------------------------------------------------------------- register columns

export interface RegisterColumn<K extends string = string> {
  key: K;
  header: string;
  /** Column width in the XLSX (characters). */
  width: number;
  /** Share of the PDF's width (A4 landscape): short values (dates, numbers) must fit on one line. */
  pdf?: number;
}

export const REQUEST_REGISTER_COLUMNS = [
  { key: 'no', header: 'No.', width: 5, pdf: 3 },
  { key: 'tanggal', header: 'Tanggal Permohonan', width: 13, pdf: 8 },
  { key: 'nomor', header: 'Nomor Pendaftaran', width: 17, pdf: 11 },
  { key: 'nama', header: 'Nama Pemohon', width: 20, pdf: 10 },
  { key: 'alamat', header: 'Alamat', width: 24, pdf: 12 },
  { key: 'kontak', header: 'Nomor Kontak / E-mail', width: 20, pdf: 12 },
  { key: 'jenisPemohon', header: 'Pekerjaan / Jenis Pemohon', width: 14, pdf: 8 },
  { key: 'informasi', header: 'Informasi yang Diminta', width: 32, pdf: 16 },
  { key: 'tujuan', header: 'Tujuan Penggunaan Informasi', width: 24, pdf: 11 },
  { key: 'caraMemperoleh', header: 'Cara Memperoleh Informasi', width: 16, pdf: 8 },
  { key: 'caraMenerima', header: 'Cara Mendapatkan Salinan', width: 13, pdf: 8 },
  { key: 'status', header: 'Status / Keputusan', width: 16, pdf: 8 },
  { key: 'tanggalPemberitahuan', header: 'Tanggal Pemberitahuan Tertulis', width: 14, pdf: 10 },
  { key: 'alasanPenolakan', header: 'Alasan Penolakan (Pasal 17 UU 14/2008)', width: 18, pdf: 10 },
  { key: 'waktuPenyelesaian', header: 'Waktu Penyelesaian (hari kerja)', width: 12, pdf: 8 },
  { key: 'keterangan', header: 'Keterangan', width: 22, pdf: 10 },
] as const satisfies readonly RegisterColumn[];
export type RequestColumnKey = (typeof REQUEST_REGISTER_COLUMNS)[number]['key'];

export const OBJECTION_REGISTER_COLUMNS = [
  { key: 'no', header: 'No.', width: 5, pdf: 3 },
  { key: 'tanggal', header: 'Tanggal Keberatan', width: 13, pdf: 8 },
  { key: 'nomor', header: 'Nomor Registrasi Keberatan', width: 17, pdf: 11 },
  { key: 'nomorPermohonan', header: 'Nomor Pendaftaran Permohonan', width: 17, pdf: 11 },
  { key: 'nama', header: 'Nama Pemohon', width: 20, pdf: 10 },
  { key: 'alasan', header: 'Alasan Keberatan (Pasal 35 ayat 1 UU 14/2008)', width: 34, pdf: 22 },
  { key: 'kasusPosisi', header: 'Kasus Posisi', width: 30, pdf: 18 },
  { key: 'batasTanggapan', header: 'Batas Tanggapan Atasan PPID', width: 13, pdf: 8 },
  { key: 'tanggapan', header: 'Tanggapan Atasan PPID', width: 26, pdf: 16 },
  { key: 'tanggalTanggapan', header: 'Tanggal Tanggapan', width: 13, pdf: 8 },
  { key: 'sengketa', header: 'Sengketa ke Komisi Informasi', width: 20, pdf: 12 },
  { key: 'keterangan', header: 'Keterangan', width: 20, pdf: 10 },
] as const satisfies readonly RegisterColumn[];
export type ObjectionColumnKey = (typeof OBJECTION_REGISTER_COLUMNS)[number]['key'];

export type RegisterCell = string | number;

/** "0812****7890", "s***@example.id": enough to tell two applicants apart, not to reach them. */
export function maskContact(value: string): string {
  const at = value.indexOf('@');
  if (at > 0) return `${value[0]}***${value.slice(at)}`;
  const digits = value.replace(/\D/g, '');
  if (digits.length <= 4) return '****';
  return `${digits.slice(0, 4)}****${digits.slice(-4)}`;
}

export interface RegisterOptions {
  timeZone: string;
  /** The moment the register is printed: an open request past its deadline shows as breached. */
  asOf?: Date;
  calendar?: WorkingCalendar;
  /** Full phone and e-mail (the caller holds records.personal-data), else masked. */
  fullContact: boolean;
}

const tanggal = (d: Date | null, tz: string) => (d && !Number.isNaN(d.getTime()) ? localIsoDate(d, tz) : '');

// ---------------------------------------------------------------- breaches of the legal deadlines

/**
 * A request against its deadline (Pasal 22 ayat 7-8; the extended one when extended): answered
 * within or after it, or still open, within or past it at `asOf`.
 */
export type Timeliness = 'within' | 'late' | 'open' | 'open_late';

export function requestTimeliness(f: Pick<RequestFacts, 'noticeSentAt' | 'dueAt'>, asOf?: Date): Timeliness {
  if (f.noticeSentAt) return f.noticeSentAt.getTime() > f.dueAt.getTime() ? 'late' : 'within';
  return asOf && asOf.getTime() > f.dueAt.getTime() ? 'open_late' : 'open';
}

/** An objection against the Atasan PPID's 30 working days (Pasal 36 ayat 2). */
export function objectionTimeliness(f: Pick<ObjectionFacts, 'answeredAt' | 'dueAt'>, asOf?: Date): Timeliness {
  if (f.answeredAt) return f.answeredAt.getTime() > f.dueAt.getTime() ? 'late' : 'within';
  return asOf && asOf.getTime() > f.dueAt.getTime() ? 'open_late' : 'open';
}

const LATE_NOTE = 'Melewati batas waktu';

export function statusText(f: RequestFacts, asOf?: Date): string {
  if (f.outcome) return OUTCOME_LABEL[f.outcome];
  if (f.noticeSentAt) return 'Selesai';
  const base = f.extended ? 'Dalam proses (diperpanjang)' : 'Dalam proses';
  return requestTimeliness(f, asOf) === 'open_late' ? `${base}; ${LATE_NOTE.toLowerCase()}` : base;
}

export function requestRegisterRow(f: RequestFacts, no: number, o: RegisterOptions): Record<RequestColumnKey, RegisterCell> {
  const contact = [f.applicantPhone, f.applicantEmail].filter((x): x is string => !!x).map((c) => (o.fullContact ? c : maskContact(c)));
  const timing = requestTimeliness(f, o.asOf);
  const notes = [
    f.noticeNumber ? `Nomor surat pemberitahuan: ${f.noticeNumber}` : '',
    timing === 'late' || timing === 'open_late'
      ? `${LATE_NOTE} ${tanggal(f.dueAt, o.timeZone)}${f.extended ? ' (setelah perpanjangan)' : ''} (Pasal 22 ayat ${f.extended ? '8' : '7'})`
      : '',
    f.extended ? `Diperpanjang (Pasal 22 ayat 8)${f.extensionReasons ? `: ${f.extensionReasons}` : ''}` : '',
    f.cost ? `Biaya: ${f.cost}` : '',
    f.notes ?? '',
  ].filter(Boolean);
  return {
    no,
    tanggal: tanggal(f.receivedAt, o.timeZone),
    nomor: f.number,
    nama: f.applicantName,
    alamat: f.applicantAddress,
    kontak: contact.join(' / '),
    jenisPemohon: APPLICANT_LABEL[f.applicantType] ?? f.applicantType,
    informasi: f.information,
    tujuan: f.purpose,
    caraMemperoleh: OBTAIN_LABEL[f.obtainBy] ?? f.obtainBy,
    caraMenerima: DELIVER_LABEL[f.deliverBy] ?? f.deliverBy,
    status: statusText(f, o.asOf),
    tanggalPemberitahuan: tanggal(f.noticeSentAt, o.timeZone),
    alasanPenolakan: f.refusalGrounds.map((l) => `Pasal 17 huruf ${l}`).join(', '),
    waktuPenyelesaian: f.noticeSentAt && o.calendar ? workingDaysTaken(f.receivedAt, f.noticeSentAt, o.calendar) : '',
    keterangan: notes.join('; '),
  };
}

export function objectionRegisterRow(f: ObjectionFacts, no: number, o: Pick<RegisterOptions, 'timeZone' | 'asOf'>): Record<ObjectionColumnKey, RegisterCell> {
  const timing = objectionTimeliness(f, o.asOf);
  const late = timing === 'late' ? 'Ditanggapi melewati batas waktu (Pasal 36 ayat 2)' : timing === 'open_late' ? 'Belum ditanggapi; melewati batas waktu (Pasal 36 ayat 2)' : '';
  return {
    no,
    tanggal: tanggal(f.receivedAt, o.timeZone),
    nomor: f.number,
    nomorPermohonan: f.requestNumber ?? '',
    nama: f.applicantName ?? '',
    alasan: f.reasons.map((r) => `${r}. ${(OBJECTION_REASONS as Record<string, string>)[r] ?? ''}`.trim()).join('; '),
    kasusPosisi: f.statement,
    batasTanggapan: tanggal(f.dueAt, o.timeZone),
    tanggapan: f.answer ?? '',
    tanggalTanggapan: tanggal(f.answeredAt, o.timeZone),
    sengketa: f.disputeFiledAt || f.dispute ? [f.dispute ?? 'Diajukan', f.disputeFiledAt ? `(${tanggal(f.disputeFiledAt, o.timeZone)})` : ''].filter(Boolean).join(' ') : '',
    keterangan: [late, f.notes ?? ''].filter(Boolean).join('; '),
  };
}

/** Rows in register order: by date of receipt, then number. */
export function byReceipt<T extends { receivedAt: Date; number: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.number.localeCompare(b.number));
}

// ---------------------------------------------------------------- the annual report

/** The report's sections as Perki 1/2021 lists the content of the laporan (check the wording). */
export const ANNUAL_SECTIONS = [
  { key: 'kebijakan', title: 'Gambaran umum kebijakan pelayanan informasi publik', narrative: true },
  { key: 'pelaksanaan', title: 'Gambaran umum pelaksanaan pelayanan informasi publik (sarana dan prasarana, sumber daya manusia, anggaran)', narrative: true },
  { key: 'rincian', title: 'Rincian pelayanan informasi publik', narrative: false },
  { key: 'sengketa', title: 'Rincian penyelesaian sengketa informasi publik', narrative: false },
  { key: 'kendala', title: 'Kendala eksternal dan internal dalam pelaksanaan layanan informasi publik', narrative: true },
  { key: 'rekomendasi', title: 'Rekomendasi dan rencana tindak lanjut untuk meningkatkan kualitas pelayanan informasi', narrative: true },
] as const;

export const NARRATIVE_PLACEHOLDER = '[Diisi oleh Badan Publik / to be written by the body]';

export interface AnnualReport {
  year: number;
  requests: {
    total: number;
    byApplicantType: Record<string, number>;
    answered: number;
    pending: number;
    /** Working days from receipt to the written notice, over the answered requests. */
    workingDays: { average: number | null; median: number | null; max: number | null };
    withinTime: number;
    /** Answered after the deadline: all, and split by whether it had been extended. */
    late: number;
    lateWithoutExtension: number;
    lateAfterExtension: number;
    /** Not answered and past the deadline when the report was made (breached). */
    openPastDeadline: number;
    extended: number;
    granted: number;
    grantedInPart: number;
    refused: number;
    /** Informasi tidak dikuasai (Pasal 22 ayat 7 huruf a): counted apart, not a refusal. */
    notHeld: number;
    /** Answered without a recorded outcome. */
    outcomeNotRecorded: number;
    /** Refusals and partial grants by Pasal 17 letter (a request may cite several). */
    refusalGrounds: Record<Pasal17Letter, number>;
  };
  consequenceTests: { total: number; byGround: Record<Pasal17Letter, number> };
  objections: {
    total: number;
    byReason: Record<string, number>;
    answered: number;
    answeredWithinTime: number;
    /** Answered after the 30 working days of Pasal 36 ayat (2). */
    answeredLate: number;
    pending: number;
    /** Not answered and past the 30 working days when the report was made. */
    openPastDeadline: number;
    disputes: number;
  };
  sections: { key: string; title: string; text: string | null }[];
}

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const round1 = (n: number) => Math.round(n * 10) / 10;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The year's numbers from the year's requests and objections (received in the year) and the
 * consequence tests decided in it (their Pasal 17 letters). Working days on `calendar`.
 */
export function annualReport(
  year: number,
  input: { requests: RequestFacts[]; objections: ObjectionFacts[]; consequenceTests: { grounds: string[] }[]; asOf?: Date },
  calendar: WorkingCalendar,
): AnnualReport {
  const rq = input.requests;
  const answered = rq.filter((r) => r.noticeSentAt);
  const days = answered.map((r) => workingDaysTaken(r.receivedAt, r.noticeSentAt!, calendar));
  const refusalGrounds = zeroes(P17);
  for (const r of rq) if (r.outcome === 'ditolak' || r.outcome === 'sebagian') for (const l of r.refusalGrounds) refusalGrounds[l]++;
  const byApplicantType: Record<string, number> = { perorangan: 0, kelompok: 0, badan_hukum: 0 };
  for (const r of rq) byApplicantType[r.applicantType] = (byApplicantType[r.applicantType] ?? 0) + 1;
  const testGrounds = zeroes(P17);
  for (const t of input.consequenceTests) for (const l of letters(t.grounds)) testGrounds[l]++;
  const byReason = zeroes(Object.keys(OBJECTION_REASONS));
  for (const o of input.objections) for (const r of o.reasons) if (r in byReason) byReason[r]++;
  const count = (o: Outcome) => rq.filter((r) => r.outcome === o).length;
  const rt = rq.map((r) => ({ r, t: requestTimeliness(r, input.asOf) }));
  const ot = input.objections.map((o) => objectionTimeliness(o, input.asOf));
  return {
    year,
    requests: {
      total: rq.length,
      byApplicantType,
      answered: answered.length,
      pending: rq.length - answered.length,
      workingDays: {
        average: days.length ? round1(days.reduce((a, b) => a + b, 0) / days.length) : null,
        median: median(days),
        max: days.length ? Math.max(...days) : null,
      },
      withinTime: rt.filter((x) => x.t === 'within').length,
      late: rt.filter((x) => x.t === 'late').length,
      lateWithoutExtension: rt.filter((x) => x.t === 'late' && !x.r.extended).length,
      lateAfterExtension: rt.filter((x) => x.t === 'late' && x.r.extended).length,
      openPastDeadline: rt.filter((x) => x.t === 'open_late').length,
      extended: rq.filter((r) => r.extended).length,
      granted: count('seluruhnya'),
      grantedInPart: count('sebagian'),
      refused: count('ditolak'),
      notHeld: count('tidak_dikuasai'),
      outcomeNotRecorded: answered.filter((r) => !r.outcome).length,
      refusalGrounds,
    },
    consequenceTests: { total: input.consequenceTests.length, byGround: testGrounds },
    objections: {
      total: input.objections.length,
      byReason,
      answered: input.objections.filter((o) => o.answeredAt).length,
      answeredWithinTime: ot.filter((t) => t === 'within').length,
      answeredLate: ot.filter((t) => t === 'late').length,
      pending: input.objections.filter((o) => !o.answeredAt).length,
      openPastDeadline: ot.filter((t) => t === 'open_late').length,
      disputes: input.objections.filter((o) => o.disputeFiledAt || o.dispute).length,
    },
    sections: ANNUAL_SECTIONS.map((s) => ({ key: s.key, title: s.title, text: s.narrative ? null : '' })),
  };
}

/** The report as label/value lines (the PDF and XLSX print these; one place for the wording). */
export function annualLines(r: AnnualReport): { section: string; label: string; value: string | number }[] {
  const q = r.requests;
  const num = (v: number | null) => (v === null ? '-' : v);
  const out: { section: string; label: string; value: string | number }[] = [];
  const add = (section: string, label: string, value: string | number) => out.push({ section, label, value });
  const S = 'Rincian pelayanan informasi publik';
  add(S, 'Jumlah permohonan informasi publik', q.total);
  add(S, '  Perorangan', q.byApplicantType.perorangan ?? 0);
  add(S, '  Kelompok orang', q.byApplicantType.kelompok ?? 0);
  add(S, '  Badan hukum', q.byApplicantType.badan_hukum ?? 0);
  add(S, 'Permohonan yang telah dijawab (pemberitahuan tertulis)', q.answered);
  add(S, 'Permohonan dalam proses', q.pending);
  add(S, 'Waktu penyelesaian rata-rata (hari kerja)', num(q.workingDays.average));
  add(S, 'Waktu penyelesaian median (hari kerja)', num(q.workingDays.median));
  add(S, 'Waktu penyelesaian terlama (hari kerja)', num(q.workingDays.max));
  add(S, 'Dijawab dalam batas waktu', q.withinTime);
  add(S, 'Dijawab melewati batas waktu', q.late);
  add(S, '  Melewati batas 10 hari kerja, tanpa perpanjangan (Pasal 22 ayat 7)', q.lateWithoutExtension);
  add(S, '  Melewati batas setelah perpanjangan (Pasal 22 ayat 8)', q.lateAfterExtension);
  add(S, 'Belum dijawab dan telah melewati batas waktu', q.openPastDeadline);
  add(S, 'Jangka waktu diperpanjang (Pasal 22 ayat 8)', q.extended);
  add(S, 'Diberikan seluruhnya', q.granted);
  add(S, 'Diberikan sebagian', q.grantedInPart);
  add(S, 'Ditolak', q.refused);
  add(S, 'Informasi tidak dikuasai (Pasal 22 ayat 7 huruf a)', q.notHeld);
  add(S, 'Dijawab, keputusan belum dicatat', q.outcomeNotRecorded);
  for (const l of P17) add(S, `  Alasan penolakan Pasal 17 huruf ${l} (${PASAL_17[l]})`, q.refusalGrounds[l]);
  add(S, 'Uji konsekuensi yang diputuskan', r.consequenceTests.total);
  for (const l of P17) if (r.consequenceTests.byGround[l]) add(S, `  Uji konsekuensi Pasal 17 huruf ${l}`, r.consequenceTests.byGround[l]);
  const K = 'Rincian penyelesaian sengketa informasi publik';
  add(K, 'Jumlah keberatan', r.objections.total);
  for (const [letter, n] of Object.entries(r.objections.byReason)) add(K, `  Alasan Pasal 35 ayat (1) huruf ${letter}`, n);
  add(K, 'Keberatan yang telah ditanggapi Atasan PPID', r.objections.answered);
  add(K, '  Ditanggapi dalam 30 hari kerja (Pasal 36 ayat 2)', r.objections.answeredWithinTime);
  add(K, '  Ditanggapi melewati batas waktu', r.objections.answeredLate);
  add(K, 'Keberatan dalam proses', r.objections.pending);
  add(K, '  Belum ditanggapi dan telah melewati batas waktu', r.objections.openPastDeadline);
  add(K, 'Sengketa ke Komisi Informasi', r.objections.disputes);
  return out;
}

/** The summary proposed as berkala information (Pasal 9: ringkasan laporan layanan informasi). */
export function annualSummary(r: AnnualReport, instansi: string): { title: string; summary: string } {
  const q = r.requests;
  const days = q.workingDays.average === null ? '' : ` dengan waktu penyelesaian rata-rata ${q.workingDays.average} hari kerja`;
  return {
    title: `Ringkasan Laporan Layanan Informasi Publik ${instansi} Tahun ${r.year}`,
    summary:
      `Selama tahun ${r.year}, ${instansi} menerima ${q.total} permohonan informasi publik; ${q.answered} telah dijawab${days}. ` +
      `Diberikan seluruhnya ${q.granted}, diberikan sebagian ${q.grantedInPart}, ditolak ${q.refused}` +
      `${q.notHeld ? `, informasi tidak dikuasai ${q.notHeld}` : ''}; dijawab melewati batas waktu ${q.late}. ` +
      `Uji konsekuensi: ${r.consequenceTests.total}. Keberatan: ${r.objections.total}; sengketa ke Komisi Informasi: ${r.objections.disputes}.`,
  };
}
