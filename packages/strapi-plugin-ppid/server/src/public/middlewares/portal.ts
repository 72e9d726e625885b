import type { Context, Next } from 'koa';

/**
 * The reference public page lives in the app's public/portal/ (served by `strapi::public`).
 * Its static server answers `/portal` with the index file too, but there the page's relative
 * links (portal.css, portal.js) would resolve against `/`; so `/portal` is redirected to
 * `/portal/`, keeping the query (`/portal?lang=en` → `/portal/?lang=en`).
 * Enabled in config/middlewares.ts as `plugin::ppid.portal` (config `{ path }`, default '/portal').
 */
export const portal = (config: { path?: string } = {}) => {
  const path = (config.path || '/portal').replace(/\/+$/, '');
  return async (ctx: Context, next: Next) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path === path) {
      ctx.status = 301;
      ctx.redirect(`${path}/${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      return;
    }
    await next();
  };
};
