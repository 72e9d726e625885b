import { adminAuth as auth, open } from '../routes/helpers';

// The requests domain's routes: public content API (under /api/ppid) for applicants without an
// account; admin routes (under /ppid) for the officials who answer objections.
export default {
  admin: [
    { method: 'GET', path: '/objections/:id', handler: 'objections.get', config: auth('objections.manage') },
    { method: 'PUT', path: '/objections/:id/answer', handler: 'objections.answer', config: auth('objections.manage') },
    { method: 'PUT', path: '/objections/:id/dispute', handler: 'objections.dispute', config: auth('objections.manage') },
    { method: 'PUT', path: '/objections/:id/dispute/outcome', handler: 'objections.disputeOutcome', config: auth('objections.manage') },
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
    { method: 'GET', path: '/requests/:number/objections/:objection/answer', handler: 'requests.objectionAnswer', config: { ...open } },
  ],
};
