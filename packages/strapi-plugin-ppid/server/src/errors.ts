// The plugin's errors. Strapi turns ValidationError/ForbiddenError/NotFoundError into clean
// 400/403/404 answers; it has no conflict class, so 409 is an http-errors error, which
// Strapi's error middleware formats the same way (status, name, message, details).
import { errors } from '@strapi/utils';
import createError from 'http-errors';

export type ErrorDetails = Record<string, unknown>;

export const badRequest = (message: string, details?: ErrorDetails) => new errors.ValidationError(message, details);
// PolicyError is Strapi's ForbiddenError whose message survives to the client (a bare
// ForbiddenError thrown inside a route is replaced by a blank 403).
export const forbidden = (message: string, details?: ErrorDetails) => new errors.PolicyError(message, details);
export const notFound = (message: string, details?: ErrorDetails) => new errors.NotFoundError(message, details);
export const conflict = (message: string, details?: ErrorDetails) =>
  createError(409, message, { name: 'ConflictError', details: details ?? {}, expose: true });

/** A field error in Strapi's own shape, so the admin panel highlights the field. */
export const fieldError = (path: string, message: string) =>
  new errors.ValidationError(`${path}: ${message}`, { errors: [{ path: path.split('.'), message, name: 'ValidationError' }] });

export const isHttpError = (e: unknown): e is { status: number } =>
  !!e && typeof e === 'object' && typeof (e as { status?: unknown }).status === 'number';

/** 429: the caller must wait (e.g. signing locked after wrong passwords); details say how long. */
export const tooManyRequests = (message: string, details?: ErrorDetails) =>
  createError(429, message, { name: 'TooManyRequestsError', details: details ?? {}, expose: true });

/**
 * The HTTP status Strapi's error middleware would answer for this error (its own mapping of
 * application errors, 400 by default; http-errors carry theirs), or null for anything else.
 * Used where one request reports several outcomes (bulk acts).
 */
export function statusOf(e: unknown): number | null {
  if (isHttpError(e)) return e.status;
  if (!(e instanceof errors.ApplicationError)) return null;
  if (e instanceof errors.UnauthorizedError) return 401;
  if (e instanceof errors.ForbiddenError) return 403;
  if (e instanceof errors.NotFoundError) return 404;
  if (e instanceof errors.PayloadTooLargeError) return 413;
  if (e instanceof errors.RateLimitError) return 429;
  if (e instanceof errors.NotImplementedError) return 501;
  return 400;
}
