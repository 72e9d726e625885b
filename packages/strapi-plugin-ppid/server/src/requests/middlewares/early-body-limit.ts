import type { Core } from '@strapi/strapi';
import { checkDeclaredLength } from '../../core/requests/privacy';
import { getService } from '../../services/get-service';
import { MULTIPART_OVERHEAD } from './body-limit';
import { VERIFY_PDF_MAX_BYTES } from '../../signature/pades/verify';

/**
 * The public filing doors' size limit, from the headers alone, BEFORE Strapi's body parser
 * (installed in register.ts, outside the app's middleware stack): formidable writes a multipart
 * file to the temp folder as it arrives, so a limit checked on the route (body-limit.ts) came
 * after the bytes were on disk. Here a declared Content-Length over the limit is a 413 and a
 * multipart body without one (chunked) a 411: with a declared length Node's parser reads exactly
 * that many bytes as the body, so the declared length is the streaming limit too. The refusal
 * counts in the door's rate limit like any attempt (429 when over it).
 */
export const earlyBodyLimit = (strapi: Core.Strapi) => {
  // Lower case on both sides: Strapi's router matches paths case-insensitively (/API/PPID/Requests).
  const prefix = () => String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '').toLowerCase();
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.method !== 'POST') return next();
    const base = `${prefix()}/ppid/requests`;
    const path: string = String(ctx.path).toLowerCase();
    const verifyPdf = path.replace(/\/+$/, '') === `${prefix()}/ppid/verify/pdf`;
    const bucket = verifyPdf
      ? 'verify'
      : path === base || path === `${base}/` ? 'file' : path.startsWith(`${base}/`) && /^\/[^/]+\/objections\/?$/.test(path.slice(base.length)) ? 'objection' : null;
    if (!bucket) return next();
    const requests = getService(strapi, 'requests');
    const settings = requests.settings();
    const multipart = !!ctx.is('multipart');
    // The PDF verification door takes one uploaded PDF of at most VERIFY_PDF_MAX_BYTES.
    const max = verifyPdf
      ? VERIFY_PDF_MAX_BYTES + MULTIPART_OVERHEAD
      : multipart ? settings.maxBodyBytes + settings.maxScanBytes + MULTIPART_OVERHEAD : settings.maxBodyBytes;
    const check = checkDeclaredLength(ctx.get('content-length') || undefined, ctx.get('transfer-encoding') || undefined, max);
    // JSON is read into memory within the parser's own limit: only a multipart body needs a declared length.
    if (check.ok || (check.status === 411 && !multipart)) return next();

    const limit = settings.rateLimit[bucket];
    if (limit) {
      const hit = await getService(strapi, 'rate-limits').hit(bucket, String(ctx.request.ip || 'unknown'), limit, getService(strapi, 'clock').now());
      if (!hit.ok) {
        ctx.set('Retry-After', String(hit.retryAfterSeconds));
        return answer(ctx, 429, 'TooManyRequestsError', `Terlalu banyak permintaan dari alamat Anda; coba lagi dalam ${hit.retryAfterSeconds} detik / too many requests from your address`, {
          reason: 'rate_limited',
          bucket,
          retryAfterSeconds: hit.retryAfterSeconds,
        });
      }
    }
    if (check.status === 411) {
      return answer(ctx, 411, 'LengthRequiredError', 'Kirim berkas dengan panjang yang dinyatakan (Content-Length) / send the upload with a declared Content-Length', { reason: 'length_required' });
    }
    if (verifyPdf) {
      return answer(ctx, 413, 'PayloadTooLargeError', `Berkas terlalu besar (paling banyak ${VERIFY_PDF_MAX_BYTES} bita) / the file is too large (at most ${VERIFY_PDF_MAX_BYTES} bytes)`, {
        reason: 'too_large',
        maxBytes: VERIFY_PDF_MAX_BYTES,
      });
    }
    return answer(ctx, 413, 'PayloadTooLargeError', `Permohonan terlalu besar (paling banyak ${max} bita) / the request is too large (at most ${max} bytes)`, { maxBytes: max });
  };
};

/** Strapi's error shape, written here because this runs outside Strapi's error middleware. */
function answer(ctx: any, status: number, name: string, message: string, details: Record<string, unknown>) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { data: null, error: { status, name, message, details } };
}
