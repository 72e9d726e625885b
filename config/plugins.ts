export default ({ env }) => ({
  // The plugin is the npm package strapi-plugin-ppid (packages/strapi-plugin-ppid, a workspace
  // dependency of this app like any host's). PPID_ENABLED=false boots plain Strapi (the
  // benchmarks' baseline; see bench/).
  // The host types the plugin works with default to this app's own (itemType
  // 'api::information-item.information-item', dipEntryType 'api::dip-entry.dip-entry', kindType
  // 'api::information-kind.information-kind'); another host names its own, or null, under
  // `config` (packages/strapi-plugin-ppid/server/src/config/index.ts).
  ppid: {
    enabled: env.bool('PPID_ENABLED', true),
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
  // Mail (PPID notifications) only when an SMTP server is configured; off in the demo.
  ...(env('SMTP_HOST')
    ? {
        email: {
          config: {
            provider: 'nodemailer',
            providerOptions: {
              host: env('SMTP_HOST'),
              port: env.int('SMTP_PORT', 587),
              secure: env.bool('SMTP_SECURE', false),
              ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
              ...(env('SMTP_USERNAME') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } } : {}),
            },
            settings: {
              defaultFrom: env('SMTP_FROM', 'ppid@localhost'),
              defaultReplyTo: env('SMTP_REPLY_TO', env('SMTP_FROM', 'ppid@localhost')),
            },
          },
        },
      }
    : {}),
  upload: {
    config: { provider: 'local', sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 50 * 1024 * 1024) },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      landingPage: false,
      depthLimit: 10,
      amountLimit: 100,
      defaultLimit: 25,
      maxLimit: 100,
    },
  },
});
