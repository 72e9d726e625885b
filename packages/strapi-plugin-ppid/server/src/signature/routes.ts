import { adminAuth as auth, open } from '../routes/helpers';
import { cached } from '../public/middlewares/http-cache';

// The signature domain's routes: admin panel (under /ppid) and public content API (under /api/ppid).
export default {
  admin: [
    { method: 'GET', path: '/runs/:id/form.pdf', handler: 'verification.form', config: auth('runs.read') },
    { method: 'POST', path: '/verify', handler: 'verification.verify', config: auth('verify') },
  ],
  contentApi: [
    // Multipart upload of one PDF: its own rate-limit bucket; the 413 comes earlier (early-body-limit.ts).
    {
      method: 'POST',
      path: '/verify/pdf',
      handler: 'verification.verifyPdf',
      config: { ...open, middlewares: [{ name: 'plugin::ppid.request-rate-limit', config: { bucket: 'verify' } }] },
    },
    { method: 'GET', path: '/verify/:code', handler: 'verification.publicVerify', config: { ...open, middlewares: [cached('content', ['Accept'])] } },
    { method: 'GET', path: '/checkpoints/latest', handler: 'checkpoints.latest', config: { ...open, middlewares: [cached('content')] } },
    { method: 'GET', path: '/checkpoints', handler: 'checkpoints.list', config: { ...open, middlewares: [cached('content')] } },
  ],
};
