// Bahasa Indonesia first, English beside it.
const LANGUAGE_KEY = 'strapi-admin-language'; // Strapi's own key for the interface language

export default {
  config: {
    locales: ['id', 'en'],
    translations: {},
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
