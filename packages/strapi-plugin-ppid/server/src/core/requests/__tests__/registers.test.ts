import { DEFAULT_CALENDAR } from '../../calendar';
import {
  annualLines,
  annualReport,
  annualSummary,
  maskContact,
  median,
  objectionFacts,
  objectionRegisterRow,
  OBJECTION_REGISTER_COLUMNS,
  parsePeriod,
  periodBounds,
  requestFacts,
  requestRegisterRow,
  REQUEST_REGISTER_COLUMNS,
  workingDaysTaken,
} from '..';

// 09:00 WIB on a local date.
const wib = (d: string, hm = '09:00') => new Date(`${d}T${hm}:00+07:00`);
const stored = (over: Record<string, unknown> = {}) => ({
  number: 'PMI-2026-00001',
  receivedAt: wib('2026-03-02').toISOString(),
  dueAt: wib('2026-03-16').toISOString(),
  extended: false,
  channel: 'api',
  applicantType: 'perorangan',
  applicantName: 'Siti Aminah',
  applicantAddress: 'Jl. Merdeka 1',
  applicantEmail: 'siti@example.id',
  applicantPhone: '+62 812-3456-7890',
  applicantIdentity: 'v1:sealed',
  information: 'Realisasi anggaran 2025',
  purpose: 'Penelitian',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
  ...over,
});

describe('workingDaysTaken (default calendar, 2026 holidays)', () => {
  it('counts working dates after the day of receipt up to the day of the answer', () => {
    expect(workingDaysTaken(wib('2026-03-02'), wib('2026-03-02', '15:00'), DEFAULT_CALENDAR)).toBe(0);
    expect(workingDaysTaken(wib('2026-03-02'), wib('2026-03-03'), DEFAULT_CALENDAR)).toBe(1);
    // Mon 2 -> Fri 6 March: Tue, Wed, Thu, Fri.
    expect(workingDaysTaken(wib('2026-03-02'), wib('2026-03-06'), DEFAULT_CALENDAR)).toBe(4);
    // Thu 2 April -> Tue 7 April: Fri 3 is Jumat Agung, then the weekend: Mon 6, Tue 7.
    expect(workingDaysTaken(wib('2026-04-02'), wib('2026-04-07'), DEFAULT_CALENDAR)).toBe(2);
    // The local date counts: 23:30 WIB on Friday is still Friday, 00:30 WIB on Monday is Monday.
    expect(workingDaysTaken(new Date('2026-03-06T16:30:00Z'), new Date('2026-03-08T17:30:00Z'), DEFAULT_CALENDAR)).toBe(1);
  });
});

describe('parsePeriod', () => {
  it('year, from-to, default year; bad input names the field', () => {
    expect(parsePeriod({}, 2026)).toEqual({ ok: true, value: { from: '2026-01-01', to: '2026-12-31', label: 'Tahun 2026' } });
    expect(parsePeriod({ year: '2025' }, 2026)).toMatchObject({ ok: true, value: { from: '2025-01-01', to: '2025-12-31' } });
    expect(parsePeriod({ from: '2026-01-01', to: '2026-06-30' }, 2026)).toMatchObject({ ok: true, value: { from: '2026-01-01', to: '2026-06-30' } });
    const bad = (q: Record<string, unknown>) => {
      const r = parsePeriod(q, 2026);
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(bad({ year: 'dua ribu' })).toEqual(['year']);
    expect(bad({ from: '2026-02-30', to: '2026-03-01' })).toEqual(['from']);
    expect(bad({ from: '2026-03-01' })).toEqual(['to']);
    expect(bad({ from: '2026-03-02', to: '2026-03-01' })).toEqual(['to']);
    expect(bad({ year: '2026', from: '2026-01-01', to: '2026-01-02' })).toEqual(['year']);
  });
  it('bounds are local midnights', () => {
    const { start, end } = periodBounds({ from: '2026-01-01', to: '2026-12-31', label: '' }, 'Asia/Makassar');
    expect(start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('register rows', () => {
  it('today\'s fields fill their columns; facts not recorded yet print empty', () => {
    const row = requestRegisterRow(requestFacts(stored()), 1, { timeZone: 'Asia/Jakarta', calendar: DEFAULT_CALENDAR, fullContact: true });
    expect(Object.keys(row)).toEqual(REQUEST_REGISTER_COLUMNS.map((c) => c.key));
    expect(row).toEqual({
      no: 1,
      tanggal: '2026-03-02',
      nomor: 'PMI-2026-00001',
      nama: 'Siti Aminah',
      alamat: 'Jl. Merdeka 1',
      kontak: '+62 812-3456-7890 / siti@example.id',
      jenisPemohon: 'Perorangan',
      informasi: 'Realisasi anggaran 2025',
      tujuan: 'Penelitian',
      caraMemperoleh: 'Salinan (softcopy)',
      caraMenerima: 'E-mail',
      status: 'Dalam proses',
      tanggalPemberitahuan: '',
      alasanPenolakan: '',
      waktuPenyelesaian: '',
      keterangan: '',
    });
    // Never the identity number, whatever the row holds.
    expect(JSON.stringify(row)).not.toContain('sealed');
  });

  it('masks contact data unless the caller may see it', () => {
    const row = requestRegisterRow(requestFacts(stored()), 1, { timeZone: 'Asia/Jakarta', fullContact: false });
    expect(row.kontak).toBe('6281****7890 / s***@example.id');
    expect(maskContact('123')).toBe('****');
  });

  it('fields of later parts (notice, outcome, Pasal 17 letters, extension) fill their columns', () => {
    const f = requestFacts(
      stored({ noticeSentAt: wib('2026-03-06').toISOString(), outcome: 'granted_in_part', refusalGrounds: ['h', 'a', 'x'], extended: true, extensionReasons: 'Arsip di gudang' }),
    );
    expect(f.refusalGrounds).toEqual(['a', 'h']);
    const row = requestRegisterRow(f, 2, { timeZone: 'Asia/Jakarta', calendar: DEFAULT_CALENDAR, fullContact: true });
    expect(row).toMatchObject({
      no: 2,
      status: 'Diberikan sebagian',
      tanggalPemberitahuan: '2026-03-06',
      alasanPenolakan: 'Pasal 17 huruf a, Pasal 17 huruf h',
      waktuPenyelesaian: 4,
      keterangan: 'Diperpanjang (Pasal 22 ayat 8): Arsip di gudang',
    });
    // Nested spellings are read too.
    expect(requestFacts(stored({ notice: { sentAt: wib('2026-03-03').toISOString(), outcome: 'ditolak', pasal17: 'j' } }))).toMatchObject({ outcome: 'ditolak', refusalGrounds: ['j'] });
  });

  it('breaches show in the rows: open past the deadline, answered late (extended or not), the notice\'s number; not held is its own status', () => {
    const o = { timeZone: 'Asia/Jakarta', calendar: DEFAULT_CALENDAR, fullContact: true };
    const open = requestRegisterRow(requestFacts(stored()), 1, { ...o, asOf: wib('2026-03-17') });
    expect(open).toMatchObject({ status: 'Dalam proses; melewati batas waktu', keterangan: 'Melewati batas waktu 2026-03-16 (Pasal 22 ayat 7)' });
    // Before the deadline (or with no moment given) it is just in progress.
    expect(requestRegisterRow(requestFacts(stored()), 1, { ...o, asOf: wib('2026-03-16', '08:59') }).status).toBe('Dalam proses');
    const extendedLate = requestRegisterRow(
      requestFacts(stored({ extended: true, extensionReasons: 'Arsip', dueAt: wib('2026-03-19').toISOString(), decidedAt: wib('2026-03-20').toISOString(), outcome: 'diberikan_seluruhnya', noticeNumber: '004/PPID/PT/III/2026' })),
      2,
      o,
    );
    expect(extendedLate.keterangan).toBe('Nomor surat pemberitahuan: 004/PPID/PT/III/2026; Melewati batas waktu 2026-03-19 (setelah perpanjangan) (Pasal 22 ayat 8); Diperpanjang (Pasal 22 ayat 8): Arsip');
    const notHeld = requestRegisterRow(requestFacts(stored({ decidedAt: wib('2026-03-04').toISOString(), outcome: 'tidak_dikuasai' })), 3, o);
    expect(notHeld).toMatchObject({ status: 'Informasi tidak dikuasai', keterangan: '' });
    const objLate = objectionRegisterRow(objectionFacts({ number: 'K', receivedAt: wib('2026-04-01').toISOString(), dueAt: wib('2026-05-15').toISOString(), reasons: ['c'], statement: 'x' }), 1, { timeZone: 'Asia/Jakarta', asOf: wib('2026-05-18') });
    expect(objLate.keterangan).toBe('Belum ditanggapi; melewati batas waktu (Pasal 36 ayat 2)');
  });

  it('objection rows: reasons with their Pasal 35 text, the request\'s number, the answer and dispute when recorded', () => {
    const f = objectionFacts({ number: 'KEB-2026-00001', receivedAt: wib('2026-04-01').toISOString(), dueAt: wib('2026-05-15').toISOString(), reasons: ['c', 'a'], statement: 'Belum dijawab', request: { number: 'PMI-2026-00001', applicantName: 'Siti Aminah' } });
    const row = objectionRegisterRow(f, 1, { timeZone: 'Asia/Jakarta' });
    expect(Object.keys(row)).toEqual(OBJECTION_REGISTER_COLUMNS.map((c) => c.key));
    expect(row).toMatchObject({ no: 1, tanggal: '2026-04-01', nomor: 'KEB-2026-00001', nomorPermohonan: 'PMI-2026-00001', nama: 'Siti Aminah', batasTanggapan: '2026-05-15', tanggapan: '', tanggalTanggapan: '', sengketa: '' });
    expect(row.alasan).toMatch(/^a\. Penolakan .*Pasal 17; c\. Tidak ditanggapinya permintaan informasi$/);
    const answered = objectionRegisterRow(
      objectionFacts({ number: 'KEB-2026-00002', receivedAt: wib('2026-04-01').toISOString(), dueAt: wib('2026-05-15').toISOString(), reasons: ['c'], statement: 'x', answer: { answeredAt: wib('2026-04-20').toISOString(), summary: 'Menguatkan keputusan PPID' }, dispute: { filedAt: wib('2026-05-04').toISOString(), number: '012/REG-PSI/V/2026' } }),
      2,
      { timeZone: 'Asia/Jakarta' },
    );
    expect(answered).toMatchObject({ tanggapan: 'Menguatkan keputusan PPID', tanggalTanggapan: '2026-04-20', sengketa: '012/REG-PSI/V/2026 (2026-05-04)' });
  });
});

describe('annualReport (hand-computed)', () => {
  // Four requests: answered in 4, 2 and 1 working days (a: Mon 2 -> Fri 6 March; b: Thu 2 April
  // -> Tue 7 April over Jumat Agung; c: Wed 13 May -> Fri 15 May over Kenaikan), d pending.
  const requests = [
    requestFacts(stored({ number: 'A', noticeSentAt: wib('2026-03-06').toISOString(), outcome: 'seluruhnya' })),
    requestFacts(stored({ number: 'B', applicantType: 'badan_hukum', receivedAt: wib('2026-04-02').toISOString(), dueAt: wib('2026-04-17').toISOString(), noticeSentAt: wib('2026-04-07').toISOString(), outcome: 'ditolak', refusalGrounds: ['h'] })),
    requestFacts(stored({ number: 'C', receivedAt: wib('2026-05-13').toISOString(), dueAt: wib('2026-05-14').toISOString(), noticeSentAt: wib('2026-05-15').toISOString(), outcome: 'sebagian', refusalGrounds: ['h', 'j'], extended: true })),
    requestFacts(stored({ number: 'D', applicantType: 'kelompok', receivedAt: wib('2026-11-30').toISOString() })),
  ];
  const objections = [
    objectionFacts({ number: 'K1', receivedAt: wib('2026-04-10').toISOString(), dueAt: wib('2026-05-25').toISOString(), reasons: ['a'], statement: 'x', answeredAt: wib('2026-05-01').toISOString(), disputeFiledAt: wib('2026-05-12').toISOString() }),
    objectionFacts({ number: 'K2', receivedAt: wib('2026-06-10').toISOString(), dueAt: wib('2026-07-25').toISOString(), reasons: ['c', 'g'], statement: 'y' }),
  ];
  const r = annualReport(2026, { requests, objections, consequenceTests: [{ grounds: ['h'] }, { grounds: ['a', 'h'] }] }, DEFAULT_CALENDAR);

  it('counts, working days, outcomes and Pasal 17 letters', () => {
    expect(r.requests).toEqual({
      total: 4,
      byApplicantType: { perorangan: 2, kelompok: 1, badan_hukum: 1 },
      answered: 3,
      pending: 1,
      workingDays: { average: 2.3, median: 2, max: 4 },
      withinTime: 2, // C was answered after its (artificial) due date
      late: 1,
      lateWithoutExtension: 0,
      lateAfterExtension: 1, // C had been extended
      openPastDeadline: 0, // no moment given: an open request is not judged
      extended: 1,
      granted: 1,
      grantedInPart: 1,
      refused: 1,
      notHeld: 0,
      outcomeNotRecorded: 0,
      refusalGrounds: { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0, h: 2, i: 0, j: 1 },
    });
    expect(r.consequenceTests).toEqual({ total: 2, byGround: { a: 1, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0, h: 2, i: 0, j: 0 } });
    expect(r.objections).toEqual({
      total: 2,
      byReason: { a: 1, b: 0, c: 1, d: 0, e: 0, f: 0, g: 1 },
      answered: 1,
      answeredWithinTime: 1,
      answeredLate: 0,
      pending: 1,
      openPastDeadline: 0,
      disputes: 1,
    });
  });

  it('breaches as of a moment: answered late with and without extension, open past the deadline, objections answered late', () => {
    const late = [
      ...requests.slice(0, 3),
      requestFacts(stored({ number: 'D', applicantType: 'kelompok', receivedAt: wib('2026-11-30').toISOString(), dueAt: wib('2026-12-14').toISOString() })),
      requestFacts(stored({ number: 'E', receivedAt: wib('2026-06-01').toISOString(), dueAt: wib('2026-06-15').toISOString(), decidedAt: wib('2026-06-16').toISOString(), outcome: 'diberikan_seluruhnya' })),
      requestFacts(stored({ number: 'F', receivedAt: wib('2026-06-01').toISOString(), dueAt: wib('2026-06-15').toISOString(), decidedAt: wib('2026-06-10').toISOString(), outcome: 'tidak_dikuasai' })),
    ];
    const objs = [
      ...objections,
      objectionFacts({ number: 'K3', receivedAt: wib('2026-08-03').toISOString(), dueAt: wib('2026-09-14').toISOString(), reasons: ['a'], statement: 'z', answeredAt: wib('2026-09-15').toISOString() }),
    ];
    // 1 December 2026: D (received 30 November) is still within its 10 working days, K2 is not.
    const a = annualReport(2026, { requests: late, objections: objs, consequenceTests: [], asOf: wib('2026-12-01') }, DEFAULT_CALENDAR);
    expect(a.requests).toMatchObject({ answered: 5, withinTime: 3, late: 2, lateWithoutExtension: 1, lateAfterExtension: 1, openPastDeadline: 0, notHeld: 1, refused: 1 });
    expect(a.objections).toMatchObject({ answered: 2, answeredWithinTime: 1, answeredLate: 1, pending: 1, openPastDeadline: 1 });
    // Later, D's deadline has passed too.
    const b = annualReport(2026, { requests: late, objections: objs, consequenceTests: [], asOf: wib('2027-01-05') }, DEFAULT_CALENDAR);
    expect(b.requests.openPastDeadline).toBe(1);
    const lines = annualLines(a);
    const value = (label: string) => lines.find((l) => l.label.trim() === label)?.value;
    expect(value('Melewati batas 10 hari kerja, tanpa perpanjangan (Pasal 22 ayat 7)')).toBe(1);
    expect(value('Melewati batas setelah perpanjangan (Pasal 22 ayat 8)')).toBe(1);
    expect(value('Informasi tidak dikuasai (Pasal 22 ayat 7 huruf a)')).toBe(1);
    expect(value('Ditanggapi melewati batas waktu')).toBe(1);
    expect(value('Belum ditanggapi dan telah melewati batas waktu')).toBe(1);
    // "Not held" is not a refusal.
    expect(value('Ditolak')).toBe(1);
    expect(annualSummary(a, 'Kecamatan Palaran').summary).toContain('informasi tidak dikuasai 1; dijawab melewati batas waktu 2');
  });

  it('the narrative sections are placeholders titled as the regulation lists them', () => {
    expect(r.sections.map((s) => s.key)).toEqual(['kebijakan', 'pelaksanaan', 'rincian', 'sengketa', 'kendala', 'rekomendasi']);
    expect(r.sections.filter((s) => s.text === null).map((s) => s.key)).toEqual(['kebijakan', 'pelaksanaan', 'kendala', 'rekomendasi']);
  });

  it('an empty year: zeroes and no average', () => {
    const e = annualReport(2027, { requests: [], objections: [], consequenceTests: [] }, DEFAULT_CALENDAR);
    expect(e.requests.total).toBe(0);
    expect(e.requests.workingDays).toEqual({ average: null, median: null, max: null });
  });

  it('lines and summary carry the numbers', () => {
    const lines = annualLines(r);
    expect(lines.find((l) => l.label === 'Jumlah permohonan informasi publik')?.value).toBe(4);
    expect(lines.find((l) => l.label === 'Waktu penyelesaian median (hari kerja)')?.value).toBe(2);
    expect(lines.find((l) => l.label.startsWith('  Alasan penolakan Pasal 17 huruf h'))?.value).toBe(2);
    const s = annualSummary(r, 'Kecamatan Palaran');
    expect(s.title).toBe('Ringkasan Laporan Layanan Informasi Publik Kecamatan Palaran Tahun 2026');
    expect(s.summary).toContain('menerima 4 permohonan');
    expect(s.summary).toContain('rata-rata 2.3 hari kerja');
  });

  it('median of even and odd lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('the readers follow what the notice and the answer store', () => {
  it('a signed notice: decidedAt, outcome, the Pasal 17 letters of the notice and its blacked-out parts, the cost', () => {
    const f = requestFacts({
      number: 'PMI-2026-00001',
      receivedAt: '2026-12-07T02:00:00.000Z',
      dueAt: '2026-12-21T02:00:00.000Z',
      decidedAt: '2026-12-10T03:00:00.000Z',
      outcome: 'diberikan_sebagian',
      notice: { held: true, decision: 'diberikan_sebagian', hurufPasal17: 'h', redactions: [{ part: 'Lampiran 2', hurufPasal17: 'i', reason: 'memo' }], cost: 15000 },
    });
    expect(f.noticeSentAt?.toISOString()).toBe('2026-12-10T03:00:00.000Z');
    expect(f.outcome).toBe('sebagian');
    expect(f.refusalGrounds).toEqual(['h', 'i']);
    expect(f.cost).toBe('Rp15.000');
  });
  it('a notice recorded but not signed counts as no decision yet', () => {
    const f = requestFacts({ number: 'PMI-2026-00002', receivedAt: '2026-12-07T02:00:00.000Z', dueAt: '2026-12-21T02:00:00.000Z', notice: { held: true, decision: 'ditolak', hurufPasal17: 'a', cost: 0 }, outcome: null });
    expect(f.noticeSentAt).toBeNull();
    expect(f.outcome).toBeNull(); // the outcome column is written when the PPID signs
  });
  it('an answered objection and its dispute', () => {
    const f = objectionFacts({
      number: 'KBR-2026-00001',
      receivedAt: '2026-12-22T02:00:00.000Z',
      dueAt: '2027-02-03T02:00:00.000Z',
      answerDecision: 'membatalkan',
      answeredAt: '2027-01-05T03:00:00.000Z',
      dispute: { filedAt: '2027-01-10', registerNumber: '012/REG-PSI/I/2027', outcome: { kind: 'mediasi', date: '2027-02-01', summary: 'sepakat' } },
    });
    expect(f.answer).toBe('Membatalkan keputusan PPID');
    expect(f.answeredAt?.toISOString()).toBe('2027-01-05T03:00:00.000Z');
    expect(f.dispute).toBe('012/REG-PSI/I/2027 (mediasi 2027-02-01)');
  });
});
