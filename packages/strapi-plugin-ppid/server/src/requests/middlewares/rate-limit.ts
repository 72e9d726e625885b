import type { Core } from '@strapi/strapi';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../../core/requests';
import { tooManyRequests } from '../../errors';
import { getService } from '../../services/get-service';

/**
 * The per-address limit of a public request door (route config `{ bucket: 'file' | 'objection'
 * | 'track' }`, limits in requests.rateLimit). Every attempt counts, refused ones too, before
 * anything else is checked. The address is ctx.request.ip: the proxy's X-Forwarded-For only when
 * the app trusts its proxy (config/server.ts `proxy.koa`, TRUST_PROXY). Over the limit: 429 with
 * `Retry-After` (signature/middlewares/retry-after.ts sets it from `retryAfterSeconds`).
 */
export const requestRateLimit = (config: { bucket?: RateLimitBucket } | undefined, { strapi }: { strapi: Core.Strapi }) => {
  const bucket = config?.bucket;
  if (!bucket || !RATE_LIMIT_BUCKETS.includes(bucket)) throw new Error(`[ppid] request-rate-limit: bucket must be one of ${RATE_LIMIT_BUCKETS.join(', ')}`);
  return async (ctx: any, next: () => Promise<unknown>) => {
    const limit = getService(strapi, 'requests').settings().rateLimit[bucket];
    if (!limit) return next();
    const at: Date = getService(strapi, 'clock').now();
    const hit = await getService(strapi, 'rate-limits').hit(bucket, String(ctx.request.ip || 'unknown'), limit, at);
    if (!hit.ok) {
      throw tooManyRequests(
        `Terlalu banyak permintaan dari alamat Anda; coba lagi dalam ${hit.retryAfterSeconds} detik / too many requests from your address; retry in ${hit.retryAfterSeconds} seconds`,
        { reason: 'rate_limited', bucket, limit: limit.max, windowSeconds: limit.windowSeconds, retryAfterSeconds: hit.retryAfterSeconds }
      );
    }
    return next();
  };
};
