import type { Core } from '@strapi/strapi';
import { getService } from '../../services/get-service';
import type { Who } from '../services/personal-data';

/** The caller as the log records them: account, address (ctx.request.ip: TRUST_PROXY decides), browser. */
const whoOf = (ctx: any): Who => ({
  userId: ctx.state.user?.id ?? null,
  email: ctx.state.user?.email ?? null,
  ip: ctx.request.ip || null,
  userAgent: ctx.get('user-agent') || null,
  can: (action: string) => !!ctx.state.userAbility?.can(action),
});

/**
 * Officials' doors to an applicant's identity documents (docs/api.md, "Applicants' personal
 * data"). The permission checks are the service's, not the route's, so that a refused attempt is
 * logged like a read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = () => getService(strapi, 'request-personal-data');
  return {
    async identityScan(ctx: any) {
      const { filename, mime, bytes } = await svc().identityScan(ctx.params.id, whoOf(ctx));
      ctx.type = mime;
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = bytes;
    },

    async applicant(ctx: any) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await svc().applicant(ctx.params.id, whoOf(ctx)) };
    },

    async log(ctx: any) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await svc().listLog(ctx.query ?? {});
    },
  };
};
