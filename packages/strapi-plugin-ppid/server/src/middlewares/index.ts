import { portal } from '../public/middlewares/portal';
import { httpCache, httpCachePrecheck } from '../public/middlewares/http-cache';
import { requestBodyLimit } from '../requests/middlewares/body-limit';
import { requestRateLimit } from '../requests/middlewares/rate-limit';

// Koa middlewares the app can enable by name in config/middlewares.ts (`plugin::ppid.<name>`).
// The document service middlewares (governance, official-nip, dip-freeze) are registered in
// register.ts instead.
// `http-cache` is a route middleware: the plugin's public routes name it, and register.ts adds it
// to the app's REST reads.
// `http-cache-precheck` answers the same 304s before routing (config/middlewares.ts).
// `request-body-limit` is the 413 of the public request routes, `request-rate-limit` their
// per-address 429 (requests/routes.ts).
export default {
  portal,
  'http-cache': httpCache,
  'http-cache-precheck': httpCachePrecheck,
  'request-body-limit': requestBodyLimit,
  'request-rate-limit': requestRateLimit,
};
