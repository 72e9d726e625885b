import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { getService } from '../../services/get-service';

function sendPdf(ctx: any, { filename, pdf }: { filename: string; pdf: Buffer }) {
  ctx.type = 'application/pdf';
  ctx.set('Content-Disposition', `inline; filename="${filename}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = pdf;
}

/** The public doors of the information service (docs/api.md, "Requests for information"). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async file(ctx: any) {
    if (!ctx.is('application/json')) {
      throw createError(415, 'Kirim permohonan sebagai JSON / send the request as JSON (Content-Type: application/json)', { name: 'UnsupportedMediaTypeError', expose: true, details: {} });
    }
    ctx.status = 201;
    ctx.body = await getService(strapi, 'requests').file(ctx.request.body);
  },

  async fileObjection(ctx: any) {
    if (!ctx.is('application/json')) {
      throw createError(415, 'Kirim keberatan sebagai JSON / send the objection as JSON (Content-Type: application/json)', { name: 'UnsupportedMediaTypeError', expose: true, details: {} });
    }
    ctx.status = 201;
    ctx.body = await getService(strapi, 'requests').fileObjection(ctx.params.number, ctx.request.body);
  },

  // The applicant's PDFs (receipt, signed written notice): theirs only (404 otherwise), never cached.
  async receipt(ctx: any) {
    sendPdf(ctx, await getService(strapi, 'request-notices').receipt(ctx.params.number, ctx.query.email));
  },

  async notice(ctx: any) {
    sendPdf(ctx, await getService(strapi, 'request-notices').noticePdf(ctx.params.number, ctx.query.email));
  },

  // ---- admin (plugin permission requests.manage)
  async getNotice(ctx: any) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await getService(strapi, 'request-notices').getNotice(ctx.params.id) };
  },

  async recordNotice(ctx: any) {
    ctx.body = { data: await getService(strapi, 'request-notices').recordNotice(ctx.params.id, ctx.request.body) };
  },

  async extend(ctx: any) {
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'request-notices').extend(ctx.params.id, ctx.request.body, ctx.state.user?.id) };
  },

  /** The Atasan PPID's signed answer, as stored when it was signed; the applicant's own only. */
  async objectionAnswer(ctx: any) {
    const { filename, pdf } = await getService(strapi, 'objections').answerPdfFor(ctx.params.number, ctx.params.objection, ctx.query.email);
    sendPdf(ctx, { filename, pdf });
  },

  async track(ctx: any) {
    const status = await getService(strapi, 'requests').track(ctx.params.number, ctx.query.email);
    // The answer is one applicant's: no shared cache may keep it.
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: status };
  },
});
