import { localIsoDate } from '../calendar/time-zone';
import { type Pasal17Letter, PASAL_17_LETTERS, TEMPORARY_PASAL_17_LETTERS, isPasal17Letter } from './classes';
import { type Validation, issueCollector } from './validation';
import { type ExcludedPart, type ExclusionScope, EXCLUSION_SCOPES, validateParts } from './exclusion';

/**
 * Uji konsekuensi: the documented test that decides information is excluded
 * (UU 14/2008 Pasal 19; PP 61/2010; Perki 1/2021 Pasal 49).
 */
export interface ConsequenceTest {
  /** Uraian informasi yang diuji. */
  informasi: string;
  badanPublik: string;
  unit: string;
  dasarHukum: {
    /** e.g. "UU 14/2008" or the other law under letter j. */
    undangUndang: string;
    pasal: string;
    hurufPasal17: Pasal17Letter;
  };
  konsekuensiJikaDibuka: string;
  konsekuensiJikaDitutup: string;
  pertimbanganKepentinganPublik: string;
  /**
   * Last day of the exclusion (ISO date or date-time), set by the head of the body (Atasan PPID);
   * null = no end date, allowed only for letters g-j (Pasal 20 ayat (1) bounds a-f only).
   */
  masaPengecualianBerakhir: string | null;
  /** The whole item (default) or parts of it (`bagianDikecualikan`); the rest stays public. */
  cakupan?: ExclusionScope;
  bagianDikecualikan?: ExcludedPart[];
  /** The decision's number (nomor keputusan), printed on the berita acara and the register. */
  nomorKeputusan?: string | null;
  tempatKeputusan: string;
  /** ISO date of the decision. */
  tanggalKeputusan: string;
  status: 'draft' | 'decided';
}

export type ExclusionStatus = 'active' | 'expired';

const TEXT_FIELDS = [
  'informasi',
  'badanPublik',
  'unit',
  'konsekuensiJikaDibuka',
  'konsekuensiJikaDitutup',
  'pertimbanganKepentinganPublik',
  'tempatKeputusan',
] as const;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Parses an ISO date or date-time; date-only values are checked as real calendar dates. */
function parseIso(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  if (DATE_PATTERN.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? d : null;
  }
  if (DATE_TIME_PATTERN.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/**
 * Checks a consequence test. A draft may be incomplete (blank fields are allowed, wrong values
 * are not); a decided test must be complete. Messages: Indonesian / English.
 */
export function validateConsequenceTest(input: unknown): Validation<ConsequenceTest> {
  if (!isObject(input))
    return { ok: false, errors: [{ path: '', message: 'uji konsekuensi harus berupa objek / must be an object' }] };
  const { errors, add } = issueCollector();
  const decided = input.status === 'decided';
  const required = (path: string) => add(`${path}`, `wajib diisi / required`);

  if (input.status !== 'draft' && input.status !== 'decided') {
    add('status', `harus "draft" atau "decided" / must be "draft" or "decided", got ${JSON.stringify(input.status)}`);
  }

  for (const field of TEXT_FIELDS) {
    const v = input[field];
    if (blank(v)) {
      if (decided) required(field);
    } else if (typeof v !== 'string') add(`${field}`, `harus berupa teks / must be text`);
  }

  let letter: Pasal17Letter | undefined;
  const dasar = input.dasarHukum;
  if (dasar === undefined || dasar === null) {
    if (decided) required('dasarHukum');
  } else if (!isObject(dasar)) {
    add('dasarHukum', 'harus berupa objek { undangUndang, pasal, hurufPasal17 } / must be an object');
  } else {
    for (const field of ['undangUndang', 'pasal'] as const) {
      if (blank(dasar[field])) {
        if (decided) required(`dasarHukum.${field}`);
      } else if (typeof dasar[field] !== 'string') add(`dasarHukum.${field}`, `harus berupa teks / must be text`);
    }
    if (blank(dasar.hurufPasal17)) {
      if (decided) required('dasarHukum.hurufPasal17');
    } else if (!isPasal17Letter(dasar.hurufPasal17)) {
      add(
        'dasarHukum.hurufPasal17',
        `${JSON.stringify(dasar.hurufPasal17)} bukan huruf a-j Pasal 17 / is not a letter a-j of Pasal 17 (${PASAL_17_LETTERS.join(', ')})`,
      );
    } else letter = dasar.hurufPasal17;
  }

  const decisionDate = blank(input.tanggalKeputusan) ? null : parseIso(input.tanggalKeputusan);
  if (blank(input.tanggalKeputusan)) {
    if (decided) required('tanggalKeputusan');
  } else if (!decisionDate) {
    add('tanggalKeputusan', `${JSON.stringify(input.tanggalKeputusan)} bukan tanggal ISO / is not an ISO date`);
  }

  const end = input.masaPengecualianBerakhir;
  const partLetters = input.cakupan === 'sebagian' && Array.isArray(input.bagianDikecualikan)
    ? input.bagianDikecualikan.map((p: any) => p?.hurufPasal17).filter(isPasal17Letter)
    : [];
  const temporaryPart = partLetters.find((l: Pasal17Letter) => TEMPORARY_PASAL_17_LETTERS.includes(l));
  if (end === null && temporaryPart && !(letter && TEMPORARY_PASAL_17_LETTERS.includes(letter))) {
    add(
      'masaPengecualianBerakhir',
      `pengecualian Pasal 17 huruf ${temporaryPart} tidak bersifat permanen (UU 14/2008 Pasal 20 ayat (1)), isi tanggal berakhir / ` +
        `an exclusion under Pasal 17 letter ${temporaryPart} cannot be permanent (Pasal 20(1)): give an end date`,
    );
  }
  if (end === null) {
    // Pasal 20(1): exclusions on grounds a-f are never permanent.
    if (letter && TEMPORARY_PASAL_17_LETTERS.includes(letter)) {
      add(
        'masaPengecualianBerakhir',
        `pengecualian Pasal 17 huruf ${letter} tidak bersifat permanen (UU 14/2008 Pasal 20), isi tanggal berakhir / ` +
          `an exclusion under Pasal 17 letter ${letter} cannot be permanent (Pasal 20): give an end date`,
      );
    }
  } else if (end === undefined || end === '') {
    if (decided)
      add(
        'masaPengecualianBerakhir',
        'wajib diisi (tanggal, atau null untuk huruf g-j) / required (a date, or null for letters g-j)',
      );
  } else {
    const endDate = parseIso(end);
    if (!endDate) add('masaPengecualianBerakhir', `${JSON.stringify(end)} bukan tanggal ISO / is not an ISO date`);
    else if (decisionDate && endDate.getTime() <= decisionDate.getTime()) {
      add('masaPengecualianBerakhir', 'harus setelah tanggal keputusan / must be after the decision date');
    }
  }

  // The deciding officials are those who signed in the test's run (its signature records), never typed in.
  if (input.pejabatPemutus !== undefined && input.pejabatPemutus !== null && !(Array.isArray(input.pejabatPemutus) && input.pejabatPemutus.length === 0)) {
    add('pejabatPemutus', 'tidak diisi: pejabat pemutus diambil dari catatan tanda tangan run uji konsekuensi / not an input: the deciding officials are taken from the signature records of the run');
  }

  if (input.cakupan !== undefined && input.cakupan !== null && !(EXCLUSION_SCOPES as readonly unknown[]).includes(input.cakupan)) {
    add('cakupan', `harus "seluruh" atau "sebagian" / must be "seluruh" or "sebagian", got ${JSON.stringify(input.cakupan)}`);
  }
  if (input.cakupan === 'sebagian') validateParts(input.bagianDikecualikan ?? [], decided, add);
  else if (Array.isArray(input.bagianDikecualikan) && input.bagianDikecualikan.length) {
    add('bagianDikecualikan', 'hanya untuk cakupan "sebagian" / only for a partial exclusion (cakupan "sebagian")');
  }
  if (!blank(input.nomorKeputusan) && typeof input.nomorKeputusan !== 'string') add('nomorKeputusan', 'harus berupa teks / must be text');
  else if (decided && blank(input.nomorKeputusan)) required('nomorKeputusan');

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: input as unknown as ConsequenceTest };
}

/**
 * Whether an exclusion still holds at `now`. A date-only end is the last day of the exclusion,
 * read in the body's time zone; once it has passed the item goes back to the re-test queue.
 */
export function exclusionStatus(
  test: Pick<ConsequenceTest, 'masaPengecualianBerakhir'>,
  now: Date,
  timeZone = 'Asia/Jakarta',
): ExclusionStatus {
  const end = test.masaPengecualianBerakhir;
  if (end === null) return 'active';
  if (DATE_PATTERN.test(end)) return localIsoDate(now, timeZone) > end ? 'expired' : 'active';
  const endDate = parseIso(end);
  if (!endDate) throw new RangeError(`masaPengecualianBerakhir is not an ISO date: ${end}`);
  return now.getTime() >= endDate.getTime() ? 'expired' : 'active';
}
