import { adminAuth as auth } from '../routes/helpers';

// The body's settings for printed documents: the kop (letterhead), the body's and a unit's own; the time zone.
export default {
  admin: [
    { method: 'GET', path: '/settings/kop', handler: 'kop.get', config: auth('settings.manage') },
    { method: 'PUT', path: '/settings/kop', handler: 'kop.put', config: auth('settings.manage') },
    { method: 'PUT', path: '/settings/kop/units/:unit', handler: 'kop.putUnit', config: auth('settings.manage') },
    { method: 'DELETE', path: '/settings/kop/units/:unit', handler: 'kop.deleteUnit', config: auth('settings.manage') },
    // The body's time zone (WIB / WITA / WIT); a unit's own is the unit's timeZone field.
    { method: 'GET', path: '/settings/time-zone', handler: 'kop.getTimeZone', config: auth('settings.manage') },
    { method: 'PUT', path: '/settings/time-zone', handler: 'kop.putTimeZone', config: auth('settings.manage') },
  ],
  contentApi: [],
};
