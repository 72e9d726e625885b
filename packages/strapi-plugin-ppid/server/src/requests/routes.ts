import { open } from '../routes/helpers';

// The requests domain's routes: public content API (under /api/ppid) for applicants without an
// account. Each door has its own per-address limit (counted first: refused attempts count too).
const limit = (bucket: 'file' | 'objection' | 'track') => ({ name: 'plugin::ppid.request-rate-limit', config: { bucket } });

export default {
  admin: [],
  contentApi: [
    {
      method: 'POST',
      path: '/requests',
      handler: 'requests.file',
      config: { ...open, middlewares: [limit('file'), 'plugin::ppid.request-body-limit'] },
    },
    { method: 'GET', path: '/requests/:number', handler: 'requests.track', config: { ...open, middlewares: [limit('track')] } },
    {
      method: 'POST',
      path: '/requests/:number/objections',
      handler: 'requests.fileObjection',
      config: { ...open, middlewares: [limit('objection'), 'plugin::ppid.request-body-limit'] },
    },
  ],
};
