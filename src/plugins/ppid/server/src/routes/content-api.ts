// Public routes: mounted under /api/ppid. Each is public on purpose and returns only facts
// that are safe for anyone (published, not excluded).
export default [
  { method: 'GET', path: '/info', handler: 'info.describe', config: { auth: false } },
];
