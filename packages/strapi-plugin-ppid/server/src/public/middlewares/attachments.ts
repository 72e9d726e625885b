import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { posix } from 'path';
import { adminMayReadFiles } from '../../platform/middlewares/admin-files';
import { getService } from '../../services/get-service';
import { bucketOf, onLocalDisk, serveFromBucket } from '../services/bucket';

/**
 * In front of every download of an uploaded file (`/uploads/*`, served by Strapi's upload route
 * and by `strapi::public` from public/uploads): a file attached to governed items that are not
 * public (drafts, in review, returned, unpublished, excluded) answers 404, as if it did not
 * exist. The decision is services/attachments.ts, over the public guard. Registered by the
 * plugin itself (register.ts, `strapi.server.use`), so it stands before the app's middlewares
 * whatever config/middlewares.ts says. The admin panel reads files the same way (by URL): an
 * officer whose admin session cookie is valid and who holds media-library read gets hidden
 * files too, never cached outside the browser (middlewares/admin-files.ts).
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
    allowed = await getService(strapi, 'attachments').publicMayRead(url);
  } catch (e) {
    // Fail closed: a file is not served when its visibility cannot be decided.
    strapi.log.error(`[ppid] attachment guard: ${(e as Error).message}`);
    ctx.status = 503;
    return;
  }
  let forAdmin = false;
  if (!allowed) {
    try {
      forAdmin = await adminMayReadFiles(strapi, ctx);
    } catch (e) {
      strapi.log.error(`[ppid] attachment guard (admin): ${(e as Error).message}`);
    }
  }
  if (!allowed && !forAdmin) {
    ctx.status = 404;
    ctx.body = 'Not Found';
    return;
  }
  // Files that are public may still be cached; a decision can change when an item is unpublished.
  // With a bucket (UPLOAD_PROVIDER=aws-s3) the object is streamed from it: the bucket itself is private.
  const bucket = bucketOf(strapi);
  if (bucket && !onLocalDisk(strapi, url)) await serveFromBucket(strapi, bucket, ctx, url.slice(prefix.length));
  else await next();
  if (forAdmin) {
    // A hidden file seen by an officer: no shared cache may keep it for the public.
    ctx.set('Cache-Control', 'private, no-store');
    ctx.vary('Cookie');
  } else if (ctx.status === 200) ctx.set('Cache-Control', 'no-cache');
};
