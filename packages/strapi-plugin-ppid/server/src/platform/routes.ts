import { adminAuth as auth, open } from '../routes/helpers';

// The platform domain's routes: admin panel (under /ppid) and public content API (under /api/ppid).
export default {
  admin: [
    { method: 'GET', path: '/info', handler: 'info.describe', config: auth() },
    // The first-run checklist of the body's administrator (core/setup.ts).
    { method: 'GET', path: '/setup/checklist', handler: 'settings.checklist', config: auth('settings.manage') },
  ],
  contentApi: [
    { method: 'GET', path: '/info', handler: 'info.describe', config: open },
  ],
};
