// Reminders before the legal deadlines of the information service, beyond the SOP steps' own
// (those follow each step's standard; these follow the law, whatever the SOP):
//   - the written notice, 10 working days (UU 14/2008 Pasal 22 ayat 7);
//   - the extended notice, at most 7 more (ayat 8): a separate deadline, reminded again;
//   - the Atasan PPID's written answer to an objection, 30 working days (Pasal 36 ayat 2).
// Each is reminded N working days before (default 2) and once when breached. Pure: no Strapi.
// The adapter claims each (item, deadline kind, stage) once in the database before sending.
import type { WorkingCalendar } from '../calendar';
import { workingDaysTaken } from './registers';

export const DEFAULT_REMINDER_DAYS_BEFORE = 2;

export type LegalDeadlineKind = 'notice' | 'notice_extended' | 'objection_answer';
export type LegalReminderStage = 'near' | 'breached';

export const LEGAL_DEADLINE_LABEL: Record<LegalDeadlineKind, { id: string; en: string; basis: string }> = {
  notice: { id: 'Pemberitahuan tertulis', en: 'Written notice', basis: 'UU 14/2008 Pasal 22 ayat (7): 10 hari kerja' },
  notice_extended: { id: 'Pemberitahuan tertulis (diperpanjang)', en: 'Written notice (extended)', basis: 'UU 14/2008 Pasal 22 ayat (8): perpanjangan paling lama 7 hari kerja' },
  objection_answer: { id: 'Tanggapan tertulis Atasan PPID atas keberatan', en: "The Atasan PPID's written answer", basis: 'UU 14/2008 Pasal 36 ayat (2): 30 hari kerja' },
};

/** An open item with a legal deadline: a request without its notice, or an objection without its answer. */
export interface OpenDeadline {
  kind: 'request' | 'objection';
  dueAt: Date;
  /** Requests: the deadline was extended (Pasal 22 ayat 8). */
  extended?: boolean;
  /** Answered (notice signed, answer signed): nothing to remind. */
  answered: boolean;
}

export interface DueReminder {
  deadline: LegalDeadlineKind;
  stage: LegalReminderStage;
  dueAt: Date;
  /** Working days left (0 on the due date itself and after it). */
  workingDaysLeft: number;
}

/** Which deadline an item runs against. */
export function legalDeadlineKind(item: Pick<OpenDeadline, 'kind' | 'extended'>): LegalDeadlineKind {
  if (item.kind === 'objection') return 'objection_answer';
  return item.extended ? 'notice_extended' : 'notice';
}

/**
 * The reminder due now for one item, if any: 'breached' once past the deadline, 'near' from
 * `daysBefore` working days before it (counted as the register counts "N hari kerja": the working
 * dates after today up to the due date). Only the latest stage is returned: an item first seen
 * after its deadline gets the breach, not a late "near".
 */
export function dueLegalReminder(item: OpenDeadline, now: Date, calendar: WorkingCalendar, daysBefore = DEFAULT_REMINDER_DAYS_BEFORE): DueReminder | null {
  if (item.answered || Number.isNaN(item.dueAt.getTime())) return null;
  const deadline = legalDeadlineKind(item);
  if (now.getTime() > item.dueAt.getTime()) return { deadline, stage: 'breached', dueAt: item.dueAt, workingDaysLeft: 0 };
  const left = workingDaysTaken(now, item.dueAt, calendar);
  if (daysBefore > 0 && left <= daysBefore) return { deadline, stage: 'near', dueAt: item.dueAt, workingDaysLeft: left };
  return null;
}

/** `requests.reminderDaysBefore`: a whole number of working days 0..10 (0 = only the breach). */
export function parseReminderDaysBefore(raw: unknown): number {
  if (raw == null || raw === '') return DEFAULT_REMINDER_DAYS_BEFORE;
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 10) {
    throw new Error('ppid config: requests.reminderDaysBefore (PPID_REQUEST_REMINDER_DAYS) must be a whole number of working days from 0 to 10');
  }
  return n;
}

/** The claim key: one reminder per item, deadline (its instant: an extension is a new one) and stage. */
export function reminderKey(itemUid: string, documentId: string, r: Pick<DueReminder, 'deadline' | 'stage' | 'dueAt'>): string {
  return `${itemUid}|${documentId}|${r.deadline}|${r.dueAt.toISOString()}|${r.stage}`;
}
