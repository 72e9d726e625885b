import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { localIsoDate } from '../../core/calendar';
import { formatIssue, type ValidationIssue } from '../../core/classification/validation';
import {
  ANSWER_DECISIONS,
  DISPUTE_OUTCOMES,
  komisiInformasiDeadline,
  normalizeEmail,
  objectionStanding,
  validateDisputeFiling,
  validateDisputeOutcome,
  validateObjectionAnswer,
  type AnswerDecision,
} from '../../core/requests';
import { sha256Hex, type SignatureRecord } from '../../core/signature';
import { renderObjectionAnswer } from '../../documents/pdf';
import { formatWaktu } from '../../documents/pdf/layout';
import { badRequest, conflict, notFound } from '../../errors';
import { track } from '../../platform/background';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';

/** One objection as officials see it (admin routes). */
export type ObjectionView = {
  id: string;
  number: string;
  request: string | null;
  receivedAt: string;
  dueAt: string;
  reasons: string[];
  statement: string;
  status: 'diproses' | 'dijawab' | 'tidak_dijawab';
  answer: { decision: AnswerDecision | null; reasons: string | null; followUp: string | null; answeredAt: string | null; signer: unknown; mailedAt: string | null };
  komisiInformasiDeadline: string | null;
  dispute: Dispute | null;
};

type Person = { nama: string; nip: string | null; jabatan: string };
export type Dispute = {
  filedAt: string;
  registerNumber: string;
  recordedAt: string;
  recordedBy: Person;
  verificationCode: string;
  outcome: { kind: 'putusan' | 'mediasi'; date: string; summary: string; recordedAt: string; recordedBy: Person; verificationCode: string } | null;
};

const invalid = (what: string, errors: ValidationIssue[]) =>
  badRequest(`${what}: ${errors.map(formatIssue).join('; ')}`, {
    errors: errors.map((e) => ({ path: e.path ? e.path.split('.') : [], message: e.message, name: 'ValidationError' })),
  });

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/**
 * The Atasan PPID's written answer to an objection (UU 14/2008 Pasal 36 ayat 2) and the dispute
 * before the Komisi Informasi (Pasal 37). The answer is recorded on the objection while its run
 * is at an editable step (the PPID's draft, step 3 of SOP 102): it is part of what the Atasan
 * PPID signs. Sealing that signature (workflow applyEffects) renders the answer PDF once, stores
 * it and marks the objection answered; the applicant is mailed after the commit.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const q = () => strapi.db.query(UID.objection);

  async function load(id: unknown): Promise<any> {
    if (typeof id !== 'string' || !id || id.length > 100) throw notFound('Keberatan tidak ditemukan / objection not found');
    const row = await q().findOne({ where: { $or: [{ documentId: id }, { number: id }] }, populate: ['request'] });
    if (!row) throw notFound('Keberatan tidak ditemukan / objection not found');
    return row;
  }

  async function calendarAndZone() {
    const zones = getService(strapi, 'zones');
    const timeZone: string = await zones.bodyZone();
    return { timeZone, calendar: zones.calendarIn(timeZone) };
  }

  /** Pasal 37 ayat (2): 14 working days from the answer, or (no answer in time) from its deadline. */
  async function komisiDeadlineOf(row: any, now: Date): Promise<string | null> {
    const standing = objectionStanding({ answeredAt: row.answeredAt ? new Date(row.answeredAt) : null, dueAt: new Date(row.dueAt) }, now);
    if (!standing.mayGoToKomisi) return null;
    const { calendar } = await calendarAndZone();
    return komisiInformasiDeadline(new Date(row.answeredAt ?? row.dueAt), calendar).toISOString();
  }

  const self = {
    async view(row: any): Promise<ObjectionView> {
      const now: Date = getService(strapi, 'clock').now();
      const standing = objectionStanding({ answeredAt: row.answeredAt ? new Date(row.answeredAt) : null, dueAt: new Date(row.dueAt) }, now);
      return {
        id: row.documentId,
        number: row.number,
        request: row.request?.number ?? null,
        receivedAt: iso(row.receivedAt)!,
        dueAt: iso(row.dueAt)!,
        reasons: Array.isArray(row.reasons) ? row.reasons : [],
        statement: row.statement,
        status: standing.status,
        answer: {
          decision: row.answerDecision ?? null,
          reasons: row.answerReasons ?? null,
          followUp: row.answerFollowUp ?? null,
          answeredAt: iso(row.answeredAt),
          signer: row.answerSigner ?? null,
          mailedAt: iso(row.answerMailedAt),
        },
        komisiInformasiDeadline: await komisiDeadlineOf(row, now),
        dispute: (row.dispute as Dispute) ?? null,
      };
    },

    async get(id: unknown): Promise<ObjectionView> {
      return self.view(await load(id));
    },

    /**
     * Records (or corrects) the answer before it is signed: 400 naming the field, 404, 409 once
     * signed or when the run is not at an editable step. The change is sealed as an edit of the
     * run (workflow.edited), in the same transaction.
     */
    async recordAnswer(id: unknown, body: unknown, userId: number): Promise<ObjectionView> {
      const checked = validateObjectionAnswer(body);
      if (!checked.ok) throw invalid('Tanggapan tidak valid / invalid answer', checked.errors);
      const row = await load(id);
      if (row.answeredAt) throw conflict('Tanggapan sudah ditandatangani dan tidak dapat diubah / the answer is signed and cannot change', { reason: 'objection_answered' });
      const wf = getService(strapi, 'workflow');
      const open = await wf.activeRun(UID.objection, row.documentId, null);
      if (!open) throw conflict('Alur kerja keberatan ini sudah selesai atau dibatalkan / the objection has no open run', { reason: 'run_closed' });
      const a = checked.value;
      await strapi.db.transaction(async () => {
        await q().update({ where: { id: row.id }, data: { answerDecision: a.decision, answerReasons: a.reasons, answerFollowUp: a.followUp } });
        // The answer is what the Atasan PPID signs: a change at a locked step is refused (409) and rolled back.
        await wf.edited(UID.objection, row.documentId, null, userId);
      });
      return self.get(row.documentId);
    },

    /** Before the Atasan PPID's signature at the decide step is sealed: refused (409) without an answer. */
    async assertAnswerRecorded(itemDocumentId: string): Promise<void> {
      const row = await q().findOne({ where: { documentId: itemDocumentId }, select: ['answerDecision', 'answeredAt'] });
      if (!row?.answerDecision) {
        throw conflict(
          'Tanggapan tertulis belum dicatat; catat keputusan dan alasannya (PUT /ppid/objections/:id/answer) sebelum menandatangani / ' +
            'no written answer recorded yet; record the decision and reasons before signing',
          { reason: 'objection_answer_missing' }
        );
      }
      if (row.answeredAt) throw conflict('Tanggapan sudah ditandatangani / the answer is already signed', { reason: 'objection_answered' });
    },

    /**
     * Called by the workflow inside the act's transaction when the Atasan PPID's signature at the
     * decide step is sealed: renders the answer PDF once (kop, signer from the record), stores
     * it and marks the objection answered. The mail goes out after the commit.
     */
    async onAnswerSigned(itemDocumentId: string, record: SignatureRecord): Promise<void> {
      const row = await q().findOne({ where: { documentId: itemDocumentId }, populate: ['request'] });
      if (!row || !row.request) throw new Error(`objection ${itemDocumentId} or its request missing`);
      const { timeZone, calendar } = await calendarAndZone();
      const deadline = komisiInformasiDeadline(new Date(record.signedAt), calendar);
      const kopService = getService(strapi, 'kop');
      const { kop, block } = await kopService.block(null);
      const signer = {
        nama: record.signer.nama,
        nip: record.signer.nip ?? null,
        jabatan: record.signer.jabatan,
        capacity: record.capacity ?? 'definitif',
        onBehalfOf: record.onBehalfOf ?? null,
      };
      const rendered = await renderObjectionAnswer({
        kop: block,
        instansi: kop.nama,
        unit: kop.nama,
        alamat: kop.alamat ?? null,
        timeZone,
        objection: { number: row.number, receivedAt: iso(row.receivedAt)!, reasons: row.reasons ?? [], statement: row.statement },
        request: { number: row.request.number, receivedAt: iso(row.request.receivedAt)!, applicantName: row.request.applicantName, information: row.request.information },
        decision: row.answerDecision,
        reasons: row.answerReasons ?? null,
        followUp: row.answerFollowUp ?? null,
        signer,
        signedAt: record.signedAt,
        verificationCode: record.verificationCode,
        placeDate: kopService.placeDate(kop, record.signedAt, timeZone),
        komisiDeadline: deadline.toISOString(),
        printedAt: new Date(record.signedAt),
      });
      // Signed with the body's certificate (PAdES) before it is stored, as the written notice.
      const pdf = await getService(strapi, 'pdf-signing').sign(rendered, { reason: `Tanggapan atas keberatan ${row.number} (kode verifikasi ${record.verificationCode})`, signingTime: record.signedAt });
      await q().update({
        where: { id: row.id },
        data: {
          answeredAt: record.signedAt,
          answerSigner: { ...signer, verificationCode: record.verificationCode, signedAt: record.signedAt },
          answerPdf: pdf.toString('base64'),
          answerPdfSha256: crypto.createHash('sha256').update(pdf).digest('hex'),
        },
      });
      const send = () => track(self.mailAnswer(row.id).catch((e) => strapi.log.error(`[ppid] objection answer mail ${row.number}: ${e?.message ?? e}`)));
      if (strapi.db.inTransaction()) await strapi.db.transaction(async ({ onCommit }) => onCommit(() => void send()));
      else void send();
    },

    /** Mails the stored answer to the applicant; a mail failure is logged, never fails the act. */
    async mailAnswer(objectionId: number): Promise<boolean> {
      const row = await q().findOne({ where: { id: objectionId }, populate: ['request'] });
      if (!row?.answerPdf || !row.request?.applicantEmail) return false;
      const email = strapi.plugin('email');
      if (!email) {
        strapi.log.warn(`[ppid] objection ${row.number}: no email plugin, the answer was not mailed`);
        return false;
      }
      const { timeZone, calendar } = await calendarAndZone();
      const deadline = komisiInformasiDeadline(new Date(row.answeredAt), calendar);
      const decision = ANSWER_DECISIONS[row.answerDecision as AnswerDecision] ?? row.answerDecision;
      const path = `/api/ppid/requests/${encodeURIComponent(row.request.number)}/objections/${encodeURIComponent(row.number)}/answer`;
      const text = [
        `Yth. ${row.request.applicantName},`,
        '',
        `Atasan PPID telah memberikan tanggapan tertulis atas keberatan Anda nomor ${row.number} (permohonan ${row.request.number}): ${decision}.`,
        row.answerReasons ? `Alasan: ${row.answerReasons}` : null,
        row.answerFollowUp ? `Tindak lanjut: ${row.answerFollowUp}` : null,
        '',
        'Tanggapan tertulis yang ditandatangani terlampir (PDF) dan dapat diunduh dari halaman pelacakan permohonan Anda ' +
          `(${path}?email=<e-mail Anda>).`,
        `Bila tidak puas, Anda dapat mengajukan penyelesaian sengketa informasi ke Komisi Informasi paling lambat ${formatWaktu(deadline, timeZone)} ` +
          '(14 hari kerja, UU 14/2008 Pasal 37 ayat 2).',
        '',
        '---',
        `The Atasan PPID answered your objection ${row.number} in writing (${row.answerDecision}). The signed answer is attached. ` +
          `You may take the dispute to the Komisi Informasi until ${deadline.toISOString()}.`,
      ]
        .filter((l) => l !== null)
        .join('\n');
      await email.service('email').send({
        to: row.request.applicantEmail,
        subject: `[PPID] Tanggapan atas keberatan ${row.number} / Answer to objection ${row.number}`,
        text,
        attachments: [{ filename: `tanggapan-keberatan-${row.number}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-'), content: Buffer.from(row.answerPdf, 'base64'), contentType: 'application/pdf' }],
      });
      await q().update({ where: { id: row.id }, data: { answerMailedAt: getService(strapi, 'clock').now().toISOString() } });
      return true;
    },

    /** The stored answer PDF for its applicant only (404 for anyone else, and until it is signed). */
    async answerPdfFor(requestNumber: unknown, objectionNumber: unknown, email: unknown): Promise<{ filename: string; pdf: Buffer }> {
      const none = () => notFound('Tanggapan tidak ditemukan / answer not found');
      if (typeof requestNumber !== 'string' || typeof objectionNumber !== 'string' || typeof email !== 'string' || !email) throw none();
      const row = await q().findOne({ where: { number: objectionNumber }, populate: ['request'] });
      if (!row || row.request?.number !== requestNumber || row.request.applicantEmail !== normalizeEmail(email) || !row.answerPdf) throw none();
      return { filename: `tanggapan-keberatan-${row.number}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-'), pdf: Buffer.from(row.answerPdf, 'base64') };
    },

    /**
     * The applicant filed a dispute with the Komisi Informasi (Pasal 37): possible once the answer
     * was given or its 30 working days passed (409 before); recorded once, sealed.
     */
    async recordDispute(id: unknown, body: unknown, userId: number): Promise<ObjectionView> {
      const { timeZone } = await calendarAndZone();
      const now: Date = getService(strapi, 'clock').now();
      const checked = validateDisputeFiling(body, localIsoDate(now, timeZone));
      if (!checked.ok) throw invalid('Sengketa tidak valid / invalid dispute', checked.errors);
      const row = await load(id);
      const standing = objectionStanding({ answeredAt: row.answeredAt ? new Date(row.answeredAt) : null, dueAt: new Date(row.dueAt) }, now);
      if (!standing.mayGoToKomisi) {
        throw conflict('Keberatan belum dijawab dan batas waktu jawaban belum lewat (Pasal 36 ayat 2) / the objection is neither answered nor past its answer deadline', { reason: 'dispute_too_early' });
      }
      if (row.dispute) throw conflict('Sengketa sudah dicatat / the dispute is already recorded', { reason: 'dispute_recorded' });
      const d = checked.value;
      const signer = await getService(strapi, 'actors').signerOf(userId);
      return strapi.db.transaction(async () => {
        const record = await getService(strapi, 'sealing').sealOutsideRun({
          uid: UID.objection,
          documentId: row.documentId,
          kind: 'complete',
          decision: 'sengketa_diajukan',
          note: `Sengketa informasi diajukan ke Komisi Informasi pada ${d.filedAt}, nomor register ${d.registerNumber}`.slice(0, 2000),
          contentHash: sha256Hex(JSON.stringify({ objection: row.number, ...d })),
          signer,
        });
        const dispute: Dispute = { ...d, recordedAt: record.signedAt, recordedBy: { nama: signer.nama, nip: signer.nip ?? null, jabatan: signer.jabatan }, verificationCode: record.verificationCode, outcome: null };
        await q().update({ where: { id: row.id }, data: { dispute } });
        return self.view({ ...row, dispute });
      });
    },

    /** The dispute's outcome (putusan or mediasi): after it was filed, once, sealed. */
    async recordDisputeOutcome(id: unknown, body: unknown, userId: number): Promise<ObjectionView> {
      const row = await load(id);
      const dispute = row.dispute as Dispute | null;
      if (!dispute) throw conflict('Sengketa belum dicatat / no dispute recorded yet', { reason: 'dispute_not_filed' });
      const { timeZone } = await calendarAndZone();
      const checked = validateDisputeOutcome(body, dispute.filedAt, localIsoDate(getService(strapi, 'clock').now(), timeZone));
      if (!checked.ok) throw invalid('Hasil sengketa tidak valid / invalid outcome', checked.errors);
      if (dispute.outcome) throw conflict('Hasil sengketa sudah dicatat / the outcome is already recorded', { reason: 'dispute_outcome_recorded' });
      const o = checked.value;
      const signer = await getService(strapi, 'actors').signerOf(userId);
      return strapi.db.transaction(async () => {
        const record = await getService(strapi, 'sealing').sealOutsideRun({
          uid: UID.objection,
          documentId: row.documentId,
          kind: 'complete',
          decision: `sengketa_${o.kind}`,
          note: `${DISPUTE_OUTCOMES[o.kind]} tanggal ${o.date} (register ${dispute.registerNumber}): ${o.summary}`.slice(0, 2000),
          contentHash: sha256Hex(JSON.stringify({ objection: row.number, registerNumber: dispute.registerNumber, ...o })),
          signer,
        });
        const next: Dispute = {
          ...dispute,
          outcome: { ...o, recordedAt: record.signedAt, recordedBy: { nama: signer.nama, nip: signer.nip ?? null, jabatan: signer.jabatan }, verificationCode: record.verificationCode },
        };
        await q().update({ where: { id: row.id }, data: { dispute: next } });
        return self.view({ ...row, dispute: next });
      });
    },

    /** What the applicant's tracking page shows of one objection (no officials' personal data beyond the signer's name and office). */
    async tracked(row: any, requestNumber: string, now: Date) {
      const standing = objectionStanding({ answeredAt: row.answeredAt ? new Date(row.answeredAt) : null, dueAt: new Date(row.dueAt) }, now);
      const deadline = await komisiDeadlineOf(row, now);
      const dispute = row.dispute as Dispute | null;
      const path = `/api/ppid/requests/${encodeURIComponent(requestNumber)}/objections/${encodeURIComponent(row.number)}/answer`;
      return {
        number: row.number,
        receivedAt: iso(row.receivedAt)!,
        dueAt: iso(row.dueAt)!,
        reasons: Array.isArray(row.reasons) ? row.reasons : [],
        status: standing.status,
        statusLabel: STATUS_LABEL[standing.status],
        answer: row.answeredAt
          ? {
              decision: row.answerDecision,
              decisionLabel: ANSWER_DECISIONS[row.answerDecision as AnswerDecision] ?? row.answerDecision,
              answeredAt: iso(row.answeredAt),
              signedBy: row.answerSigner ? { nama: row.answerSigner.nama, jabatan: row.answerSigner.jabatan } : null,
              // Add ?email= (the applicant's) to download it.
              document: path,
            }
          : null,
        komisiInformasi: deadline
          ? {
              deadline,
              basis: standing.status === 'dijawab' ? 'answered' : 'unanswered',
              message:
                standing.status === 'dijawab'
                  ? 'Bila tidak puas dengan tanggapan Atasan PPID, Anda dapat mengajukan penyelesaian sengketa informasi ke Komisi Informasi paling lambat 14 hari kerja setelah menerima tanggapan (UU 14/2008 Pasal 37 ayat 2) / you may take the dispute to the Komisi Informasi within 14 working days of the answer'
                  : 'Atasan PPID tidak memberikan tanggapan dalam 30 hari kerja (Pasal 36 ayat 2); Anda dapat mengajukan penyelesaian sengketa informasi ke Komisi Informasi (Pasal 37) / no answer within 30 working days; you may take the dispute to the Komisi Informasi',
            }
          : null,
        dispute: dispute
          ? {
              filedAt: dispute.filedAt,
              registerNumber: dispute.registerNumber,
              outcome: dispute.outcome ? { kind: dispute.outcome.kind, kindLabel: DISPUTE_OUTCOMES[dispute.outcome.kind], date: dispute.outcome.date, summary: dispute.outcome.summary } : null,
            }
          : null,
      };
    },
  };
  return self;
};

const STATUS_LABEL = {
  diproses: 'Sedang diperiksa Atasan PPID / being examined by the Atasan PPID',
  dijawab: 'Telah dijawab secara tertulis / answered in writing',
  tidak_dijawab: 'Tidak dijawab dalam 30 hari kerja / not answered within 30 working days',
} as const;
