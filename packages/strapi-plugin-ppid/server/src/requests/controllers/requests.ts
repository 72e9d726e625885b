import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { errors as strapiErrors } from '@strapi/utils';
import { SCAN_TYPES, sniffScanType } from '../../core/requests';
import { fieldError } from '../../errors';
import { getService } from '../../services/get-service';
import { uploadedFiles } from '../middlewares/uploaded-files';
import type { IdentityScan } from '../services/requests';

const SCAN_FIELD = 'identityScan';

/**
 * A multipart filing (Strapi's convention: the JSON in the field `data`) with the applicant's
 * identity scan in the file field `identityScan` (optional). The scan's type is read from its
 * first bytes (JPEG, PNG, PDF); the declared type and the file name are ignored. The temp files
 * are removed after the answer (middlewares/uploaded-files.ts).
 */
export async function readMultipartFiling(ctx: any, maxScanBytes: number): Promise<{ data: unknown; scan: IdentityScan | null }> {
  const fields = (ctx.request.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'data') throw fieldError(key, 'bukan bidang formulir ini (kirim isian sebagai JSON di bidang "data") / not a field of this form');
  }
  const files = uploadedFiles(ctx);
  const stray = files.find((f) => f.field !== SCAN_FIELD);
  if (stray) throw fieldError(stray.field, `bukan berkas formulir ini (hanya ${SCAN_FIELD}) / not a file of this form`);
  if (typeof fields.data !== 'string') throw fieldError('data', 'wajib diisi: isian permohonan sebagai JSON / required: the request as JSON');
  let data: unknown;
  try {
    data = JSON.parse(fields.data);
  } catch {
    throw fieldError('data', 'bukan JSON yang sah / not valid JSON');
  }
  if (!files.length) return { data, scan: null };
  if (files.length > 1) throw fieldError(SCAN_FIELD, 'kirim satu berkas saja / send one file only');
  const file = files[0]!;
  if (Number(file.size) > maxScanBytes) {
    throw new strapiErrors.PayloadTooLargeError(`${SCAN_FIELD}: berkas terlalu besar (paling banyak ${maxScanBytes} bita) / the file is too large`, {
      maxBytes: maxScanBytes,
      errors: [{ path: [SCAN_FIELD], message: 'berkas terlalu besar / file too large', name: 'PayloadTooLargeError' }],
    });
  }
  const bytes = file.filepath ? await fs.readFile(file.filepath) : Buffer.alloc(0);
  if (!bytes.length) throw fieldError(SCAN_FIELD, 'berkas kosong / empty file');
  const mime = sniffScanType(bytes);
  if (!mime) {
    const message = `hanya JPEG, PNG atau PDF (dikenali dari isinya) / only JPEG, PNG or PDF (recognised by content)`;
    throw createError(415, `${SCAN_FIELD}: ${message}`, {
      name: 'UnsupportedMediaTypeError',
      expose: true,
      details: { allowed: [...SCAN_TYPES], errors: [{ path: [SCAN_FIELD], message, name: 'ValidationError' }] },
    });
  }
  return { data, scan: { bytes, mime } };
}

function sendPdf(ctx: any, { filename, pdf }: { filename: string; pdf: Buffer }) {
  ctx.type = 'application/pdf';
  ctx.set('Content-Disposition', `inline; filename="${filename}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = pdf;
}

/** The public doors of the information service (docs/api.md, "Requests for information"). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async file(ctx: any) {
    const requests = getService(strapi, 'requests');
    if (ctx.is('multipart')) {
      const { data, scan } = await readMultipartFiling(ctx, requests.settings().maxScanBytes);
      ctx.status = 201;
      ctx.body = await requests.file(data, 'api', scan);
      return;
    }
    if (!ctx.is('application/json')) {
      throw createError(415, 'Kirim permohonan sebagai JSON atau multipart/form-data / send the request as JSON (Content-Type: application/json) or multipart/form-data', { name: 'UnsupportedMediaTypeError', expose: true, details: {} });
    }
    ctx.status = 201;
    ctx.body = await requests.file(ctx.request.body);
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

  /** The objection form as filed (formulir keberatan), rendered from what is stored; the applicant's own only. */
  async objectionForm(ctx: any) {
    sendPdf(ctx, await getService(strapi, 'objection-forms').formPdfFor(ctx.params.number, ctx.params.objection, ctx.query.email));
  },

  async track(ctx: any) {
    const status = await getService(strapi, 'requests').track(ctx.params.number, ctx.query.email);
    // The answer is one applicant's: no shared cache may keep it.
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: status };
  },
});
