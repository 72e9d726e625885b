// The Atasan PPID's written answer to an objection (UU 14/2008 Pasal 36 ayat 2) and the dispute
// the applicant may take to the Komisi Informasi (Pasal 37). Pure: no Strapi.
import { issueCollector, type Validation } from '../classification/validation';

/** Pasal 36 ayat (2): the answer confirms (menguatkan) or overturns (membatalkan) the PPID's decision. */
export const ANSWER_DECISIONS = {
  menguatkan: 'Menguatkan putusan PPID',
  membatalkan: 'Membatalkan putusan PPID',
} as const;
export type AnswerDecision = keyof typeof ANSWER_DECISIONS;

export interface ObjectionAnswerInput {
  decision: AnswerDecision;
  /** Required when confirming (Pasal 36 ayat 2: "disertai alasan tertulis"); allowed when overturning. */
  reasons: string | null;
  /** What follows: e.g. the information the PPID is to provide, how and when. Required when overturning. */
  followUp: string | null;
}

export const ANSWER_TEXT_MAX = 5000;
const ANSWER_FIELDS = ['decision', 'reasons', 'followUp'];

const notObject = (what: string) => ({ ok: false as const, errors: [{ path: '', message: `${what} harus berupa objek JSON / must be a JSON object` }] });
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Optional text: null when absent or blank; a problem when not a string or too long. */
function optionalText(o: Record<string, unknown>, key: string, add: (p: string, m: string) => void, max = ANSWER_TEXT_MAX): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    add(key, 'harus berupa teks / must be text');
    return null;
  }
  const t = v.trim();
  if (t.length > max) {
    add(key, `paling banyak ${max} karakter / at most ${max} characters`);
    return null;
  }
  return t || null;
}

/** The answer as recorded before the Atasan PPID signs it: 400 naming the field otherwise. */
export function validateObjectionAnswer(input: unknown): Validation<ObjectionAnswerInput> {
  if (!isObject(input)) return notObject('tanggapan');
  const { errors, add } = issueCollector();
  for (const key of Object.keys(input)) if (!ANSWER_FIELDS.includes(key)) add(key, 'bukan kolom tanggapan / is not a field of the answer');
  const decision = input.decision;
  const ok = typeof decision === 'string' && Object.prototype.hasOwnProperty.call(ANSWER_DECISIONS, decision);
  if (!ok) add('decision', 'harus "menguatkan" atau "membatalkan" (Pasal 36 ayat 2) / must be "menguatkan" or "membatalkan"');
  const reasons = optionalText(input, 'reasons', add);
  const followUp = optionalText(input, 'followUp', add);
  if (decision === 'menguatkan' && !reasons && !errors.some((e) => e.path === 'reasons')) {
    add('reasons', 'alasan wajib ditulis bila menguatkan putusan PPID (Pasal 36 ayat 2) / reasons are required when confirming');
  }
  if (decision === 'membatalkan' && !followUp && !errors.some((e) => e.path === 'followUp')) {
    add('followUp', 'tuliskan tindak lanjutnya, mis. informasi yang akan diberikan / say what follows, e.g. the information to be provided');
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: { decision: decision as AnswerDecision, reasons, followUp } };
}

/** Outcomes of a dispute before the Komisi Informasi (Perki 1/2013: mediasi, ajudikasi → putusan). */
export const DISPUTE_OUTCOMES = {
  mediasi: 'Mediasi (kesepakatan para pihak)',
  putusan: 'Putusan Komisi Informasi (ajudikasi)',
} as const;
export type DisputeOutcomeKind = keyof typeof DISPUTE_OUTCOMES;

export interface DisputeFiling {
  /** YYYY-MM-DD: when the applicant filed with the Komisi Informasi. */
  filedAt: string;
  /** The Komisi Informasi's register number of the dispute. */
  registerNumber: string;
}
export interface DisputeOutcome {
  kind: DisputeOutcomeKind;
  /** YYYY-MM-DD of the putusan or the mediation agreement. */
  date: string;
  summary: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

function dateField(o: Record<string, unknown>, key: string, today: string, add: (p: string, m: string) => void): string | null {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    add(key, 'wajib diisi (YYYY-MM-DD) / required (YYYY-MM-DD)');
    return null;
  }
  if (!isIsoDate(v)) {
    add(key, 'harus tanggal YYYY-MM-DD / must be a date YYYY-MM-DD');
    return null;
  }
  if (v > today) {
    add(key, 'tidak boleh setelah hari ini / cannot be in the future');
    return null;
  }
  return v;
}

/** The dispute as filed with the Komisi Informasi; `today` is the body's local date (YYYY-MM-DD). */
export function validateDisputeFiling(input: unknown, today: string): Validation<DisputeFiling> {
  if (!isObject(input)) return notObject('sengketa');
  const { errors, add } = issueCollector();
  for (const key of Object.keys(input)) if (!['filedAt', 'registerNumber'].includes(key)) add(key, 'bukan kolom sengketa / is not a field of the dispute');
  const filedAt = dateField(input, 'filedAt', today, add);
  let registerNumber = '';
  if (typeof input.registerNumber !== 'string' || !input.registerNumber.trim()) add('registerNumber', 'wajib diisi: nomor register sengketa di Komisi Informasi / required');
  else if (input.registerNumber.trim().length > 100) add('registerNumber', 'paling banyak 100 karakter / at most 100 characters');
  else registerNumber = input.registerNumber.trim();
  return errors.length ? { ok: false, errors } : { ok: true, value: { filedAt: filedAt!, registerNumber } };
}

/** The dispute's outcome; never dated before it was filed. */
export function validateDisputeOutcome(input: unknown, filedAt: string, today: string): Validation<DisputeOutcome> {
  if (!isObject(input)) return notObject('hasil sengketa');
  const { errors, add } = issueCollector();
  for (const key of Object.keys(input)) if (!['kind', 'date', 'summary'].includes(key)) add(key, 'bukan kolom hasil sengketa / is not a field of the outcome');
  const kind = input.kind;
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(DISPUTE_OUTCOMES, kind)) add('kind', 'harus "putusan" atau "mediasi" / must be "putusan" or "mediasi"');
  const date = dateField(input, 'date', today, add);
  if (date && date < filedAt) add('date', `tidak boleh sebelum sengketa diajukan (${filedAt}) / cannot be before the dispute was filed`);
  let summary = '';
  if (typeof input.summary !== 'string' || !input.summary.trim()) add('summary', 'wajib diisi: ringkasan putusan atau kesepakatan / required');
  else if (input.summary.trim().length > ANSWER_TEXT_MAX) add('summary', `paling banyak ${ANSWER_TEXT_MAX} karakter / at most ${ANSWER_TEXT_MAX} characters`);
  else summary = input.summary.trim();
  return errors.length ? { ok: false, errors } : { ok: true, value: { kind: kind as DisputeOutcomeKind, date: date!, summary } };
}

export type ObjectionStanding =
  | { status: 'diproses'; mayGoToKomisi: false }
  | { status: 'dijawab'; mayGoToKomisi: true; basis: 'answered' }
  | { status: 'tidak_dijawab'; mayGoToKomisi: true; basis: 'unanswered' };

/**
 * Where an objection stands for the applicant: answered, or past the 30 working days of Pasal 36
 * ayat (2) without an answer (then the applicant may go to the Komisi Informasi), or in progress.
 */
export function objectionStanding(o: { answeredAt?: Date | null; dueAt: Date }, now: Date): ObjectionStanding {
  if (o.answeredAt) return { status: 'dijawab', mayGoToKomisi: true, basis: 'answered' };
  if (now.getTime() > o.dueAt.getTime()) return { status: 'tidak_dijawab', mayGoToKomisi: true, basis: 'unanswered' };
  return { status: 'diproses', mayGoToKomisi: false };
}
