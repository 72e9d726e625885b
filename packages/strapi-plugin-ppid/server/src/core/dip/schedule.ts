// Pemutakhiran (update) of the DIP: when the established edition is due again, and which of its
// entries no longer say what their information now is. Plain data, no Strapi.
import type { DipClassification, DipEntry } from './columns';

/**
 * The body's schedule: every N months after the last decree, or once a year on a fixed date
 * (MM-DD, e.g. "01-31": the first such date after the last decree). One of the two.
 */
export type DipUpdateSchedule = { everyMonths: number } | { yearlyOn: string };

export const DEFAULT_DIP_UPDATE_SCHEDULE: DipUpdateSchedule = { everyMonths: 12 };

const MM_DD = /^(\d{2})-(\d{2})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Problems of a schedule setting, as messages (empty: valid). */
export function validateDipUpdateSchedule(s: unknown): string[] {
  if (typeof s !== 'object' || s === null) return ['must be {everyMonths} or {yearlyOn: "MM-DD"}'];
  const o = s as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1 || !['everyMonths', 'yearlyOn'].includes(keys[0]!)) return ['must be exactly one of everyMonths, yearlyOn'];
  if ('everyMonths' in o) {
    const n = o.everyMonths;
    return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 12
      ? []
      : ['everyMonths must be a whole number from 1 to 12 (the DIP is updated at least yearly)'];
  }
  const m = typeof o.yearlyOn === 'string' ? MM_DD.exec(o.yearlyOn) : null;
  if (!m) return ['yearlyOn must be MM-DD'];
  const month = Number(m[1]);
  const day = Number(m[2]);
  // Checked against a leap year: "02-29" is refused (it would skip three years in four).
  const d = new Date(Date.UTC(2023, month - 1, day));
  return month >= 1 && month <= 12 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? [] : [`yearlyOn "${o.yearlyOn}" is not a date`];
}

/** Reads "12", "MM-DD" or a JSON object (plugin config or environment) into a schedule. */
export function parseDipUpdateSchedule(raw: unknown): DipUpdateSchedule {
  let v: unknown = raw;
  if (typeof raw === 'string') {
    const t = raw.trim();
    v = /^\d+$/.test(t) ? { everyMonths: Number(t) } : MM_DD.test(t) ? { yearlyOn: t } : { invalid: t };
  } else if (typeof raw === 'number') v = { everyMonths: raw };
  const problems = validateDipUpdateSchedule(v);
  if (problems.length) throw new RangeError(`DIP update schedule: ${problems.join('; ')}`);
  return v as DipUpdateSchedule;
}

/** The date (YYYY-MM-DD) the edition established on `decreeDate` is due to be updated. */
export function dipUpdateDue(decreeDate: string, schedule: DipUpdateSchedule): string {
  const m = YMD.exec(decreeDate);
  if (!m) throw new RangeError(`decree date must be YYYY-MM-DD, got ${decreeDate}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if ('everyMonths' in schedule) {
    // Same day N months on, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    const target = new Date(Date.UTC(y, mo - 1 + schedule.everyMonths, 1));
    const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d, last));
    return target.toISOString().slice(0, 10);
  }
  const on = `${y}-${schedule.yearlyOn}`;
  return on > decreeDate ? on : `${y + 1}-${schedule.yearlyOn}`;
}

/** An entry of an established edition whose information is now of another class (or excluded). */
export interface DipDrift {
  key: string;
  nomor: number;
  ringkasan: string;
  was: DipClassification;
  now: DipClassification | 'dikecualikan' | null;
}

/**
 * Entries whose linked item is now classified otherwise than the edition says (`current`: the
 * item's class by entry key; a key missing from it has no linked item and cannot drift).
 * The SK's attachment no longer matches such an edition: a revised edition is due.
 */
export function dipDrift(entries: DipEntry[], current: Map<string, string | null>): DipDrift[] {
  const out: DipDrift[] = [];
  for (const e of entries) {
    if (!current.has(e.key)) continue;
    const now = current.get(e.key) ?? null;
    if (now !== e.klasifikasi) out.push({ key: e.key, nomor: Number(e.nomor), ringkasan: e.ringkasan, was: e.klasifikasi, now: now as DipDrift['now'] });
  }
  return out;
}
