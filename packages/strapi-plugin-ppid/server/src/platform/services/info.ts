import type { Core } from '@strapi/strapi';

/** Facts about the running plugin, used by the health/info route and by tests. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  describe() {
    return {
      plugin: 'ppid',
      version: strapi.config.get('enabledPlugins.ppid.packageInfo.version', 'unknown') as string,
      database: strapi.db.dialect.client as string,
    };
  },
});
