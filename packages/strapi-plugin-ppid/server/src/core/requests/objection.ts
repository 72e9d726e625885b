// An objection (keberatan) against a request's handling, filed by its applicant: UU 14/2008
// Pasal 35 ayat (1) lists the reasons (a-g), Pasal 36 ayat (1) the 30 working days to file it.
// Pure: no Strapi.
import type { WorkingCalendar } from '../calendar';
import { issueCollector, type Validation } from '../classification/validation';
import { objectionDeadline } from './deadlines';

/** Pasal 35 ayat (1), letter by letter. */
export const OBJECTION_REASONS = {
  a: 'Penolakan atas permintaan informasi berdasarkan alasan pengecualian sebagaimana dimaksud dalam Pasal 17',
  b: 'Tidak disediakannya informasi berkala sebagaimana dimaksud dalam Pasal 9',
  c: 'Tidak ditanggapinya permintaan informasi',
  d: 'Permintaan informasi ditanggapi tidak sebagaimana yang diminta',
  e: 'Tidak dipenuhinya permintaan informasi',
  f: 'Pengenaan biaya yang tidak wajar',
  g: 'Penyampaian informasi yang melebihi waktu yang diatur dalam Undang-Undang ini',
} as const;
export type ObjectionReason = keyof typeof OBJECTION_REASONS;
const LETTERS = Object.keys(OBJECTION_REASONS) as ObjectionReason[];

export interface ObjectionInput {
  email: string;
  reasons: ObjectionReason[];
  /** The applicant's statement of the case (kasus posisi). */
  statement: string;
}

const FIELDS = ['email', 'reasons', 'statement'];
export const STATEMENT_MAX = 5000;

export function validateObjection(input: unknown): Validation<ObjectionInput> {
  const { errors, add } = issueCollector();
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', message: 'keberatan harus berupa objek JSON / the objection must be a JSON object' }] };
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!FIELDS.includes(key)) add(key, 'bukan kolom keberatan / is not a field of the objection');
  let email = '';
  if (typeof o.email !== 'string' || o.email.trim() === '') add('email', 'wajib diisi / required');
  else email = o.email.trim().toLowerCase();
  let reasons: ObjectionReason[] = [];
  if (!Array.isArray(o.reasons) || o.reasons.length === 0) {
    add('reasons', 'pilih sedikitnya satu alasan Pasal 35 ayat (1) huruf a-g / choose at least one reason, letters a-g');
  } else {
    o.reasons.forEach((r, i) => {
      if (typeof r !== 'string' || !LETTERS.includes(r as ObjectionReason)) add(`reasons.${i}`, `bukan huruf Pasal 35 ayat (1) / not a letter of Pasal 35 ayat (1) (${LETTERS.join(', ')})`);
    });
    reasons = [...new Set(o.reasons as ObjectionReason[])].sort();
  }
  let statement = '';
  if (typeof o.statement !== 'string' || o.statement.trim() === '') add('statement', 'wajib diisi / required');
  else if (o.statement.trim().length > STATEMENT_MAX) add('statement', `paling banyak ${STATEMENT_MAX} karakter / at most ${STATEMENT_MAX} characters`);
  else statement = o.statement.trim();
  return errors.length ? { ok: false, errors } : { ok: true, value: { email, reasons, statement } };
}

/**
 * When the applicant found the reason for objecting, as far as the product knows (the product's
 * reading of Pasal 36 ayat 1): the written notice's date once it was sent, else the notice's
 * deadline (then the request went unanswered: letter c). Never before the request was filed.
 */
export function objectionWindowStart(request: { noticeSentAt?: Date | null; dueAt: Date }): Date {
  return request.noticeSentAt ?? request.dueAt;
}

export type ObjectionTiming = { ok: true; deadline: Date } | { ok: false; deadline: Date; message: string };

/** Pasal 36 ayat (1): filed within 30 working days of the window's start, else refused saying why. */
export function checkObjectionTiming(
  request: { noticeSentAt?: Date | null; dueAt: Date },
  filedAt: Date,
  calendar: WorkingCalendar,
): ObjectionTiming {
  const deadline = objectionDeadline(objectionWindowStart(request), calendar);
  if (filedAt.getTime() <= deadline.getTime()) return { ok: true, deadline };
  return {
    ok: false,
    deadline,
    message:
      'Keberatan diajukan melewati 30 hari kerja sejak alasan keberatan diketahui (UU 14/2008 Pasal 36 ayat 1) / ' +
      'the objection was filed later than 30 working days after its reason was known (Pasal 36(1))',
  };
}
