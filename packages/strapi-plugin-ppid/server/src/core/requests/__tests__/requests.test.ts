import { DEFAULT_CALENDAR } from '../../calendar';
import { formatIssue } from '../../classification/validation';
import {
  DEFAULT_REQUEST_NUMBER_PATTERN,
  extendNotice,
  formatRequestNumber,
  isObjectionLate,
  komisiInformasiDeadline,
  noticeDueAt,
  objectionAnswerDueAt,
  objectionDeadline,
  requestCounterName,
  validateRequest,
  validateRequestNumberPattern,
} from '..';

const good = (over: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => ({
  applicant: {
    type: 'perorangan',
    name: 'Siti Aminah',
    address: 'Jl. Merdeka No. 1, Samarinda',
    email: ' Siti@Example.ID ',
    phone: '+62 812-3456-7890',
    identityNumber: '6472011234560001',
    ...applicant,
  },
  information: 'Realisasi anggaran Kecamatan Palaran tahun 2025',
  purpose: 'Penelitian skripsi',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
  ...over,
});

const errorsOf = (input: unknown) => {
  const r = validateRequest(input);
  return r.ok ? [] : r.errors.map(formatIssue);
};
const pathsOf = (input: unknown) => {
  const r = validateRequest(input);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('validateRequest (Pasal 22 ayat 2; Perki 1/2021 form)', () => {
  it('accepts a complete request and normalises it', () => {
    const r = validateRequest(good());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.applicant.email).toBe('siti@example.id');
    expect(r.value.applicant.name).toBe('Siti Aminah');
    expect(r.value.obtainBy).toBe('salinan_softcopy');
  });

  it('accepts every applicant type, way of obtaining and way of delivery the form lists', () => {
    for (const type of ['perorangan', 'kelompok', 'badan_hukum']) expect(errorsOf(good({}, { type }))).toEqual([]);
    for (const obtainBy of ['melihat', 'membaca', 'mendengarkan', 'mencatat', 'salinan_softcopy', 'salinan_hardcopy']) expect(errorsOf(good({ obtainBy }))).toEqual([]);
    for (const deliverBy of ['langsung', 'pos', 'email', 'faksimili', 'kurir']) expect(errorsOf(good({ deliverBy }))).toEqual([]);
  });

  it('names each missing field by its path', () => {
    expect(pathsOf({})).toEqual(['applicant', 'information', 'purpose', 'obtainBy', 'deliverBy']);
    expect(pathsOf(good({}, { name: ' ', email: undefined, identityNumber: null }))).toEqual(['applicant.name', 'applicant.email', 'applicant.identityNumber']);
    expect(errorsOf(good({ purpose: '' }))).toEqual(['purpose: wajib diisi / required']);
  });

  it('refuses bad values, naming the field', () => {
    expect(pathsOf(good({}, { type: 'anonim' }))).toEqual(['applicant.type']);
    expect(pathsOf(good({}, { email: 'siti@' }))).toEqual(['applicant.email']);
    expect(pathsOf(good({}, { phone: '12' }))).toEqual(['applicant.phone']);
    expect(pathsOf(good({}, { phone: 'call me' }))).toEqual(['applicant.phone']);
    expect(pathsOf(good({ obtainBy: 'fotokopi' }))).toEqual(['obtainBy']);
    expect(pathsOf(good({ deliverBy: 'whatsapp' }))).toEqual(['deliverBy']);
    expect(pathsOf(good({ information: 'x'.repeat(5001) }))).toEqual(['information']);
    expect(pathsOf(good({ information: 42 }))).toEqual(['information']);
    expect(pathsOf(good({ purpose: 'a\u0000b' }))).toEqual(['purpose']);
    expect(pathsOf(good({ applicant: 'Siti' }))).toEqual(['applicant']);
    expect(errorsOf([])).toEqual(['permohonan harus berupa objek JSON / the request must be a JSON object']);
  });

  it("a person's identity number is a 16-digit NIK; a legal body's deed number is free-form", () => {
    expect(errorsOf(good({}, { identityNumber: '12345' }))).toEqual(['applicant.identityNumber: NIK terdiri atas 16 angka / a NIK has 16 digits']);
    expect(errorsOf(good({}, { type: 'badan_hukum', identityNumber: 'AHU-0012345.AH.01.04/2020' }))).toEqual([]);
    expect(pathsOf(good({}, { identityNumber: '<script>' }))).toEqual(['applicant.identityNumber']);
  });

  it('refuses unknown fields rather than dropping them', () => {
    expect(pathsOf(good({ status: 'granted' }))).toEqual(['status']);
    expect(pathsOf(good({}, { nik: '1' }))).toEqual(['applicant.nik']);
  });
});

describe('registration number (nomor pendaftaran)', () => {
  const at = new Date('2026-12-31T17:30:00Z'); // 1 January 2027 00:30 WIB

  it('formats the default pattern in the local year, with a per-year counter', () => {
    expect(formatRequestNumber(DEFAULT_REQUEST_NUMBER_PATTERN, { serial: 7, receivedAt: at })).toBe('PMI-2027-00007');
    expect(formatRequestNumber(DEFAULT_REQUEST_NUMBER_PATTERN, { serial: 7, receivedAt: at, timeZone: 'Asia/Jayapura' })).toBe('PMI-2027-00007');
    expect(requestCounterName(2027)).toBe('information-request:2027');
  });

  it("follows a body's own pattern", () => {
    expect(formatRequestNumber('000.9.2.{serial:3}-PPID-{bulan:romawi}-{tahun}', { serial: 12, receivedAt: new Date('2026-03-02T03:00:00Z') }))
      .toBe('000.9.2.012-PPID-III-2026');
    expect(validateRequestNumberPattern('{kode}/{serial}').ok).toBe(false);
  });

  it('refuses a pattern without a serial, or one a URL would change', () => {
    expect(validateRequestNumberPattern('PMI-{tahun}')).toEqual({ ok: false, errors: ['Pattern must contain {serial}'] });
    expect(validateRequestNumberPattern('PMI {serial}').ok).toBe(false);
    expect(validateRequestNumberPattern('PMI#{serial}').ok).toBe(false);
    expect(validateRequestNumberPattern(5).ok).toBe(false);
    expect(validateRequestNumberPattern('{serial:4}/PPID/{tahun}')).toEqual({ ok: true });
    expect(() => formatRequestNumber('PMI', { serial: 1, receivedAt: at })).toThrow(/serial/);
  });
});

describe('legal deadlines on the working calendar', () => {
  // Monday 7 December 2026, 09:00 WIB (02:00 UTC); Christmas (Friday 25 December) is a holiday.
  const received = new Date('2026-12-07T02:00:00Z');

  it('Pasal 22 ayat 7: the written notice within 10 working days', () => {
    // 8..11 Dec (4), 14..18 Dec (5), 21 Dec (10th): Monday 21 December, 09:00 WIB.
    expect(noticeDueAt(received, DEFAULT_CALENDAR).toISOString()).toBe('2026-12-21T02:00:00.000Z');
    // Received on a Saturday: counted from Monday's first working moment (07:30 WIB).
    expect(noticeDueAt(new Date('2026-12-05T03:00:00Z'), DEFAULT_CALENDAR).toISOString()).toBe('2026-12-21T00:30:00.000Z');
  });

  it('Pasal 22 ayat 8: one extension of at most 7 working days, with written reasons', () => {
    const dueAt = noticeDueAt(received, DEFAULT_CALENDAR);
    const now = new Date('2026-12-18T02:00:00Z');
    const r = extendNotice({ dueAt, extended: false }, { days: 7, reasons: 'Informasi tersebar di tiga bidang' }, now, DEFAULT_CALENDAR);
    // 22, 23, 24, (25 Natal), 28, 29, 30, 31 December.
    expect(r).toEqual({ ok: true, dueAt: new Date('2026-12-31T02:00:00.000Z') });

    const refused = (c: { dueAt: Date; extended: boolean }, days: number, reasons: string, at = now) => {
      const x = extendNotice(c, { days, reasons }, at, DEFAULT_CALENDAR);
      return x.ok ? [] : x.errors.map((e) => e.path);
    };
    expect(refused({ dueAt, extended: false }, 8, 'alasan')).toEqual(['days']);
    expect(refused({ dueAt, extended: false }, 0, 'alasan')).toEqual(['days']);
    expect(refused({ dueAt, extended: false }, 3, ' ')).toEqual(['reasons']);
    expect(refused({ dueAt, extended: true }, 3, 'alasan')).toEqual(['days']);
    expect(refused({ dueAt, extended: false }, 3, 'alasan', new Date('2026-12-22T02:00:00Z'))).toEqual(['days']);
  });

  it('Pasal 36 and 37: objection 30, answer 30, Komisi Informasi 14 working days', () => {
    const found = new Date('2026-11-02T02:00:00Z'); // Monday 2 November 2026
    const last = objectionDeadline(found, DEFAULT_CALENDAR);
    // 30 working days from 2 Nov with 25 Dec off: Monday 14 December 2026.
    expect(last.toISOString()).toBe('2026-12-14T02:00:00.000Z');
    expect(isObjectionLate(found, last, DEFAULT_CALENDAR)).toBe(false);
    expect(isObjectionLate(found, new Date(last.getTime() + 60_000), DEFAULT_CALENDAR)).toBe(true);
    expect(objectionAnswerDueAt(found, DEFAULT_CALENDAR).toISOString()).toBe(last.toISOString());
    // 14 working days from Monday 2 November: Friday 20 November.
    expect(komisiInformasiDeadline(found, DEFAULT_CALENDAR).toISOString()).toBe('2026-11-20T02:00:00.000Z');
  });
});
