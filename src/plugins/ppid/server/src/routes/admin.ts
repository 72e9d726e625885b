// Admin panel routes: mounted under /ppid, admin JWT required.
export default [
  {
    method: 'GET',
    path: '/info',
    handler: 'info.describe',
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  },
];
