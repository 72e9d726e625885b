export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: { keys: env.array('APP_KEYS') },
  // Behind a reverse proxy (docs/deployment.md): TRUST_PROXY=true makes Koa take the client's
  // address and scheme from X-Forwarded-For/-Proto (login rate limit, signing attempts' IP,
  // Secure cookies over TLS ended at nginx). Never when the app is reachable without the proxy.
  proxy: { koa: env.bool('TRUST_PROXY', false) },
  logger: { updates: { enabled: false }, startup: { enabled: env.bool('STARTUP_MESSAGE', true) } },
});
