import { adminAuth as auth, open } from '../routes/helpers';
import { cached } from '../public/middlewares/http-cache';

// Public reads: ETag and Cache-Control (docs/api.md, "HTTP caching"); exports are kept files
// with their own immutable caching (controllers/dip.ts publicExport).
const publicRead = { ...open, middlewares: [cached('versioned')] };

// The dip domain's routes: admin panel (under /ppid) and public content API (under /api/ppid).
export default {
  admin: [
    { method: 'GET', path: '/dip/editions', handler: 'dip.list', config: auth('dip.read') },
    { method: 'POST', path: '/dip/editions', handler: 'dip.create', config: auth('dip.manage') },
    { method: 'GET', path: '/dip/editions/:id', handler: 'dip.findOne', config: auth('dip.read') },
    { method: 'GET', path: '/dip/editions/:id/diff', handler: 'dip.diff', config: auth('dip.read') },
    { method: 'GET', path: '/dip/editions/:id/export', handler: 'dip.export', config: auth('dip.read') },
    { method: 'GET', path: '/dip/editions/:id/decree.pdf', handler: 'dip.decree', config: auth('dip.read') },
    { method: 'POST', path: '/dip/import', handler: 'dip.import', config: auth('dip.manage') },
    { method: 'GET', path: '/dip/pemutakhiran', handler: 'dip.pemutakhiran', config: auth('dip.read') },
  ],
  contentApi: [
    { method: 'GET', path: '/dip/current', handler: 'dip.publicCurrent', config: publicRead },
    { method: 'GET', path: '/dip/editions', handler: 'dip.publicList', config: publicRead },
    { method: 'GET', path: '/dip/editions/:documentId', handler: 'dip.publicFindOne', config: publicRead },
    { method: 'GET', path: '/dip/editions/:documentId/export', handler: 'dip.publicExport', config: open },
    { method: 'GET', path: '/dip/editions/:documentId/decree.pdf', handler: 'dip.publicDecree', config: open },
  ],
};
