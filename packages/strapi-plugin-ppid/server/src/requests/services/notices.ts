import type { Core } from '@strapi/strapi';
import { formatIssue, type ValidationIssue } from '../../core/classification/validation';
import {
  extendNotice,
  maskIdentity,
  noticeDigest,
  noticeOutcome,
  NOTICE_OUTCOME_LABEL,
  validateExtension,
  validateNotice,
  formatRupiah,
  formatNoticeNumber,
  normalizeEmail,
  type NoticeInput,
  type NoticeOutcome,
} from '../../core/requests';
import { canonicalJson, sha256Hex, type SignatureRecord, type SignerCapacity } from '../../core/signature';
import { renderRequestReceipt, renderWrittenNotice, tanggalWaktu, type RequestDocHeader } from '../../documents/pdf';
import { localIsoDate } from '../../core/calendar';
import { badRequest, conflict, fieldError, notFound } from '../../errors';
import { UID } from '../../platform/uids';
import { getService, type ServiceName } from '../../services/get-service';
import type { RunRow } from '../../workflow/services/runs';

const invalid = (what: string, errors: ValidationIssue[]) =>
  badRequest(`${what}: ${errors.map(formatIssue).join('; ')}`, {
    errors: errors.map((e) => ({ path: e.path ? e.path.split('.') : [], message: e.message, name: 'ValidationError' })),
  });

const notYours = () => notFound('Permohonan tidak ditemukan / request not found');

/**
 * The applicant's papers of a request (issue #15): the receipt (tanda bukti penerimaan) and its
 * mail, the written notice (pemberitahuan tertulis, Pasal 22 ayat 7) the PPID records at SOP
 * 101's decision step and signs, and the one extension of its deadline (ayat 8). Mails go out
 * after the transaction that stored the fact commits; a failed mail is logged, never an error.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const q = () => strapi.db.query(UID.informationRequest);

  const mailEnabled = () => {
    const email = strapi.plugin('email');
    return !!email && email.config('provider') === 'nodemailer';
  };

  /** The row of an admin route's :id (its documentId or its registration number); 404 otherwise. */
  async function byId(id: unknown) {
    if (typeof id !== 'string' || !id) throw notFound('Permohonan tidak ditemukan / request not found');
    const row = await q().findOne({ where: { $or: [{ documentId: id }, { number: id }] } });
    if (!row) throw notFound(`Permohonan ${id} tidak ditemukan / request not found`);
    return row;
  }

  /** The applicant's own request (the e-mail they filed with), else the same 404 as tracking. */
  async function mine(number: unknown, email: unknown) {
    if (typeof number !== 'string' || typeof email !== 'string' || !number || !email) throw notYours();
    const row = await q().findOne({ where: { number } });
    if (!row || row.applicantEmail !== normalizeEmail(email)) throw notYours();
    return row;
  }

  async function runOf(row: { documentId: string }): Promise<RunRow | null> {
    return (await strapi.db.query(UID.run).findOne({
      where: { itemUid: UID.informationRequest, itemDocumentId: row.documentId },
      orderBy: { id: 'desc' },
      populate: ['sop', 'unit'],
    })) as RunRow | null;
  }

  async function header(row: any, timeZone: string): Promise<RequestDocHeader> {
    const { block } = await svc('kop').block(null);
    let masked = '';
    try {
      masked = maskIdentity(svc('requests').identityOf(row));
    } catch {
      masked = ''; // a key no longer configured: print nothing rather than fail the applicant's paper
    }
    return {
      kop: block,
      timeZone,
      number: row.number,
      receivedAt: new Date(row.receivedAt).toISOString(),
      dueAt: new Date(row.dueAt).toISOString(),
      applicant: { type: row.applicantType, name: row.applicantName, maskedIdentity: masked },
      information: row.information,
      purpose: row.purpose,
      obtainBy: row.obtainBy,
      deliverBy: row.deliverBy,
    };
  }

  const trackingUrl = (number: string) => `${svc('verification').publicApiUrl(`/ppid/requests/${encodeURIComponent(number)}`)}?email=<e-mail Anda>`;

  const self = {
    /** Sends one mail to an applicant; never throws (the fact it reports is already stored). */
    async mail(to: string, subject: string, text: string): Promise<boolean> {
      if (!mailEnabled()) return false;
      try {
        await strapi.plugin('email').service('email').send({ to, subject, text });
        return true;
      } catch (e) {
        strapi.log.warn(`[ppid] mail to the applicant failed (${subject}): ${(e as Error).message}`);
        return false;
      }
    },

    /** The receipt mail, after the filing committed (Pasal 22 ayat 4: at once). */
    async mailReceipt(number: string): Promise<boolean> {
      const row = await q().findOne({ where: { number } });
      if (!row) return false;
      const tz = await svc('zones').bodyZone();
      const { kop } = await svc('kop').block(null);
      const text = [
        `Yth. ${row.applicantName},`,
        '',
        `Permohonan informasi publik Anda telah diterima oleh ${kop.nama}.`,
        '',
        `Nomor pendaftaran      : ${row.number}`,
        `Waktu diterima         : ${tanggalWaktu(row.receivedAt, tz)}`,
        `Batas pemberitahuan    : ${tanggalWaktu(row.dueAt, tz)} (10 hari kerja, UU 14/2008 Pasal 22 ayat 7)`,
        `Informasi yang dimohon : ${row.information}`,
        '',
        'Cara memantau permohonan: buka alamat berikut dengan nomor pendaftaran dan alamat e-mail ini:',
        `  ${trackingUrl(row.number)}`,
        'Tanda bukti penerimaan (PDF):',
        `  ${svc('verification').publicApiUrl(`/ppid/requests/${encodeURIComponent(row.number)}/receipt`)}?email=<e-mail Anda>`,
        '',
        'Simpan nomor pendaftaran ini sebagai tanda bukti penerimaan permohonan.',
        '',
        '--',
        `Your request for public information was received: registration number ${row.number}; the written notice is due by ${new Date(row.dueAt).toISOString()}.`,
      ].join('\n');
      return self.mail(row.applicantEmail, `Tanda bukti penerimaan permohonan informasi ${row.number}`, text);
    },

    /** GET /api/ppid/requests/:number/receipt?email=: rendered from the stored request, identity masked. */
    async receipt(number: unknown, email: unknown): Promise<{ filename: string; pdf: Buffer }> {
      const row = await mine(number, email);
      const tz = await svc('zones').bodyZone();
      const pdf = await renderRequestReceipt({
        ...(await header(row, tz)),
        trackingUrl: trackingUrl(row.number),
        extension: row.extended && row.originalDueAt ? { days: row.extensionDays ?? 0, reasons: row.extensionReasons ?? '', originalDueAt: new Date(row.originalDueAt).toISOString() } : null,
        printedAt: svc('clock').now(),
      });
      return { filename: `tanda-bukti-${row.number}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-'), pdf };
    },

    /** GET /api/ppid/requests/:number/notice?email=: the PDF stored when the PPID signed (404 before). */
    async noticePdf(number: unknown, email: unknown): Promise<{ filename: string; pdf: Buffer }> {
      const row = await mine(number, email);
      const stored = await q().findOne({ where: { id: row.id }, select: ['noticePdf'] });
      if (!stored?.noticePdf) throw notFound('Pemberitahuan tertulis belum ditandatangani / the written notice is not signed yet');
      return { filename: `pemberitahuan-tertulis-${row.number}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-'), pdf: Buffer.from(stored.noticePdf, 'base64') };
    },

    /**
     * PUT /ppid/requests/:id/notice: the PPID records the notice's content before signing it
     * (400 naming the field; 409 once signed or when the run is closed).
     */
    async recordNotice(id: unknown, body: unknown) {
      const checked = validateNotice(body);
      if (!checked.ok) throw invalid('Pemberitahuan tertulis tidak valid / invalid written notice', checked.errors);
      const n = checked.value;
      const row = await byId(id);
      if (row.decidedAt) throw conflict('Pemberitahuan tertulis sudah ditandatangani / the written notice is already signed', { reason: 'notice_signed' });
      const run = await runOf(row);
      if (!run || ['completed', 'published', 'cancelled'].includes(run.status)) {
        throw conflict('Alur kerja permohonan sudah ditutup / the request\'s run is closed', { reason: 'run_closed' });
      }
      if (n.consequenceTest) {
        const test = await svc('classification').findTest(n.consequenceTest).catch(() => null);
        if (!test) throw fieldError('consequenceTest', 'uji konsekuensi tidak ditemukan / consequence test not found');
        if (test.status !== 'decided') throw fieldError('consequenceTest', 'uji konsekuensi belum diputuskan / the consequence test is not decided');
      }
      const now: Date = svc('clock').now();
      const at = now.toISOString();
      // The notice's letter series for this year, created outside the signing transaction (a
      // racing twin fails on the unique name, which would abort a PostgreSQL transaction).
      await svc('requests').ensureYearCounter(Number(localIsoDate(now, await svc('zones').bodyZone()).slice(0, 4)), 'notice');
      await q().update({ where: { id: row.id }, data: { notice: n, noticeRecordedAt: at } });
      return { number: row.number, notice: n, outcome: noticeOutcome(n), outcomeLabel: NOTICE_OUTCOME_LABEL[noticeOutcome(n)], recordedAt: at, digest: noticeDigest(row.number, n) };
    },

    /** GET /ppid/requests/:id/notice: what is recorded, and whether it is signed. */
    async getNotice(id: unknown) {
      const row = await byId(id);
      const n: NoticeInput | null = row.notice ?? null;
      return {
        number: row.number,
        notice: n,
        outcome: (row.outcome as NoticeOutcome | null) ?? (n ? noticeOutcome(n) : null),
        recordedAt: row.noticeRecordedAt ? new Date(row.noticeRecordedAt).toISOString() : null,
        decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
        verificationCode: row.noticeCode ?? null,
        noticeNumber: row.noticeNumber ?? null,
        dueAt: new Date(row.dueAt).toISOString(),
        extended: !!row.extended,
      };
    },

    /** Whether an act's record signs the written notice: the tanda tangan of SOP 101's decide step. */
    signsNotice(run: Pick<RunRow, 'itemUid' | 'sop'>, step: number, kind: string): boolean {
      return run.itemUid === UID.informationRequest && kind === 'tanda_tangan' && run.sop?.definition?.steps?.[step - 1]?.act === 'decide';
    },

    /**
     * Inside the signing act's transaction, before its record: the outcome must be recorded (409
     * otherwise). Returns the note the record seals: the notice's digest, so the signature covers it.
     */
    async noteForSigning(run: RunRow, comment: string | null): Promise<string> {
      const row = await q().findOne({ where: { documentId: run.itemDocumentId } });
      if (!row?.notice) {
        throw conflict(
          'Isi pemberitahuan tertulis belum dicatat (PUT /ppid/requests/:id/notice); tidak dapat ditandatangani / the written notice has no recorded outcome yet',
          { reason: 'notice_missing' }
        );
      }
      const n = row.notice as NoticeInput;
      const mark = `Pemberitahuan tertulis: ${NOTICE_OUTCOME_LABEL[noticeOutcome(n)]} (sha256 ${noticeDigest(row.number, n)})`;
      return comment ? `${comment}\n${mark}` : mark;
    },

    /**
     * In the same transaction, after the PPID's signature record: the notice PDF is rendered
     * once and stored with the outcome; the request is decided.
     */
    async onNoticeSigned(run: RunRow, record: SignatureRecord): Promise<void> {
      const row = await q().findOne({ where: { documentId: run.itemDocumentId } });
      const n = row.notice as NoticeInput;
      const outcome = noticeOutcome(n);
      const tz = await svc('zones').bodyZone();
      const { kop } = await svc('kop').block(null);
      let consequenceTest: { nomorKeputusan?: string | null; tanggalKeputusan?: string | null } | null = null;
      if (n.consequenceTest) {
        const t = await svc('classification').findTest(n.consequenceTest).catch(() => null);
        consequenceTest = t ? { nomorKeputusan: t.nomorKeputusan ?? null, tanggalKeputusan: t.tanggalKeputusan ?? null } : null;
      }
      const capacity = (record.capacity ?? 'definitif') as SignerCapacity;
      const digest = noticeDigest(row.number, n);
      // Nomor surat: the next of the year's notice series (by the local date of signing), taken
      // in this transaction, so a notice that fails to seal gives its number back.
      const signedAt = new Date(record.signedAt);
      const year = Number(localIsoDate(signedAt, tz).slice(0, 4));
      const serial = await strapi.db.transaction(async ({ trx }) => {
        await svc('requests').ensureYearCounterIn(year, trx, 'notice');
        return svc('requests').nextSerial(year, trx, 'notice');
      });
      const noticeNumber = formatNoticeNumber(svc('requests').settings().noticeNumberPattern, { serial, signedAt, timeZone: tz });
      const rendered = await renderWrittenNotice({
        ...(await header(row, tz)),
        noticeNumber,
        notice: n,
        outcome,
        consequenceTest,
        signer: { nama: record.signer.nama, nip: record.signer.nip ?? null, jabatan: record.signer.jabatan, capacity, onBehalfOf: record.onBehalfOf ?? null },
        signedAt: record.signedAt,
        tempat: kop.tempat ?? null,
        verification: { code: record.verificationCode, hash: record.hash },
        digest,
      });
      // Signed with the body's certificate (PAdES) before it is stored: the stored bytes are the signed ones.
      const pdf = await svc('pdf-signing').sign(rendered, { reason: `Pemberitahuan tertulis ${row.number} (kode verifikasi ${record.verificationCode})`, signingTime: record.signedAt });
      await q().update({
        where: { id: row.id },
        data: {
          outcome,
          noticeNumber,
          decidedAt: record.signedAt,
          noticeCode: record.verificationCode,
          noticeSha256: sha256Hex(pdf),
          noticePdf: pdf.toString('base64'),
        },
      });
    },

    /** After the signing act committed: the applicant is told, with the link to the notice. */
    async mailNotice(itemDocumentId: string): Promise<boolean> {
      const row = await q().findOne({ where: { documentId: itemDocumentId } });
      if (!row?.decidedAt || !row.notice) return false;
      const n = row.notice as NoticeInput;
      const tz = await svc('zones').bodyZone();
      const outcome = row.outcome as NoticeOutcome;
      const text = [
        `Yth. ${row.applicantName},`,
        '',
        `Pemberitahuan tertulis atas permohonan informasi Anda nomor ${row.number} telah ditandatangani PPID pada ${tanggalWaktu(row.decidedAt, tz)}.`,
        '',
        ...(row.noticeNumber ? [`Nomor     : ${row.noticeNumber}`] : []),
        `Keputusan : ${NOTICE_OUTCOME_LABEL[outcome]}`,
        ...(n.holder ? [`Informasi dikuasai oleh: ${n.holder}`] : []),
        ...(n.hurufPasal17 ? [`Dasar     : Pasal 17 huruf ${n.hurufPasal17} UU 14/2008`] : []),
        ...(n.reason ? [`Alasan    : ${n.reason}`] : []),
        ...(n.format ? [`Bentuk    : ${n.format}`] : []),
        `Biaya     : ${formatRupiah(n.cost)}${n.payment ? `; cara pembayaran: ${n.payment}` : ''}`,
        '',
        'Pemberitahuan tertulis (PDF):',
        `  ${svc('verification').publicApiUrl(`/ppid/requests/${encodeURIComponent(row.number)}/notice`)}?email=<e-mail Anda>`,
        '',
        ...(outcome === 'diberikan_seluruhnya'
          ? []
          : ['Bila Anda tidak puas atas keputusan ini, Anda dapat mengajukan keberatan kepada Atasan PPID paling lambat 30 hari kerja (UU 14/2008 Pasal 35-36).', '']),
        '--',
        `The written notice on your request ${row.number} was signed: ${outcome}.`,
      ].join('\n');
      return self.mail(row.applicantEmail, `Pemberitahuan tertulis permohonan informasi ${row.number}`, text);
    },

    /**
     * POST /ppid/requests/:id/extension (Pasal 22 ayat 8): once, before the deadline, 1..7
     * working days on the body's calendar, with written reasons; sealed in the request type's
     * gov: scope in the same transaction; the applicant is e-mailed after commit.
     */
    async extend(id: unknown, body: unknown, userId: number) {
      const checked = validateExtension(body);
      if (!checked.ok) throw invalid('Perpanjangan tidak valid / invalid extension', checked.errors);
      const ext = checked.value;
      const row0 = await byId(id);
      const signer = await svc('sealing').signer(userId);
      const meta = svc('sealing').requestMeta();
      const zones = svc('zones');
      const tz = await zones.bodyZone();
      const calendar = zones.calendarIn(tz);
      const now: Date = svc('clock').now();
      const out = await strapi.db.transaction(async () => {
        // Re-read in the transaction: of two extensions at once, the conditional update lets one through.
        const row = await q().findOne({ where: { id: row0.id } });
        if (row.extended) throw conflict('Batas waktu sudah pernah diperpanjang; perpanjangan hanya satu kali (Pasal 22 ayat 8) / already extended once', { reason: 'already_extended' });
        if (row.decidedAt) throw conflict('Pemberitahuan tertulis sudah ditandatangani / the written notice is already signed', { reason: 'notice_signed' });
        const previous = new Date(row.dueAt);
        if (now.getTime() > previous.getTime()) {
          throw conflict(`Batas waktu ${tanggalWaktu(previous, tz)} sudah lewat; perpanjangan diberikan sebelum batas waktu / the deadline has passed`, {
            reason: 'deadline_passed',
            deadline: previous.toISOString(),
          });
        }
        const result = extendNotice({ dueAt: previous, extended: false }, ext, now, calendar);
        if (!result.ok) throw invalid('Perpanjangan tidak valid / invalid extension', result.errors);
        const dueAt = result.dueAt.toISOString();
        const { count } = await q().updateMany({
          where: { id: row.id, extended: false },
          data: { extended: true, dueAt, originalDueAt: previous.toISOString(), extensionDays: ext.days, extensionReasons: ext.reasons, extendedAt: now.toISOString() },
        });
        if (count !== 1) throw conflict('Batas waktu sudah pernah diperpanjang / already extended once', { reason: 'already_extended' });
        const record = await svc('sealing').sealOutsideRun({
          uid: UID.informationRequest,
          documentId: row.documentId,
          kind: 'edit',
          decision: 'notice_extended',
          note: `Perpanjangan pemberitahuan tertulis ${row.number}: ${ext.days} hari kerja, dari ${previous.toISOString()} menjadi ${dueAt}. Alasan: ${ext.reasons}`.slice(0, 2000),
          contentHash: sha256Hex(canonicalJson({ number: row.number, previousDueAt: previous.toISOString(), dueAt, days: ext.days, reasons: ext.reasons })),
          signer,
          meta,
        });
        await q().update({ where: { id: row.id }, data: { extensionCode: record.verificationCode } });
        return { number: row.number as string, email: row.applicantEmail as string, name: row.applicantName as string, previous: previous.toISOString(), dueAt, verificationCode: record.verificationCode };
      });
      void self.mail(
        out.email,
        `Perpanjangan waktu pemberitahuan tertulis permohonan ${out.number}`,
        [
          `Yth. ${out.name},`,
          '',
          `Batas waktu pemberitahuan tertulis atas permohonan informasi Anda nomor ${out.number} diperpanjang ${ext.days} hari kerja (UU 14/2008 Pasal 22 ayat 8).`,
          '',
          `Batas semula : ${tanggalWaktu(out.previous, tz)}`,
          `Batas baru   : ${tanggalWaktu(out.dueAt, tz)}`,
          `Alasan       : ${ext.reasons}`,
          '',
          `Pantau permohonan Anda: ${trackingUrl(out.number)}`,
          '',
          '--',
          `The deadline of the written notice on your request ${out.number} was extended by ${ext.days} working days, to ${out.dueAt}.`,
        ].join('\n')
      );
      return { number: out.number, previousDueAt: out.previous, dueAt: out.dueAt, days: ext.days, reasons: ext.reasons, verificationCode: out.verificationCode };
    },
  };
  return self;
};
