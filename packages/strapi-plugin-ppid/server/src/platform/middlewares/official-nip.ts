import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validateNip } from '../../core/nip';
import { UID } from '../uids';

/** A pejabat's NIP is checked on every write, whatever the door; the message names the wrong part. */
export const officialNip = (_strapi: Core.Strapi) => async (ctx: { uid: string; action: string; params: any }, next: () => Promise<unknown>) => {
  if (ctx.uid !== UID.official || !['create', 'update'].includes(ctx.action)) return next();
  const nip = ctx.params?.data?.nip;
  if (nip !== undefined) {
    const result = validateNip(String(nip));
    if (!result.ok) {
      throw new errors.ValidationError(result.errors.map((e) => e.message).join('; '), {
        errors: result.errors.map((e) => ({ path: ['nip'], message: e.message, name: 'ValidationError', value: e.part })),
      });
    }
  }
  return next();
};
