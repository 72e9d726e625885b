// Route configs shared by every domain's routes.ts.

/**
 * Admin panel routes (mounted under /ppid): an admin JWT and, where the route is a page of its
 * own, the plugin permission for that page. Acts are not permission-gated here: who may act is
 * decided by the SOP role mapping, in the workflow engine.
 */
export const adminAuth = (...actions: string[]) => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    ...(actions.length ? [{ name: 'admin::hasPermissions', config: { actions: actions.map((a) => `plugin::ppid.${a}`) } }] : []),
  ],
});

/** Public routes (mounted under /api/ppid): public on purpose, returning only facts safe for anyone. */
export const open = { auth: false as const };
