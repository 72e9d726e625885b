// A request for public information (permohonan informasi publik) as the applicant files it:
// UU 14/2008 Pasal 22 ayat (2) (name, address, subject and format of the information, how it is
// to be delivered) and Perki 1/2021's request form (applicant type, identity number, contact,
// purpose, cara memperoleh informasi, cara mendapatkan salinan informasi). Pure: no Strapi.
import { issueCollector, type Validation } from '../classification/validation';

/** Pemohon: orang perseorangan, kelompok orang, badan hukum (UU 14/2008 Pasal 1 angka 10 and 12). */
export const APPLICANT_TYPES = ['perorangan', 'kelompok', 'badan_hukum'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** Cara memperoleh informasi (Perki 1/2021 form): see, read, hear, note down, or a copy. */
export const OBTAIN_BY = ['melihat', 'membaca', 'mendengarkan', 'mencatat', 'salinan_softcopy', 'salinan_hardcopy'] as const;
export type ObtainBy = (typeof OBTAIN_BY)[number];

/** Cara mendapatkan salinan informasi (Perki 1/2021 form): mengambil langsung, pos, e-mail, faksimili, kurir. */
export const DELIVER_BY = ['langsung', 'pos', 'email', 'faksimili', 'kurir'] as const;
export type DeliverBy = (typeof DELIVER_BY)[number];

export interface Applicant {
  type: ApplicantType;
  name: string;
  address: string;
  email: string;
  phone: string;
  /** NIK / KTP for a person, the deed or registration number for a badan hukum; personal data. */
  identityNumber: string;
}

export interface InformationRequestInput {
  applicant: Applicant;
  information: string;
  purpose: string;
  obtainBy: ObtainBy;
  deliverBy: DeliverBy;
}

export const REQUEST_LIMITS = {
  name: 200,
  address: 500,
  email: 254,
  phone: 30,
  identityNumber: 64,
  information: 5000,
  purpose: 2000,
} as const;

const REQUEST_FIELDS = ['applicant', 'information', 'purpose', 'obtainBy', 'deliverBy'];
const APPLICANT_FIELDS = ['type', 'name', 'address', 'email', 'phone', 'identityNumber'];

// One @, no spaces, a dotted domain: what a mail server accepts, not RFC 5322 in full.
const EMAIL = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
// Digits with the usual separators, an optional leading +; 6-15 digits (E.164 has at most 15).
const PHONE = /^\+?[0-9()\-.\s]+$/;
// Letters, digits and the separators identity and deed numbers use.
const IDENTITY = /^[A-Za-z0-9][A-Za-z0-9./\- ]*$/;
// Control characters other than tab, CR and LF never belong in a form field.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const REQUIRED = 'wajib diisi / required';
const tooLong = (max: number) => `paling banyak ${max} karakter / at most ${max} characters`;
const oneOf = (values: readonly string[]) => `harus salah satu dari / must be one of: ${values.join(', ')}`;

/** The e-mail address as stored and compared (tracking): trimmed, lower case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Checks a filed request. Every problem is named by its field path (`applicant.email`), in Bahasa
 * Indonesia first; unknown fields are refused (a typo must not lose what the applicant meant).
 */
export function validateRequest(input: unknown): Validation<InformationRequestInput> {
  const { errors, add } = issueCollector();
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', message: 'permohonan harus berupa objek JSON / the request must be a JSON object' }] };
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!REQUEST_FIELDS.includes(key)) add(key, 'bukan kolom permohonan / is not a field of the request');

  const text = (path: string, v: unknown, max: number, extra?: (s: string) => string | null): string => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      add(path, REQUIRED);
      return '';
    }
    if (typeof v !== 'string') {
      add(path, 'harus berupa teks / must be a string');
      return '';
    }
    const s = v.trim();
    if (s.length > max) add(path, tooLong(max));
    else if (CONTROL.test(s)) add(path, 'memuat karakter kendali / contains control characters');
    else {
      const problem = extra?.(s);
      if (problem) add(path, problem);
    }
    return s;
  };
  const choice = <T extends string>(path: string, v: unknown, values: readonly T[]): T => {
    if (v === undefined || v === null || v === '') add(path, REQUIRED);
    else if (typeof v !== 'string' || !values.includes(v as T)) add(path, oneOf(values));
    return v as T;
  };

  const a = o.applicant;
  let applicant = {} as Applicant;
  if (a === undefined || a === null) add('applicant', REQUIRED);
  else if (typeof a !== 'object' || Array.isArray(a)) add('applicant', 'harus berupa objek / must be an object');
  else {
    const ap = a as Record<string, unknown>;
    for (const key of Object.keys(ap)) if (!APPLICANT_FIELDS.includes(key)) add(`applicant.${key}`, 'bukan kolom pemohon / is not a field of the applicant');
    applicant = {
      type: choice('applicant.type', ap.type, APPLICANT_TYPES),
      name: text('applicant.name', ap.name, REQUEST_LIMITS.name),
      address: text('applicant.address', ap.address, REQUEST_LIMITS.address),
      email: normalizeEmail(
        text('applicant.email', ap.email, REQUEST_LIMITS.email, (s) => (EMAIL.test(s) ? null : 'bukan alamat e-mail yang sah / is not a valid e-mail address'))
      ),
      phone: text('applicant.phone', ap.phone, REQUEST_LIMITS.phone, (s) => {
        const digits = s.replace(/\D/g, '').length;
        return PHONE.test(s) && digits >= 6 && digits <= 15 ? null : 'bukan nomor telepon yang sah / is not a valid phone number';
      }),
      identityNumber: text('applicant.identityNumber', ap.identityNumber, REQUEST_LIMITS.identityNumber, (s) => {
        if (!IDENTITY.test(s)) return 'hanya huruf, angka dan . / - / letters, digits and . / - only';
        // A person's identity number is the NIK of the KTP: 16 digits (UU 24/2013).
        if (ap.type === 'perorangan' && /^[\d\s.-]+$/.test(s) && s.replace(/\D/g, '').length !== 16) {
          return 'NIK terdiri atas 16 angka / a NIK has 16 digits';
        }
        return null;
      }),
    };
  }
  const value: InformationRequestInput = {
    applicant,
    information: text('information', o.information, REQUEST_LIMITS.information),
    purpose: text('purpose', o.purpose, REQUEST_LIMITS.purpose),
    obtainBy: choice('obtainBy', o.obtainBy, OBTAIN_BY),
    deliverBy: choice('deliverBy', o.deliverBy, DELIVER_BY),
  };
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
