import { adminAuth as auth } from '../routes/helpers';

// The notifications domain's routes: admin panel (under /ppid) and public content API (under /api/ppid).
export default {
  admin: [
    { method: 'GET', path: '/notifications', handler: 'notifications.mine', config: auth() },
    { method: 'GET', path: '/notifications/preferences', handler: 'notifications.getPreferences', config: auth() },
    { method: 'PUT', path: '/notifications/preferences', handler: 'notifications.setPreferences', config: auth() },
    { method: 'POST', path: '/notifications/:id/read', handler: 'notifications.read', config: auth() },
    { method: 'GET', path: '/reports/:name', handler: 'reports.get', config: auth('reports.read') },
  ],
  contentApi: [],
};
