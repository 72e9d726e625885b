import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { badRequest, notFound } from '../../errors';
import { uploadedFiles } from '../../requests/middlewares/uploaded-files';
import { PdfInputError, VERIFY_PDF_MAX_BYTES, VERIFY_PDF_MAX_SIGNATURES } from '../pades/verify';
import { validate } from '../../workflow/validation';
import { verifySchema } from '../validation';
import { NOT_FOUND_MESSAGE, renderNotFoundPage, renderVerificationPage } from '../page/page';
import { getService } from '../../services/get-service';

// The public page carries its own CSS inline and loads nothing else.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** 400 on the upload field `file`, with a machine-readable reason. */
const fileError = (reason: string, message: string) =>
  badRequest(`file: ${message}`, { reason, errors: [{ path: ['file'], message, name: 'ValidationError' }] });

const wantsHtml = (ctx: any) => ctx.query.format === 'html' || (ctx.query.format !== 'json' && ctx.accepts('json', 'html') === 'html');

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const verification = () => getService(strapi, 'verification');
  return {
    /**
     * Admin (permission `verify`): with `{ code }`, that code's record, run and content; without,
     * the whole chain and every published item.
     */
    async verify(ctx) {
      const { code } = await validate<{ code?: string }>(verifySchema, ctx.request.body);
      if (!code) {
        ctx.body = { data: await verification().verifyAll() };
        return;
      }
      // A code shows its item and record: the caller must read the item's type; personal data is masked.
      const access = getService(strapi, 'admin-access');
      const result = await verification().checkCode(code);
      if (result?.run?.item?.uid && !(await access.canReadItem(ctx.state.userAbility, result.run.item.uid, result.run.item.documentId))) {
        throw notFound(NOT_FOUND_MESSAGE);
      }
      ctx.body = { data: access.redactView(result, ctx.state.userAbility) };
    },

    /** Admin: the formulir persetujuan publikasi of a run as PDF (permission `runs.read`). */
    async form(ctx) {
      await getService(strapi, 'admin-access').assertCanReadRun(ctx.state.userAbility, ctx.params.id);
      const { filename, pdf } = await getService(strapi, 'approval-form').render(ctx.params.id);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `inline; filename="${filename}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = pdf;
    },

    /** Public: what a verification code on a form covers, as JSON or as the page the QR code opens. */
    async publicVerify(ctx) {
      const view = await verification().publicView(ctx.params.code);
      const html = wantsHtml(ctx);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Robots-Tag', 'noindex');
      ctx.vary('Accept');
      if (!view) {
        if (!html) throw notFound(NOT_FOUND_MESSAGE);
        ctx.status = 404;
        ctx.set('Content-Security-Policy', PAGE_CSP);
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = renderNotFoundPage();
        return;
      }
      // The verdict, without the moment it was checked: what the page's (weak) ETag covers
      // (public/middlewares/http-cache.ts), so a page whose verdict has not changed gets a 304.
      ctx.state.ppidCacheBasis = JSON.stringify({ ...view, checkedAt: null, html });
      if (html) {
        ctx.set('Content-Security-Policy', PAGE_CSP);
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = renderVerificationPage(view);
        return;
      }
      ctx.body = { data: view };
    },

    /**
     * Public: the signatures of an uploaded PDF (multipart, one file in the field `file`) and the
     * stored product PDFs with the same bytes. The early body limit (requests/middlewares) has
     * already refused a declared length over VERIFY_PDF_MAX_BYTES (413) and counted the attempt.
     */
    async verifyPdf(ctx) {
      ctx.set('Cache-Control', 'no-store');
      const files = uploadedFiles(ctx);
      if (files.length === 0) {
        throw fileError('no_file', 'unggah satu berkas PDF pada kolom `file` (multipart/form-data) / upload one PDF in the field `file` (multipart/form-data)');
      }
      if (files.length > 1 || files[0].field !== 'file') {
        throw fileError('one_file', 'unggah tepat satu berkas, pada kolom `file` / upload exactly one file, in the field `file`');
      }
      const f = files[0];
      if (Number(f.size) > VERIFY_PDF_MAX_BYTES) {
        throw new errors.PayloadTooLargeError(`Berkas terlalu besar (paling banyak ${VERIFY_PDF_MAX_BYTES} bita) / the file is too large (at most ${VERIFY_PDF_MAX_BYTES} bytes)`, {
          reason: 'too_large',
          maxBytes: VERIFY_PDF_MAX_BYTES,
        });
      }
      const pdf = await fs.readFile(f.filepath!);
      let result;
      try {
        result = await getService(strapi, 'pdf-verification').check(pdf);
      } catch (e) {
        if (!(e instanceof PdfInputError)) throw e;
        throw e.reason === 'empty'
          ? fileError('empty', 'berkas kosong / the file is empty')
          : e.reason === 'too_many_signatures'
            ? fileError('too_many_signatures', `PDF ini memuat lebih dari ${VERIFY_PDF_MAX_SIGNATURES} tanda tangan / this PDF holds more than ${VERIFY_PDF_MAX_SIGNATURES} signatures`)
            : fileError('not_pdf', 'berkas bukan PDF (tidak diawali %PDF-) / the file is not a PDF (it does not start with %PDF-)');
      }
      if (result.signatures.length === 0) {
        throw fileError('no_signature', 'PDF ini tidak memuat tanda tangan elektronik / this PDF carries no signature');
      }
      ctx.body = { data: result };
    },
  };
};
