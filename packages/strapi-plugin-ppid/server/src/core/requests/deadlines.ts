// The legal deadlines of the information service, counted in working days on the body's
// working calendar (core/calendar: the same count as an SOP step's "N hari kerja": the same
// clock time on the N-th next working day; a moment outside working hours counts from the
// next working moment).
//   UU 14/2008 Pasal 22 ayat (7): the written notice (pemberitahuan tertulis) within 10 working
//     days of receipt; ayat (8): extendable once, by at most 7 working days, with written reasons.
//   Pasal 36 ayat (1): an objection (keberatan) within 30 working days of finding the reason;
//     ayat (2): the Atasan PPID answers in writing within 30 working days of receiving it.
//   Pasal 37 ayat (2): the dispute goes to the Komisi Informasi within 14 working days of the answer.
import { computeDeadline, type WorkingCalendar } from '../calendar';
import type { ValidationIssue } from '../classification/validation';

export const LEGAL_WORKING_DAYS = {
  notice: 10,
  extensionMax: 7,
  objection: 30,
  objectionAnswer: 30,
  komisiInformasi: 14,
} as const;

const workingDaysAfter = (start: Date, days: number, calendar: WorkingCalendar): Date =>
  computeDeadline(start, { amount: days, unit: 'day' }, calendar)!;

/** Pasal 22 ayat (7): the written notice is due 10 working days after receipt. */
export function noticeDueAt(receivedAt: Date, calendar: WorkingCalendar): Date {
  return workingDaysAfter(receivedAt, LEGAL_WORKING_DAYS.notice, calendar);
}

export interface NoticeExtension {
  /** Working days added to the notice deadline (1..7). */
  days: number;
  /** The written reasons (alasan secara tertulis) the applicant is told. */
  reasons: string;
}

/**
 * Pasal 22 ayat (8): one extension of at most 7 working days, with written reasons, decided
 * before the deadline it extends. Returns the new deadline, or the problems by field.
 */
export function extendNotice(
  current: { dueAt: Date; extended: boolean },
  extension: NoticeExtension,
  now: Date,
  calendar: WorkingCalendar,
): { ok: true; dueAt: Date } | { ok: false; errors: ValidationIssue[] } {
  const errors: ValidationIssue[] = [];
  if (current.extended) {
    errors.push({ path: 'days', message: 'perpanjangan hanya dapat diberikan satu kali (Pasal 22 ayat 8) / the deadline can be extended once only' });
  }
  if (!Number.isInteger(extension.days) || extension.days < 1 || extension.days > LEGAL_WORKING_DAYS.extensionMax) {
    errors.push({ path: 'days', message: `1 sampai ${LEGAL_WORKING_DAYS.extensionMax} hari kerja (Pasal 22 ayat 8) / 1 to 7 working days` });
  }
  if (typeof extension.reasons !== 'string' || extension.reasons.trim() === '') {
    errors.push({ path: 'reasons', message: 'alasan perpanjangan wajib ditulis (Pasal 22 ayat 8) / written reasons are required' });
  }
  if (now.getTime() > current.dueAt.getTime()) {
    errors.push({ path: 'days', message: 'batas waktu sudah lewat; perpanjangan diberikan sebelum batas waktu / the deadline has passed; extend before it' });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, dueAt: workingDaysAfter(current.dueAt, extension.days, calendar) };
}

/** Pasal 36 ayat (1): the last moment to file an objection, from when the reason was found. */
export function objectionDeadline(reasonFoundAt: Date, calendar: WorkingCalendar): Date {
  return workingDaysAfter(reasonFoundAt, LEGAL_WORKING_DAYS.objection, calendar);
}

/** An objection filed after its deadline is refused, saying when the deadline was. */
export function isObjectionLate(reasonFoundAt: Date, filedAt: Date, calendar: WorkingCalendar): boolean {
  return filedAt.getTime() > objectionDeadline(reasonFoundAt, calendar).getTime();
}

/** Pasal 36 ayat (2): the Atasan PPID's written answer is due 30 working days after receipt. */
export function objectionAnswerDueAt(objectionReceivedAt: Date, calendar: WorkingCalendar): Date {
  return workingDaysAfter(objectionReceivedAt, LEGAL_WORKING_DAYS.objectionAnswer, calendar);
}

/** Pasal 37 ayat (2): the applicant may take the dispute to the Komisi Informasi until then. */
export function komisiInformasiDeadline(answerReceivedAt: Date, calendar: WorkingCalendar): Date {
  return workingDaysAfter(answerReceivedAt, LEGAL_WORKING_DAYS.komisiInformasi, calendar);
}
