import { open } from '../routes/helpers';
import { cached } from './middlewares/http-cache';

// The public domain's routes: admin panel (under /ppid) and public content API (under /api/ppid).
export default {
  admin: [],
  contentApi: [
    { method: 'GET', path: '/publications/:documentId', handler: 'public.publication', config: { ...open, middlewares: [cached('versioned')] } },
    { method: 'GET', path: '/keys', handler: 'public.keys', config: { ...open, middlewares: [cached('content')] } },
  ],
};
