import { adminAuth as auth } from '../routes/helpers';

// The kop (letterhead) of printed documents: the body's and a unit's own.
export default {
  admin: [
    { method: 'GET', path: '/settings/kop', handler: 'kop.get', config: auth('settings.manage') },
    { method: 'PUT', path: '/settings/kop', handler: 'kop.put', config: auth('settings.manage') },
    { method: 'PUT', path: '/settings/kop/units/:unit', handler: 'kop.putUnit', config: auth('settings.manage') },
    { method: 'DELETE', path: '/settings/kop/units/:unit', handler: 'kop.deleteUnit', config: auth('settings.manage') },
  ],
  contentApi: [],
};
