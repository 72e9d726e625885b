/**
 * NIP (Nomor Induk Pegawai) of an Indonesian civil servant (PNS): 18 digits.
 *
 *   digits 1-8    birth date      YYYYMMDD
 *   digits 9-14   appointment     YYYYMM (TMT CPNS)
 *   digit  15     sex             1 = laki-laki, 2 = perempuan
 *   digits 16-18  serial          001-999
 *
 * Spaces are tolerated because NIPs are usually printed grouped ("19800507 199912 1 001").
 */

export type NipPart = 'length' | 'digits' | 'birthDate' | 'appointment' | 'sex' | 'serial';

export interface NipParts {
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM */
  appointment: string;
  sex: 'L' | 'P';
  serial: string;
}

export interface NipError {
  part: NipPart;
  message: string;
}

export type NipValidation = { ok: true; parts: NipParts } | { ok: false; errors: NipError[] };

const NIP_LENGTH = 18;
const MIN_APPOINTMENT_YEAR = 1950;
const MIN_BIRTH_YEAR = 1900;
// CPNS applicants must be at least 18; 17 leaves a margin for data entered from old records.
const MIN_AGE_AT_APPOINTMENT_YEARS = 17;

const PART_LABEL: Record<Exclude<NipPart, 'length' | 'digits'>, [id: string, en: string]> = {
  birthDate: ['tanggal lahir (digit 1-8)', 'birth date (digits 1-8)'],
  appointment: ['TMT pengangkatan (digit 9-14)', 'appointment (digits 9-14)'],
  sex: ['jenis kelamin (digit 15)', 'sex (digit 15)'],
  serial: ['nomor urut (digit 16-18)', 'serial (digits 16-18)'],
};

function partError(part: keyof typeof PART_LABEL, value: string, id: string, en: string): NipError {
  const [labelId, labelEn] = PART_LABEL[part];
  return { part, message: `NIP: ${labelId} "${value}" ${id} / ${labelEn} ${en}` };
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export function validateNip(nip: string, now: Date = new Date()): NipValidation {
  const value = typeof nip === 'string' ? nip.replace(/\s+/g, '') : '';

  const structural: NipError[] = [];
  if (!/^\d*$/.test(value)) {
    structural.push({
      part: 'digits',
      message: `NIP: hanya boleh berisi angka, "${value}" mengandung karakter lain / may contain digits only`,
    });
  }
  if (value.length !== NIP_LENGTH) {
    structural.push({
      part: 'length',
      message: `NIP: harus ${NIP_LENGTH} digit, tertulis ${value.length} / must be ${NIP_LENGTH} digits, got ${value.length}`,
    });
  }
  // The parts cannot be located reliably in a malformed number.
  if (structural.length > 0) return { ok: false, errors: structural };

  const birthRaw = value.slice(0, 8);
  const appointmentRaw = value.slice(8, 14);
  const sexRaw = value.slice(14, 15);
  const serialRaw = value.slice(15, 18);
  const currentYear = now.getUTCFullYear();
  const errors: NipError[] = [];

  const by = Number(birthRaw.slice(0, 4));
  const bm = Number(birthRaw.slice(4, 6));
  const bd = Number(birthRaw.slice(6, 8));
  const birthOk = isValidDate(by, bm, bd);
  if (!birthOk) {
    errors.push(partError('birthDate', birthRaw, 'bukan tanggal yang sah', 'is not a valid date'));
  } else if (by < MIN_BIRTH_YEAR || Date.UTC(by, bm - 1, bd) > now.getTime()) {
    errors.push(partError('birthDate', birthRaw, 'di luar rentang yang wajar', 'is out of the plausible range'));
  }

  const ay = Number(appointmentRaw.slice(0, 4));
  const am = Number(appointmentRaw.slice(4, 6));
  if (am < 1 || am > 12) {
    errors.push(partError('appointment', appointmentRaw, 'bulan harus 01-12', 'month must be 01-12'));
  } else if (ay < MIN_APPOINTMENT_YEAR || ay > currentYear) {
    errors.push(
      partError(
        'appointment',
        appointmentRaw,
        `tahun harus antara ${MIN_APPOINTMENT_YEAR} dan ${currentYear}`,
        `year must be between ${MIN_APPOINTMENT_YEAR} and ${currentYear}`,
      ),
    );
  } else if (birthOk && ay * 12 + am < (by + MIN_AGE_AT_APPOINTMENT_YEARS) * 12 + bm) {
    errors.push(
      partError(
        'appointment',
        appointmentRaw,
        `kurang dari ${MIN_AGE_AT_APPOINTMENT_YEARS} tahun setelah tanggal lahir`,
        `is less than ${MIN_AGE_AT_APPOINTMENT_YEARS} years after the birth date`,
      ),
    );
  }

  if (sexRaw !== '1' && sexRaw !== '2') {
    errors.push(partError('sex', sexRaw, 'harus 1 (laki-laki) atau 2 (perempuan)', 'must be 1 (male) or 2 (female)'));
  }

  if (serialRaw === '000') {
    errors.push(partError('serial', serialRaw, 'tidak boleh 000', 'must not be 000'));
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    parts: {
      birthDate: `${birthRaw.slice(0, 4)}-${birthRaw.slice(4, 6)}-${birthRaw.slice(6, 8)}`,
      appointment: `${appointmentRaw.slice(0, 4)}-${appointmentRaw.slice(4, 6)}`,
      sex: sexRaw === '1' ? 'L' : 'P',
      serial: serialRaw,
    },
  };
}

/**
 * A NIP for a public page: the first 14 digits (birth date, appointment date, sex) are personal
 * data (UU 27/2022 PDP), so only the last 4 are shown, enough to match the printed form.
 * "198005071999121001" → "**************1001". Anything that is not a NIP is masked whole.
 */
export function maskNip(nip: string | null | undefined): string | null {
  if (!nip) return null;
  const value = nip.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(value)) return '*'.repeat(Math.min(value.length, 18));
  return '*'.repeat(14) + value.slice(14);
}
