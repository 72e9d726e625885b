import type { Context, Next } from 'koa';

/**
 * Strapi's error bodies carry no headers, so a 429 of the plugin (errors.ts tooManyRequests,
 * e.g. signing locked after wrong passwords) gets its `Retry-After` here, from the
 * `retryAfterSeconds` its details already state. Registered outside Strapi's error middleware
 * (register.ts), so it sees the formatted answer.
 */
export const retryAfter = () => async (ctx: Context, next: Next) => {
  await next();
  if (ctx.status !== 429) return;
  const error = (ctx.body as { error?: { name?: string; details?: { retryAfterSeconds?: unknown } } } | null)?.error;
  const seconds = error?.details?.retryAfterSeconds;
  if (error?.name !== 'TooManyRequestsError' || typeof seconds !== 'number' || !Number.isFinite(seconds)) return;
  ctx.set('Retry-After', String(Math.max(1, Math.ceil(seconds))));
};
