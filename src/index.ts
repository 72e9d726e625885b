import type { Core } from '@strapi/strapi';

// All PPID behaviour lives in the `ppid` plugin (the package strapi-plugin-ppid, packages/strapi-plugin-ppid). The app only runs what
// must wait until every plugin has bootstrapped (users-permissions creates its roles late).
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // PPID_ENABLED=false (the benchmarks' plain-Strapi baseline): the app's relations to plugin
    // types (unit) are dropped so the app still boots. Never on a real database: schema sync
    // would drop those link tables.
    if (strapi.plugin('ppid')) return;
    for (const model of [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)] as any[]) {
      for (const [name, attr] of Object.entries<any>(model.attributes ?? {})) {
        if (String(attr?.target ?? '').startsWith('plugin::ppid.')) delete model.attributes[name];
      }
    }
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // The plugin can be switched off (PPID_ENABLED=false, config/plugins.ts).
    const ppid = strapi.plugin('ppid');
    if (!ppid) return;
    await ppid.service('access').grantPublicRead();
    await ppid.service('access').seedDemo();
  },
};
