// Bahasa Indonesia first, English beside it.
// Strapi's own Indonesian strings are incomplete; translations/id.json completes them for every
// screen an officer meets (see scripts/admin-translations-missing.js and the README).
import id from './translations/id.json';

const LANGUAGE_KEY = 'strapi-admin-language'; // Strapi's own key for the interface language

export default {
  config: {
    locales: ['id', 'en'],
    // Merged over Strapi's built-in strings; plugin keys carry the plugin id ("upload.…").
    translations: { id },
    tutorials: false,
    notifications: { releases: false },
  },
  register() {
    // Strapi defaults to English; a civil servant opening the panel the first time gets
    // Bahasa Indonesia. A language chosen in the profile page is kept.
    try {
      if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'id');
    } catch {
      /* storage unavailable: Strapi's default applies */
    }
  },
  bootstrap() {},
};
