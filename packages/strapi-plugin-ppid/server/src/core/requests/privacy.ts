// Applicants' identity documents held by the body (issue #15): who may open them, how long the
// scan is kept, and the log of every read, refusal and deletion. Pure rules over plain data; the
// adapter is requests/services/personal-data.ts.

/** The default retention of an identity scan, in days after the case is closed (docs/requests.md). */
export const DEFAULT_SCAN_RETENTION_DAYS = 90;
/**
 * At least this many days: longer than the 30 working days an applicant has to object
 * (UU 14/2008 Pasal 36 ayat 1) and the 14 to go to the Komisi Informasi (Pasal 37 ayat 2),
 * counted with the longest run of holidays (cuti bersama around Idulfitri).
 */
export const MIN_SCAN_RETENTION_DAYS = 60;
export const MAX_SCAN_RETENTION_DAYS = 3650;

/** What the log records: which personal datum, and what happened to it. */
export type PersonalDataSubject = 'identity-scan' | 'identity-number';
export type PersonalDataOutcome = 'read' | 'refused' | 'deleted';

/** Why a scan is still kept (null: it may go once `due` has passed). */
export type RetentionHold = 'request_open' | 'objection_open' | 'dispute_open';

export interface CaseFacts {
  /** When the request's SOP run ended (completed, published or cancelled); null while it runs. */
  requestClosedAt: Date | null;
  objections: {
    answeredAt: Date | null;
    /** The dispute at the Komisi Informasi (Pasal 37), when recorded: open until its outcome. */
    dispute: { filedAt: string; outcome: { date: string } | null } | null;
  }[];
}

/**
 * When the identity scan of a closed case may be deleted: `days` after the last of the request's
 * end, each objection's answer and each dispute's outcome. Never while the request runs, an
 * objection is unanswered (the applicant may still go to the Komisi Informasi once its 30
 * working days pass) or a dispute has no outcome.
 */
export function scanRetention(facts: CaseFacts, days: number): { hold: RetentionHold; due: null } | { hold: null; due: Date } {
  if (!facts.requestClosedAt) return { hold: 'request_open', due: null };
  let anchor = facts.requestClosedAt.getTime();
  for (const o of facts.objections) {
    if (o.dispute && !o.dispute.outcome) return { hold: 'dispute_open', due: null };
    if (!o.answeredAt && !o.dispute) return { hold: 'objection_open', due: null };
    if (o.answeredAt) anchor = Math.max(anchor, o.answeredAt.getTime());
    if (o.dispute?.outcome) {
      // The outcome's date (YYYY-MM-DD) counts from the end of that day, UTC+14 at the latest.
      const end = Date.parse(`${o.dispute.outcome.date}T23:59:59Z`);
      if (Number.isFinite(end)) anchor = Math.max(anchor, end);
    }
  }
  return { hold: null, due: new Date(anchor + days * 24 * 60 * 60 * 1000) };
}

/** requests.identityScanRetentionDays: a whole number of days, MIN..MAX; throws naming the key. */
export function parseRetentionDays(raw: unknown): number {
  if (raw == null || raw === '') return DEFAULT_SCAN_RETENTION_DAYS;
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_SCAN_RETENTION_DAYS || n > MAX_SCAN_RETENTION_DAYS) {
    throw new Error(
      `ppid config: requests.identityScanRetentionDays (PPID_IDENTITY_SCAN_RETENTION_DAYS) must be a whole number of days from ${MIN_SCAN_RETENTION_DAYS} ` +
        `(longer than the objection and dispute windows, UU 14/2008 Pasal 36-37) to ${MAX_SCAN_RETENTION_DAYS}; got ${JSON.stringify(raw)}`
    );
  }
  return n;
}

/**
 * Whether a multipart filing may be read at all, from its headers alone (before any byte is
 * written to disk): a declared length up to `max`; without one (chunked), refused, since only a
 * declared length bounds what the parser would write (Node's parser reads exactly that many
 * bytes as the body).
 */
export function checkDeclaredLength(contentLength: string | undefined, transferEncoding: string | undefined, max: number): { ok: true } | { ok: false; status: 411 | 413 } {
  if (contentLength == null || contentLength === '') return transferEncoding ? { ok: false, status: 411 } : { ok: true };
  const n = Number(contentLength);
  if (!/^\d+$/.test(contentLength.trim()) || !Number.isSafeInteger(n)) return { ok: false, status: 413 };
  return n > max ? { ok: false, status: 413 } : { ok: true };
}
