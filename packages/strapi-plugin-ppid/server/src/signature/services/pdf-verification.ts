import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { inspectPdfSignatures, type BodyCertificates, type PdfSignatureReport } from '../pades';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';

/** A stored product PDF whose bytes are exactly the uploaded file's. Never personal data. */
export interface PdfRecordMatch {
  kind: 'written_notice' | 'objection_answer';
  requestNumber: string;
  objectionNumber: string | null;
  noticeNumber: string | null;
  verificationCode: string | null;
  /** The public verification page of that code (the page the QR code on the PDF opens). */
  verificationUrl: string | null;
  signedAt: string | null;
}

export interface PdfVerificationResult {
  sha256: string;
  size: number;
  signatures: PdfSignatureReport[];
  records: PdfRecordMatch[];
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/**
 * `POST /api/ppid/verify/pdf` (issue #13): the signatures of an uploaded PDF, compared with the
 * body's document-signing certificate, and the stored product PDFs (written notice, objection
 * answer) with the same SHA-256. Reads only; what is returned is public by nature (numbers and
 * verification codes the PDF itself prints), no applicant's data.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function bodyCertificates(): Promise<BodyCertificates> {
    try {
      const { identity } = await getService(strapi, 'pdf-signing').identity();
      return { certificatePem: identity.certificatePem, issuerPems: identity.chainPem };
    } catch {
      // No certificate configured (e.g. production without the PKCS#12): nothing is the body's.
      return {};
    }
  }

  async function records(sha256: string): Promise<PdfRecordMatch[]> {
    const url = (code: string | null) => (code ? getService(strapi, 'verification').verificationUrl(code) : null);
    const notices = await strapi.db.query(UID.informationRequest).findMany({
      where: { noticeSha256: sha256 },
      select: ['number', 'noticeNumber', 'noticeCode', 'decidedAt'],
    });
    const answers = await strapi.db.query(UID.objection).findMany({
      where: { answerPdfSha256: sha256 },
      select: ['number', 'answerSigner', 'answeredAt'],
      populate: { request: { select: ['number'] } },
    });
    return [
      ...notices.map((r: any) => ({
        kind: 'written_notice' as const,
        requestNumber: r.number,
        objectionNumber: null,
        noticeNumber: r.noticeNumber ?? null,
        verificationCode: r.noticeCode ?? null,
        verificationUrl: url(r.noticeCode ?? null),
        signedAt: iso(r.decidedAt),
      })),
      ...answers.map((o: any) => ({
        kind: 'objection_answer' as const,
        requestNumber: o.request?.number ?? null,
        objectionNumber: o.number,
        noticeNumber: null,
        verificationCode: o.answerSigner?.verificationCode ?? null,
        verificationUrl: url(o.answerSigner?.verificationCode ?? null),
        signedAt: iso(o.answeredAt),
      })),
    ];
  }

  return {
    /** Throws PdfInputError (not a PDF, empty); an unsigned PDF gives `signatures: []`. */
    async check(pdf: Buffer): Promise<PdfVerificationResult> {
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const signatures = await inspectPdfSignatures(pdf, await bodyCertificates());
      return { sha256, size: pdf.length, signatures, records: signatures.length ? await records(sha256) : [] };
    },
  };
};
