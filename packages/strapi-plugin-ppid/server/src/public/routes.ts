import { open } from '../routes/helpers';

// The public domain's routes: admin panel (under /ppid) and public content API (under /api/ppid).
export default {
  admin: [],
  contentApi: [
    { method: 'GET', path: '/publications/:documentId', handler: 'public.publication', config: open },
    { method: 'GET', path: '/keys', handler: 'public.keys', config: open },
  ],
};
