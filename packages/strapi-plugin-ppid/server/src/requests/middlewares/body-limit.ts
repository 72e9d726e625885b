import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { requestsConfig } from '../../config';
import { uploadedFiles } from './uploaded-files';

// Room for the multipart boundaries and part headers around the data field and the scan.
export const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * A public request body larger than requests.maxBodyBytes (default 32 KB) is refused with 413
 * before anything is checked or stored. Strapi's body parser has already read at most its own
 * limit (1 MB); the declared length is checked first, the parsed body's size when there is none.
 * A multipart filing may add the identity scan: at most requests.maxScanBytes (default 5 MB),
 * else 413 naming `identityScan`.
 */
export const requestBodyLimit = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => async (ctx: any, next: () => Promise<unknown>) => {
  const settings = requestsConfig(strapi.plugin('ppid').config('requests'));
  const max = settings.maxBodyBytes;
  const multipart = !!ctx.is('multipart');
  const declaredMax = multipart ? max + settings.maxScanBytes + MULTIPART_OVERHEAD : max;
  const declared = Number(ctx.request.length ?? ctx.get('content-length') ?? 0);
  const body = ctx.request.body;
  // Multipart fields are strings (the filing is the `data` field): their own length counts.
  const parsed =
    body === undefined
      ? 0
      : multipart && body && typeof body === 'object'
        ? Object.values(body).reduce((n: number, v) => n + Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v) ?? ''), 0)
        : Buffer.byteLength(JSON.stringify(body) ?? '');
  for (const f of multipart ? uploadedFiles(ctx) : []) {
    if (Number(f.size) > settings.maxScanBytes) {
      throw new errors.PayloadTooLargeError(
        `${f.field}: berkas terlalu besar (paling banyak ${settings.maxScanBytes} bita) / the file is too large (at most ${settings.maxScanBytes} bytes)`,
        { maxBytes: settings.maxScanBytes, errors: [{ path: [f.field], message: 'berkas terlalu besar / file too large', name: 'PayloadTooLargeError' }] }
      );
    }
  }
  if (declared > declaredMax || parsed > max) {
    throw new errors.PayloadTooLargeError(`Permohonan terlalu besar (paling banyak ${max} bita) / the request is too large (at most ${max} bytes)`, { maxBytes: max });
  }
  return next();
};
