import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * Admin officers' browsers load `/uploads/*` as plain <img>/links (media library, Content
 * Manager), without the Authorization header, and Strapi keeps the admin access token in memory
 * and its refresh cookie on path /admin only: nothing of the admin session reaches /uploads. So
 * each time the admin panel obtains or proves an access token (login, token refresh,
 * /admin/users/me), the same short-lived access token is also set as an httpOnly cookie scoped to
 * the uploads path (docs/attachments.md). The attachment guard accepts it for a non-public file
 * only after the checks of Strapi's own admin strategy: signature and expiry, active session,
 * active user, and the user's `plugin::upload.read`.
 */
export const ADMIN_FILES_COOKIE = 'ppid_admin_files';

const TOKEN_ROUTES = new Set(['/admin/login', '/admin/access-token', '/admin/register-admin', '/admin/register', '/admin/reset-password']);

const cookieOptions = (strapi: Core.Strapi, ctx: Context, prefix: string) => {
  const configured = strapi.config.get('admin.auth.cookie.secure');
  // As Strapi's refresh cookie: secure in production over https, unless configured.
  const secure = typeof configured === 'boolean' ? configured : process.env.NODE_ENV === 'production' && ctx.request.secure;
  return {
    httpOnly: true,
    secure,
    sameSite: (strapi.config.get('admin.auth.cookie.sameSite') as 'lax' | 'strict' | 'none' | undefined) ?? 'lax',
    path: prefix.replace(/\/$/, ''),
    overwrite: true,
  };
};

type Manager = (origin: string) => { validateAccessToken(t: string): { isValid: boolean; payload: any }; isSessionActive(id: string): Promise<boolean> };
const manager = (strapi: Core.Strapi) => ((strapi as any).sessionManager as Manager | undefined)?.('admin');

/** Sets/clears the uploads cookie around the admin routes that issue or prove an access token. */
export const adminFilesCookie = (strapi: Core.Strapi, prefix = '/uploads/') => async (ctx: Context, next: Next) => {
  await next();
  if (!ctx.path.startsWith('/admin/')) return;
  const opts = cookieOptions(strapi, ctx, prefix);
  if (ctx.path === '/admin/logout') {
    ctx.cookies.set(ADMIN_FILES_COOKIE, '', { ...opts, expires: new Date(0) });
    return;
  }
  if (ctx.status !== 200) return;
  let token: unknown;
  if (ctx.method === 'POST' && TOKEN_ROUTES.has(ctx.path)) token = (ctx.body as any)?.data?.token;
  else if (ctx.method === 'GET' && ctx.path === '/admin/users/me' && (ctx.state as any).auth?.strategy?.name === 'admin') {
    token = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
  }
  if (typeof token !== 'string' || !token) return;
  const checked = manager(strapi)?.validateAccessToken(token);
  if (!checked?.isValid || typeof checked.payload?.exp !== 'number') return;
  // Dies with the access token; the panel refreshes both through /admin/access-token.
  try {
    ctx.cookies.set(ADMIN_FILES_COOKIE, token, { ...opts, expires: new Date(checked.payload.exp * 1000) });
  } catch (e) {
    // koa refuses a secure cookie over plain http behind a misconfigured proxy: no cookie then.
    strapi.log.warn(`[ppid] admin files cookie: ${(e as Error).message}`);
  }
};

/**
 * Whether this request carries a valid admin session (the uploads cookie) of an active user who
 * may read the media library. Content-API tokens never count: they are not admin access tokens.
 */
export async function adminMayReadFiles(strapi: Core.Strapi, ctx: Context): Promise<boolean> {
  const token = ctx.cookies.get(ADMIN_FILES_COOKIE);
  if (!token) return false;
  const m = manager(strapi);
  if (!m) return false;
  const result = m.validateAccessToken(token);
  if (!result.isValid || !result.payload?.sessionId) return false;
  if (!(await m.isSessionActive(result.payload.sessionId))) return false;
  const raw = result.payload.userId;
  const num = Number(raw);
  const id = Number.isFinite(num) && String(num) === String(raw) ? num : raw;
  const user = await strapi.db.query('admin::user').findOne({ where: { id }, populate: ['roles'] });
  if (!user || user.isActive !== true) return false;
  const ability = await (strapi as any).admin.services.permission.engine.generateUserAbility(user);
  return ability.can('plugin::upload.read');
}
