import fs from 'fs';
import path from 'path';
import { createHmac, randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { httpCacheConfig, type HttpCacheConfig } from '../../config';
import { getService } from '../../services/get-service';
import { pluginRoot } from '../../platform/plugin-root';

/**
 * HTTP caching of the public reads (docs/api.md, "HTTP caching"): a strong ETag, 304 on a
 * matching If-None-Match, and `Cache-Control: public, max-age=<httpCache.maxAge>`. Kept apart
 * from the public guard (services/public-filter.ts): the guard decides what an answer holds,
 * this only labels answers and confirms them.
 *
 * Two kinds of tag:
 * - `versioned` (REST reads of the app's types, DIP current/editions, publications): the tag is
 *   an HMAC of the publication version (services/publication-version.ts), the path with its
 *   query string and the plugin's release. It is known before the answer is computed, so a
 *   matching conditional request is answered 304 from one indexed read, without running the
 *   query. Safe because the version is read before the answer and every public change bumps it
 *   in its own transaction: a tag issued for an answer is confirmed only while nothing public has
 *   changed since, and only for the URL it was issued for.
 * - `content` (verification pages, checkpoints, keys: their state is not publication state): an
 *   HMAC of the bytes of the answer, computed after it. The verification page prints when it was
 *   checked, so its tag covers the verdict only and is weak (`W/"…"`).
 *
 * Hostile rules: a tag is issued only on a 200 to a request without credentials; it is keyed
 * with the app's secret (APP_KEYS), so nobody can forge the tag of a URL they were never given a
 * 200 for, and it reveals no id or version. Errors (404 for a draft, an excluded or an unknown
 * item alike) carry no ETag and `no-store`. A request with `Authorization` gets no tag and
 * `private, no-store`: its answer may differ from the public one (a token's own permissions).
 */
export type CacheMode = 'versioned' | 'content';

// Part of every tag: a new release may render the same data differently.
let release: string | null = null;
const RELEASE = () => {
  if (release !== null) return release;
  try {
    release = String(JSON.parse(fs.readFileSync(path.join(pluginRoot(), 'package.json'), 'utf8')).version ?? '');
  } catch {
    release = '';
  }
  return release;
};

let cachedKey: Buffer | null = null;
function tagKey(strapi: Core.Strapi): Buffer {
  if (cachedKey) return cachedKey;
  const keys = strapi.config.get('server.app.keys') as string[] | string | undefined;
  const secret = Array.isArray(keys) ? keys.join(',') : keys;
  // Without app keys every process has its own key: tags then differ per instance, still correct.
  cachedKey = secret ? createHmac('sha256', 'ppid-etag').update(secret).digest() : randomBytes(32);
  return cachedKey;
}

/** A strong entity tag: 22 base64url characters of an HMAC; nothing readable in it. */
export function makeTag(strapi: Core.Strapi, parts: (string | Buffer)[]): string {
  const h = createHmac('sha256', tagKey(strapi));
  h.update(RELEASE());
  for (const p of parts) h.update('\u0000').update(p);
  return `"${h.digest('base64url').slice(0, 22)}"`;
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" matches "x". */
export function ifNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const strong = tag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === strong);
}

export function cacheSettings(strapi: Core.Strapi): HttpCacheConfig {
  return httpCacheConfig(strapi.plugin('ppid').config('httpCache'));
}

export const hasCredentials = (ctx: Context) => !!ctx.get('authorization');

/** Headers of a public answer that may be kept (and of its 304). */
export function setPublic(ctx: Context, tag: string, cacheControl: string, vary: string[] = []) {
  ctx.set('ETag', tag);
  ctx.set('Cache-Control', cacheControl);
  for (const v of ['Authorization', ...vary]) ctx.vary(v);
}

export function setPrivate(ctx: Context) {
  ctx.remove('ETag');
  ctx.set('Cache-Control', 'private, no-store');
  ctx.vary('Authorization');
}

/** 304: no body, the validators and caching headers of the 200 it stands for. */
export function notModified(ctx: Context, tag: string, cacheControl: string, vary: string[] = []) {
  ctx.status = 304;
  ctx.body = null;
  setPublic(ctx, tag, cacheControl, vary);
}

function bodyBytes(ctx: Context): Buffer | null {
  const b: unknown = ctx.body;
  if (b == null) return null;
  if (Buffer.isBuffer(b)) return b;
  if (typeof b === 'string') return Buffer.from(b);
  if (typeof (b as any).pipe === 'function') return null; // a stream: not tagged
  return Buffer.from(JSON.stringify(b));
}

/**
 * The route middleware (`plugin::ppid.http-cache`, config `{ mode, vary? }`). Added to the
 * plugin's public routes in their routes.ts and, in register.ts, to the app's REST find/findOne
 * routes.
 */
export const httpCache = (config: { mode?: CacheMode; vary?: string[] } = {}, { strapi }: { strapi: Core.Strapi }) => {
  const mode: CacheMode = config.mode ?? 'versioned';
  const vary = config.vary ?? [];
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const settings = cacheSettings(strapi);
    if (!settings.enabled) return next();
    if (hasCredentials(ctx)) {
      await next();
      setPrivate(ctx);
      return;
    }
    const cacheControl = `public, max-age=${settings.maxAge}`;
    let tag: string | null = null;
    if (mode === 'versioned') {
      // Read before the answer: the answer is then at least as new as the version it is tagged with.
      const version = await getService(strapi, 'publication-version').version();
      tag = makeTag(strapi, ['v', version, ctx.path, ctx.querystring, ...vary.map((h) => ctx.get(h))]);
      if (ifNoneMatch(ctx.get('if-none-match'), tag)) return notModified(ctx, tag, cacheControl, vary);
    }
    try {
      await next();
    } catch (e) {
      ctx.set('Cache-Control', 'no-store');
      throw e;
    }
    if (ctx.status !== 200) {
      // 404s alike whatever the reason (draft, excluded, unknown): no tag, not kept.
      ctx.remove('ETag');
      ctx.set('Cache-Control', 'no-store');
      return;
    }
    if (mode === 'content') {
      // A route whose answer carries the moment it was made (the verification page's "checked
      // at") names what its tag covers instead; that tag is weak (RFC 9110 §8.8.1): same verdict,
      // not the same bytes.
      const basis: unknown = ctx.state?.ppidCacheBasis;
      const bytes = typeof basis === 'string' ? Buffer.from(basis) : bodyBytes(ctx);
      if (!bytes) return;
      tag = makeTag(strapi, ['c', String(ctx.type), bytes]);
      if (typeof basis === 'string') tag = `W/${tag}`;
      if (ifNoneMatch(ctx.get('if-none-match'), tag)) return notModified(ctx, tag, cacheControl, vary);
    }
    setPublic(ctx, tag!, cacheControl, vary);
  };
};

/**
 * The same 304 earlier, before routing and authentication (`plugin::ppid.http-cache-precheck`,
 * placed in config/middlewares.ts after `strapi::cors` and `strapi::query`, so a 304 still carries
 * the CORS and security headers): a conditional GET to `/api/…` without credentials whose tag is
 * the versioned tag of this very path and query string at the current version. Safe before the
 * route: such a tag is only ever issued on a 200 of a versioned public read of that URL, and
 * every change that could alter that answer bumps the version, the public role's permissions
 * included (services/publication-version.ts). Anything else goes on to the route unchanged.
 */
export const httpCachePrecheck = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => async (ctx: Context, next: Next) => {
  if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith('/api/')) return next();
  const header = ctx.get('if-none-match');
  if (!header || hasCredentials(ctx)) return next();
  const settings = cacheSettings(strapi);
  if (!settings.enabled) return next();
  const version = await getService(strapi, 'publication-version').version();
  const tag = makeTag(strapi, ['v', version, ctx.path, ctx.querystring]);
  if (ifNoneMatch(header, tag)) return notModified(ctx, tag, `public, max-age=${settings.maxAge}`);
  return next();
};

/** The route config entry for a plugin route. */
export const cached = (mode: CacheMode = 'versioned', vary?: string[]) => ({ name: 'plugin::ppid.http-cache', config: { mode, ...(vary ? { vary } : {}) } });

const FIND = /^api::[^.]+\.[^.]+\.(find|findOne)$/;

/**
 * register(): the app's REST reads (`GET /api/<type>` and `/api/<type>/:id`, handlers
 * `api::x.x.find|findOne`) get the middleware, whatever router file declares them (core routers
 * and custom ones). GraphQL is not covered (POST).
 */
export function cacheContentApiReads(strapi: Core.Strapi) {
  const add = (router: any) => {
    for (const route of router?.routes ?? []) {
      if (String(route.method).toUpperCase() !== 'GET' || typeof route.handler !== 'string' || !FIND.test(route.handler)) continue;
      const cfg = route.config ?? {};
      route.config = { ...cfg, middlewares: [...(cfg.middlewares ?? []), cached('versioned')] };
    }
    return router;
  };
  for (const api of Object.values<any>((strapi as any).apis ?? {})) {
    for (const [name, router] of Object.entries<any>(api.routes ?? {})) {
      if (typeof router === 'function') api.routes[name] = (...args: unknown[]) => add(router(...args));
      else add(router);
    }
  }
}
