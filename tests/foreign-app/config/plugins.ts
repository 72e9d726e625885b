// The host enables the PPID plugin like any other installed plugin.
export default ({ env }) => ({
  ppid: {
    enabled: true,
    // Only because this fixture borrows Strapi from the repository's workspace: Strapi looks
    // installed plugins up from its own folder, which here is the workspace's node_modules (where
    // strapi-plugin-ppid is the workspace package), so the test points it at the copy npm installed
    // from the tarball. A real host, with Strapi in its own node_modules, writes no `resolve`.
    resolve: './node_modules/strapi-plugin-ppid',
    config: {
      instansi: 'Pemerintah Kabupaten Contoh',
      unit: 'Dinas Komunikasi dan Informatika',
      alamat: 'Jl. Contoh No. 1',
      tempat: 'Contoh',
    },
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
  graphql: {
    config: { endpoint: '/graphql', shadowCRUD: true, landingPage: false },
  },
});
