// Nomor pendaftaran (UU 14/2008 Pasal 22 ayat 3-4): the registration number the applicant gets
// as proof of receipt. Its format is the body's setting; the serial runs per year. The pattern
// language is the decree numbers' (core/dip/decree-number.ts) without {kode} and {unit} (write
// the body's codes into the pattern as text): {serial:N}, {tahun}, {bulan}, {bulan:romawi}. Handing out serials is the adapter's job (one transaction,
// a counter row per year, a unique index on the number).
import { DecreeNumberError, formatDecreeNumber, validatePattern, type PatternCheck } from '../dip/decree-number';

/** URL-safe by default: the number is a path segment of the tracking route. */
export const DEFAULT_REQUEST_NUMBER_PATTERN = 'PMI-{tahun}-{serial:5}';
/** Nomor register keberatan: its own series. */
export const DEFAULT_OBJECTION_NUMBER_PATTERN = 'KEB-{tahun}-{serial:5}';

export function validateRequestNumberPattern(pattern: unknown): PatternCheck {
  if (typeof pattern !== 'string') return { ok: false, errors: ['Pattern must be a string'] };
  const check = validatePattern(pattern);
  if (!check.ok) return check;
  if (/\{\s*(kode|unit)\b/.test(pattern)) return { ok: false, errors: ['{kode} and {unit} are not request tokens: write the codes as text'] };
  // The number must survive a URL path and a CSV cell unchanged.
  if (/[?#%\\\s,;"]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) return { ok: false, errors: ['Pattern may not contain spaces or ? # % \\ , ; "'] };
  if (pattern.length > 80) return { ok: false, errors: ['Pattern is longer than 80 characters'] };
  return { ok: true };
}

/** The per-year counter the serial is taken from (the year is the body's local year of receipt). */
export function requestCounterName(receivedYear: number, series: 'information-request' | 'objection' | 'notice' = 'information-request'): string {
  return `${series}:${receivedYear}`;
}

export function formatRequestNumber(
  pattern: string,
  input: { serial: number; receivedAt: Date; timeZone?: string },
): string {
  const check = validateRequestNumberPattern(pattern);
  if (!check.ok) throw new DecreeNumberError(`Invalid request number pattern: ${check.errors.join('; ')}`);
  return formatDecreeNumber(pattern, { serial: input.serial, date: input.receivedAt, timeZone: input.timeZone });
}

/**
 * Nomor surat of the written notice (pemberitahuan tertulis, Pasal 22 ayat 7): a letter of the
 * body, numbered like its other letters (its own series per year, by the local date of signing).
 * Printed on the notice and in the register, never in a URL: slashes are the usual form.
 */
export const DEFAULT_NOTICE_NUMBER_PATTERN = '{serial:3}/PPID/PT/{bulan:romawi}/{tahun}';

export function validateNoticeNumberPattern(pattern: unknown): PatternCheck {
  if (typeof pattern !== 'string') return { ok: false, errors: ['Pattern must be a string'] };
  const check = validatePattern(pattern);
  if (!check.ok) return check;
  if (/\{\s*(kode|unit)\b/.test(pattern)) return { ok: false, errors: ['{kode} and {unit} are not notice tokens: write the codes as text'] };
  if (/[;"\\]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) return { ok: false, errors: ['Pattern may not contain ; " \\'] };
  if (pattern.length > 80) return { ok: false, errors: ['Pattern is longer than 80 characters'] };
  return { ok: true };
}

export function formatNoticeNumber(pattern: string, input: { serial: number; signedAt: Date; timeZone?: string }): string {
  const check = validateNoticeNumberPattern(pattern);
  if (!check.ok) throw new DecreeNumberError(`Invalid notice number pattern: ${check.errors.join('; ')}`);
  return formatDecreeNumber(pattern, { serial: input.serial, date: input.signedAt, timeZone: input.timeZone });
}
