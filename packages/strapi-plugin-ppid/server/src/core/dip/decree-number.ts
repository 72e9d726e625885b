/**
 * Decree (Surat Keputusan) numbers, following the archive classification code
 * (Permendagri 83/2022), e.g. `000.8.3.3/0958/400.02`. The pattern is a body's setting.
 *
 * Tokens:
 *   {kode}          archive classification code, e.g. 000.8.3.3
 *   {serial}        running number; {serial:4} zero-pads to 4 digits (required, exactly once)
 *   {unit}          unit code, e.g. BKPSDM or 400.02
 *   {tahun}         4-digit year of the decree date
 *   {bulan}         2-digit month; {bulan:romawi} Roman month (I–XII)
 *
 * This module only formats. Handing out serials is the adapter's job: it must take the next
 * serial and store the number in one transaction, under a unique constraint on
 * (body, kode, year, serial), retrying on conflict, so that two decrees can never share one.
 */

export const DECREE_TOKENS = ['kode', 'serial', 'unit', 'tahun', 'bulan'] as const;
export type DecreeToken = (typeof DECREE_TOKENS)[number];

export const DEFAULT_DECREE_PATTERN = '{kode}/{serial:4}/{unit}/{tahun}';

export interface DecreeNumberInput {
  kode?: string;
  serial: number;
  unit?: string;
  /** Decree date: a Date, or a calendar date "YYYY-MM-DD" (taken as is, no time zone shift). */
  date: Date | string;
  /** Time zone for a Date value; default Asia/Jakarta (WIB). */
  timeZone?: string;
}

export type PatternCheck = { ok: true } | { ok: false; errors: string[] };

export class DecreeNumberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecreeNumberError';
  }
}

const TOKEN_RE = /\{([^{}]*)\}/g;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

interface ParsedToken {
  name: string;
  arg?: string;
}

function parseToken(raw: string): ParsedToken {
  const [name, arg] = raw.split(':', 2);
  return { name: name.trim(), arg: arg?.trim() };
}

export function validatePattern(pattern: string): PatternCheck {
  const errors: string[] = [];
  if (typeof pattern !== 'string' || pattern.trim() === '') return { ok: false, errors: ['Pattern is empty'] };

  // Braces outside a well-formed {token} are almost always a typo.
  if (/[{}]/.test(pattern.replace(TOKEN_RE, ''))) errors.push('Unbalanced braces in pattern');

  let serials = 0;
  for (const m of pattern.matchAll(TOKEN_RE)) {
    const { name, arg } = parseToken(m[1]);
    if (!(DECREE_TOKENS as readonly string[]).includes(name)) {
      errors.push(`Unknown token {${m[1]}}`);
      continue;
    }
    if (name === 'serial') {
      serials++;
      if (arg !== undefined && !/^([1-9]|10)$/.test(arg)) errors.push(`Serial width must be 1–10: {${m[1]}}`);
    } else if (name === 'bulan') {
      if (arg !== undefined && arg !== 'romawi') errors.push(`Unknown month format: {${m[1]}}`);
    } else if (arg !== undefined) {
      errors.push(`Token {${name}} takes no argument`);
    }
  }
  if (serials === 0) errors.push('Pattern must contain {serial}');
  if (serials > 1) errors.push('Pattern must contain {serial} only once');
  return errors.length ? { ok: false, errors } : { ok: true };
}

function yearMonth(date: Date | string, timeZone: string): { year: number; month: number } {
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})(?:-\d{2})?/.exec(date);
    if (!m) throw new DecreeNumberError(`Invalid decree date "${date}"`);
    return { year: Number(m[1]), month: Number(m[2]) };
  }
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new DecreeNumberError('Invalid decree date');
  // A decree is dated in the body's local calendar, not UTC (31 Dec 23:30 WIB is still that year).
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(date);
  return {
    year: Number(parts.find((p) => p.type === 'year')?.value),
    month: Number(parts.find((p) => p.type === 'month')?.value),
  };
}

export function formatDecreeNumber(pattern: string, input: DecreeNumberInput): string {
  const check = validatePattern(pattern);
  if (!check.ok) throw new DecreeNumberError(`Invalid decree number pattern: ${check.errors.join('; ')}`);
  if (!Number.isInteger(input.serial) || input.serial < 1)
    throw new DecreeNumberError(`Serial must be a positive integer, got ${input.serial}`);

  const { year, month } = yearMonth(input.date, input.timeZone ?? 'Asia/Jakarta');

  return pattern.replace(TOKEN_RE, (_, raw: string) => {
    const { name, arg } = parseToken(raw);
    switch (name) {
      case 'serial':
        return String(input.serial).padStart(arg ? Number(arg) : 0, '0');
      case 'kode':
      case 'unit': {
        const v = input[name]?.trim();
        if (!v) throw new DecreeNumberError(`Pattern uses {${name}} but no ${name} was given`);
        return v;
      }
      case 'tahun':
        return String(year);
      case 'bulan':
        return arg === 'romawi' ? ROMAN[month - 1] : String(month).padStart(2, '0');
      default:
        throw new DecreeNumberError(`Unknown token {${raw}}`); // unreachable after validatePattern
    }
  });
}
