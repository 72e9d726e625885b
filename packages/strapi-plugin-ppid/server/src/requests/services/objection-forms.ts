import type { Core } from '@strapi/strapi';
import { formatWaktuPemberitahuan } from '../../core/calendar';
import { maskContact, maskIdentity, normalizeEmail } from '../../core/requests';
import { renderObjectionForm } from '../../documents/pdf';
import { notFound } from '../../errors';
import { UID } from '../../platform/uids';
import { getService, type ServiceName } from '../../services/get-service';

const fileName = (number: string) => `formulir-keberatan-${number}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * The objection form as filed (formulir keberatan; documents/pdf/objection-form.ts): rendered on
 * demand from the stored objection and its request, for the applicant only (the e-mail they
 * filed with, else the same 404 as tracking), and mailed to them once the filing committed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const q = () => strapi.db.query(UID.objection);

  async function render(row: any): Promise<Buffer> {
    const req = row.request;
    const tz = await svc('zones').bodyZone();
    const { block, kop } = await svc('kop').block(null);
    let maskedIdentity = '';
    try {
      maskedIdentity = maskIdentity(svc('requests').identityOf(req));
    } catch {
      maskedIdentity = ''; // a key no longer configured: print nothing rather than fail the applicant's paper
    }
    return renderObjectionForm({
      kop: block,
      timeZone: tz,
      number: row.number,
      receivedAt: new Date(row.receivedAt).toISOString(),
      dueAt: new Date(row.dueAt).toISOString(),
      request: { number: req.number, purpose: req.purpose, information: req.information },
      applicant: {
        type: req.applicantType,
        name: req.applicantName,
        address: req.applicantAddress,
        maskedIdentity,
        maskedPhone: req.applicantPhone ? maskContact(req.applicantPhone) : null,
      },
      proxy: null,
      reasons: Array.isArray(row.reasons) ? row.reasons : [],
      statement: row.statement ?? '',
      tempat: kop.tempat ?? null,
      printedAt: svc('clock').now(),
    });
  }

  const self = {
    /** GET /api/ppid/requests/:number/objections/:objection/form?email=: the applicant's own only. */
    async formPdfFor(requestNumber: unknown, objectionNumber: unknown, email: unknown): Promise<{ filename: string; pdf: Buffer }> {
      const none = () => notFound('Keberatan tidak ditemukan / objection not found');
      if (typeof requestNumber !== 'string' || typeof objectionNumber !== 'string' || typeof email !== 'string' || !email) throw none();
      const row = await q().findOne({ where: { number: objectionNumber }, populate: ['request'] });
      if (!row || row.request?.number !== requestNumber || row.request.applicantEmail !== normalizeEmail(email)) throw none();
      return { filename: fileName(row.number), pdf: await render(row) };
    },

    /** After the filing committed: the form, attached, to the applicant; false when mails are off or it failed. */
    async mailForm(objectionNumber: string): Promise<boolean> {
      const email = strapi.plugin('email');
      if (!email || email.config('provider') !== 'nodemailer') return false;
      const row = await q().findOne({ where: { number: objectionNumber }, populate: ['request'] });
      if (!row?.request?.applicantEmail) return false;
      const tz = await svc('zones').bodyZone();
      const path = svc('verification').publicApiUrl(`/ppid/requests/${encodeURIComponent(row.request.number)}/objections/${encodeURIComponent(row.number)}/form`);
      const text = [
        `Yth. ${row.request.applicantName},`,
        '',
        `Keberatan Anda atas permohonan informasi ${row.request.number} telah diterima dan dicatat dengan nomor registrasi keberatan ${row.number}.`,
        `Atasan PPID memberikan tanggapan tertulis paling lambat ${formatWaktuPemberitahuan(row.dueAt, tz)} (30 hari kerja, UU 14/2008 Pasal 36 ayat 2).`,
        '',
        'Formulir keberatan (tanda bukti penerimaan keberatan) terlampir dan dapat diunduh kembali di:',
        `  ${path}?email=<e-mail Anda>`,
        '',
        '--',
        `Your objection ${row.number} to request ${row.request.number} was received; the Atasan PPID answers by ${new Date(row.dueAt).toISOString()}. The objection form is attached.`,
      ].join('\n');
      try {
        await email.service('email').send({
          to: row.request.applicantEmail,
          subject: `Tanda bukti penerimaan keberatan ${row.number} / Objection received`,
          text,
          attachments: [{ filename: fileName(row.number), content: await render(row), contentType: 'application/pdf' }],
        });
        return true;
      } catch (e) {
        strapi.log.warn(`[ppid] objection form mail ${row.number}: ${(e as Error).message}`);
        return false;
      }
    },
  };
  return self;
};
