import { adminAuth as auth, open } from '../routes/helpers';

// The signature domain's routes: admin panel (under /ppid) and public content API (under /api/ppid).
export default {
  admin: [
    { method: 'GET', path: '/runs/:id/form.pdf', handler: 'verification.form', config: auth('runs.read') },
    { method: 'POST', path: '/verify', handler: 'verification.verify', config: auth('verify') },
  ],
  contentApi: [
    { method: 'GET', path: '/verify/:code', handler: 'verification.publicVerify', config: open },
    { method: 'GET', path: '/checkpoints/latest', handler: 'checkpoints.latest', config: open },
    { method: 'GET', path: '/checkpoints', handler: 'checkpoints.list', config: open },
  ],
};
