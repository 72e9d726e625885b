export default ({ env }) => ({
  ppid: {
    enabled: true,
    resolve: './src/plugins/ppid',
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
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
