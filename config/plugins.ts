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
  // Uploads: the local disk (public/uploads; one host, or a volume every instance mounts), or
  // with UPLOAD_PROVIDER=aws-s3 an S3-compatible bucket that every instance shares
  // (@strapi/provider-upload-aws-s3, pinned at 5.52.3, the newest the registry here offers).
  // The bucket stays PRIVATE and file URLs point at this app (`/uploads/<key>`): the plugin's
  // attachment guard decides every download and streams the object from the bucket, so an
  // attachment of an unpublished item is never reachable by a bucket URL (docs/attachments.md).
  upload: {
    config:
      env('UPLOAD_PROVIDER', 'local') === 'aws-s3'
        ? {
            provider: 'aws-s3',
            sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 50 * 1024 * 1024),
            providerOptions: {
              baseUrl: '/uploads',
              rootPath: env('S3_ROOT_PATH', ''),
              s3Options: {
                credentials: { accessKeyId: env('S3_ACCESS_KEY_ID'), secretAccessKey: env('S3_SECRET_ACCESS_KEY') },
                region: env('S3_REGION', 'us-east-1'),
                ...(env('S3_ENDPOINT') ? { endpoint: env('S3_ENDPOINT') } : {}),
                forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', !!env('S3_ENDPOINT')),
                params: { ACL: 'private', Bucket: env('S3_BUCKET'), signedUrlExpires: 60 },
              },
            },
          }
        : { provider: 'local', sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 50 * 1024 * 1024) },
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
