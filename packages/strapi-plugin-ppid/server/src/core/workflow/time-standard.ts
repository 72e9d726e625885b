// A step's "waktu" (mutu baku) as SOPs write it: "15 menit", "1 jam", "2 hari kerja", "1 minggu",
// "1–2 hari", "1 x 24 jam", "tentatif", or a blank cell; or the structured {amount, unit}. Shared
// by `standard`, `fastTrackStandard` and any later field with the same syntax (exported).
import { TIME_UNITS, type TimeStandard, type TimeUnit } from './types';

export type Duration = { amount: number; unit: TimeUnit };
/** `field`: the sub-field of a structured {amount, unit} the message is about. */
export type ParsedTimeStandard = { ok: true; value: TimeStandard } | { ok: false; message: string; field?: 'amount' | 'unit' };

/** Unit words, Indonesian first (with the usual abbreviations), then the English forms. */
const UNIT_WORDS: Record<string, TimeUnit> = {
  menit: 'minute',
  mnt: 'minute',
  minute: 'minute',
  minutes: 'minute',
  min: 'minute',
  jam: 'hour',
  hour: 'hour',
  hours: 'hour',
  hari: 'day',
  // "hari kerja" and "hari" are one unit: the body's working calendar counts the days.
  'hari kerja': 'day',
  hk: 'day',
  day: 'day',
  days: 'day',
  'working day': 'day',
  'working days': 'day',
  minggu: 'week',
  pekan: 'week',
  week: 'week',
  weeks: 'week',
};

const UNTIMED = new Set(['', '-', '–', 'tentatif', 'tentative']);
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
// "1–2 hari" / "1-2 hari" / "1 s.d. 2 hari" / "1 sampai 2 hari": the upper bound; "1 x 24 jam": the product.
const TEXT = new RegExp(
  String.raw`^${NUMBER}(?:\s*(?:[-–—]|s\.?\s*d\.?|s\/d|sampai(?:\s+dengan)?|hingga|to)\s*${NUMBER}|\s*[x×]\s*${NUMBER})?\s*([a-z]+(?:\s+[a-z]+)?)\.?$`,
);

const num = (s: string) => Number(s.replace(',', '.'));

/** The unit a word names (Indonesian or English), or undefined. */
export function timeUnitOf(word: string): TimeUnit | undefined {
  const w = word.trim().toLowerCase().replace(/\s+/g, ' ');
  return UNIT_WORDS[w] ?? (TIME_UNITS.includes(w as TimeUnit) ? (w as TimeUnit) : undefined);
}

/**
 * Reads a waktu cell. Blank (null, '', '-') and 'tentatif' are untimed; a range takes its upper
 * bound (the standard is the longest time the SOP allows).
 */
export function parseTimeStandard(v: unknown): ParsedTimeStandard {
  if (v === null || (typeof v === 'string' && UNTIMED.has(v.trim().toLowerCase()))) return { ok: true, value: 'tentatif' };
  if (typeof v === 'string') {
    const m = TEXT.exec(v.trim().toLowerCase().replace(/\s+/g, ' '));
    const unit = m ? timeUnitOf(m[4]!) : undefined;
    if (!m || !unit) {
      return { ok: false, message: `unknown standard "${v}" (write e.g. "15 menit", "1 jam", "2 hari kerja", "1 minggu", "1–2 hari" or 'tentatif')` };
    }
    const first = num(m[1]!);
    const amount = m[2] !== undefined ? Math.max(first, num(m[2])) : m[3] !== undefined ? first * num(m[3]) : first;
    if (!(amount > 0) || !Number.isFinite(amount)) return { ok: false, message: `"${v}": the amount must be a positive number` };
    return { ok: true, value: { amount, unit } };
  }
  if (typeof v === 'object' && !Array.isArray(v)) return parseDuration(v);
  return { ok: false, message: "must be a duration (\"15 menit\", {amount, unit}) or 'tentatif'" };
}

/** A duration proper (fastTrackStandard): as parseTimeStandard, but never untimed. */
export function parseDuration(v: unknown): { ok: true; value: Duration } | { ok: false; message: string; field?: 'amount' | 'unit' } {
  if (typeof v === 'string') {
    const r = parseTimeStandard(v);
    if (!r.ok) return r;
    if (r.value === 'tentatif') return { ok: false, message: 'must be a duration, not tentatif' };
    return { ok: true, value: r.value };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, message: 'must be {amount, unit} or a text such as "15 menit"' };
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== 'amount' && k !== 'unit');
  if (extra.length) return { ok: false, message: `unknown field ${extra.map((k) => `"${k}"`).join(', ')} (use {amount, unit})` };
  const unit = typeof o.unit === 'string' ? timeUnitOf(o.unit) : undefined;
  if (typeof o.amount !== 'number' || !Number.isFinite(o.amount) || o.amount <= 0) return { ok: false, message: 'must be a positive number', field: 'amount' };
  if (!unit) return { ok: false, message: `must be one of ${TIME_UNITS.join(', ')} (or menit, jam, hari, minggu)`, field: 'unit' };
  return { ok: true, value: { amount: o.amount, unit } };
}
