// Bahasa Indonesia first, English beside it.
export default {
  config: {
    locales: ['id', 'en'],
    translations: {},
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap() {},
};
