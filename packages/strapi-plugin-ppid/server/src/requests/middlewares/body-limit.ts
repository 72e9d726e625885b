import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { requestsConfig } from '../../config';

/**
 * A public request body larger than requests.maxBodyBytes (default 32 KB) is refused with 413
 * before anything is checked or stored. Strapi's body parser has already read at most its own
 * limit (1 MB); the declared length is checked first, the parsed body's size when there is none.
 */
export const requestBodyLimit = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => async (ctx: any, next: () => Promise<unknown>) => {
  const max = requestsConfig(strapi.plugin('ppid').config('requests')).maxBodyBytes;
  const declared = Number(ctx.request.length ?? ctx.get('content-length') ?? 0);
  const parsed = ctx.request.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(ctx.request.body) ?? '');
  if (declared > max || parsed > max) {
    throw new errors.PayloadTooLargeError(`Permohonan terlalu besar (paling banyak ${max} bita) / the request is too large (at most ${max} bytes)`, { maxBytes: max });
  }
  return next();
};
