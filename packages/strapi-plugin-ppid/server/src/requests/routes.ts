import { open } from '../routes/helpers';

// The requests domain's routes: public content API (under /api/ppid) for applicants without an account.
export default {
  admin: [],
  contentApi: [
    {
      method: 'POST',
      path: '/requests',
      handler: 'requests.file',
      config: { ...open, middlewares: ['plugin::ppid.request-body-limit'] },
    },
    { method: 'GET', path: '/requests/:number', handler: 'requests.track', config: { ...open } },
    {
      method: 'POST',
      path: '/requests/:number/objections',
      handler: 'requests.fileObjection',
      config: { ...open, middlewares: ['plugin::ppid.request-body-limit'] },
    },
  ],
};
