// Public routes, mounted under /api/ppid. Each is public on purpose and returns only facts that
// are safe for anyone (about published, not excluded items).
const open = { auth: false as const };

export default [
  { method: 'GET', path: '/info', handler: 'info.describe', config: open },
  { method: 'GET', path: '/publications/:documentId', handler: 'public.publication', config: open },
  { method: 'GET', path: '/keys', handler: 'public.keys', config: open },
  { method: 'GET', path: '/verify/:code', handler: 'verification.publicVerify', config: open },
  // Signed checkpoints of the chain head, for anyone to keep (docs/signature-records.md).
  { method: 'GET', path: '/checkpoints/latest', handler: 'checkpoints.latest', config: open },
  { method: 'GET', path: '/checkpoints', handler: 'checkpoints.list', config: open },
  // The DIP: established editions only.
  { method: 'GET', path: '/dip/current', handler: 'dip.publicCurrent', config: open },
  { method: 'GET', path: '/dip/editions', handler: 'dip.publicList', config: open },
  { method: 'GET', path: '/dip/editions/:documentId', handler: 'dip.publicFindOne', config: open },
  { method: 'GET', path: '/dip/editions/:documentId/export', handler: 'dip.publicExport', config: open },
  { method: 'GET', path: '/dip/editions/:documentId/decree.pdf', handler: 'dip.publicDecree', config: open },
];
