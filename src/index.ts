import type { Core } from '@strapi/strapi';

// All PPID behaviour lives in the `ppid` plugin (src/plugins/ppid). The app only runs what
// must wait until every plugin has bootstrapped (users-permissions creates its roles late).
export default {
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('ppid').service('access').grantPublicRead();
    await strapi.plugin('ppid').service('access').seedDemo();
  },
};
