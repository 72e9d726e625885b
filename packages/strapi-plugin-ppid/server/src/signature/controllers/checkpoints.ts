import type { Core } from '@strapi/strapi';
import { fieldError, notFound } from '../../errors';
import { PAGE_LIMIT } from '../services/checkpoints';
import { getService } from '../../services/get-service';

/** A whole number from the query string; anything else (an array, an object, "1e3") is a 400. */
function queryInt(ctx: any, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query?.[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
    throw fieldError(name, `harus bilangan bulat ${min}..${max} / must be a whole number from ${min} to ${max}`);
  }
  const n = Number(raw);
  if (n < min || n > max) throw fieldError(name, `harus bilangan bulat ${min}..${max} / must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * Public: the signed checkpoints of the signature chain. A checkpoint holds only the head's seq
 * and hash, counts, time and key id, so it reveals nothing about any item; it is public so that
 * anyone can keep copies outside this database.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checkpoints = () => getService(strapi, 'checkpoints');
  return {
    async latest(ctx) {
      const cp = await checkpoints().latest();
      if (!cp) throw notFound('Belum ada checkpoint / no checkpoint yet');
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = { data: cp };
    },

    async list(ctx) {
      const after = queryInt(ctx, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = queryInt(ctx, 'limit', PAGE_LIMIT, 1, PAGE_LIMIT);
      const data = await checkpoints().list(after, limit);
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = { data, meta: { after, limit, next: data.length === limit ? data[data.length - 1].seq : null } };
    },
  };
};
