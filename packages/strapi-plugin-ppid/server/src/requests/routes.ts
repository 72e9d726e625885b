import { adminAuth as auth, open } from '../routes/helpers';

// The requests domain's routes: the registers and the annual report (admin panel, under /ppid,
// behind registers.read) and the public content API (under /api/ppid) for applicants without an account.
export default {
  admin: [
    { method: 'GET', path: '/registers/:name', handler: 'registers.register', config: auth('registers.read') },
    { method: 'GET', path: '/reports/annual/:year', handler: 'registers.annual', config: auth('registers.read') },
    { method: 'POST', path: '/reports/annual/:year/propose', handler: 'registers.propose', config: auth('registers.read') },
  ],
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
