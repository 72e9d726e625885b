import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { posix } from 'path';

/**
 * In front of every download of an uploaded file (`/uploads/*`, served by Strapi's upload route
 * and by `strapi::public` from public/uploads): a file attached to governed items that are not
 * public (drafts, in review, returned, unpublished, excluded) answers 404, as if it did not
 * exist. The decision is services/attachments.ts, over the public guard. Registered by the
 * plugin itself (register.ts, `strapi.server.use`), so it stands before the app's middlewares
 * whatever config/middlewares.ts says. The admin panel reads files the same way (by URL), so
 * editors see hidden attachments through the Content Manager's own file routes, not here.
 */
export const attachmentGuard = (strapi: Core.Strapi, prefix = '/uploads/') => async (ctx: Context, next: Next) => {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
  // The static servers decode and normalise the path (`/%75ploads/x`, `/uploads//x`,
  // `/a/../uploads/x` all reach public/uploads/x): decide on the same normalised path.
  let url: string;
  try {
    url = posix.normalize(decodeURIComponent(ctx.path));
  } catch {
    ctx.status = 400;
    return;
  }
  if (!url.startsWith(prefix)) return next();
  let allowed = false;
  try {
    allowed = await strapi.plugin('ppid').service('attachments').publicMayRead(url);
  } catch (e) {
    // Fail closed: a file is not served when its visibility cannot be decided.
    strapi.log.error(`[ppid] attachment guard: ${(e as Error).message}`);
    ctx.status = 503;
    return;
  }
  if (!allowed) {
    ctx.status = 404;
    ctx.body = 'Not Found';
    return;
  }
  // Files that are public may still be cached; a decision can change when an item is unpublished.
  await next();
  if (ctx.status === 200) ctx.set('Cache-Control', 'no-cache');
};
