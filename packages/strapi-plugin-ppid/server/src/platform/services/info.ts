import type { Core } from '@strapi/strapi';
import { appTypes } from '../uids';

/** Facts about the running plugin, used by the health/info route, the admin and tests. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  describe() {
    return {
      plugin: 'ppid',
      version: strapi.config.get('enabledPlugins.ppid.packageInfo.version', 'unknown') as string,
      database: strapi.db.dialect.client as string,
      // The host's types the plugin works with (config itemType, dipEntryType, kindType; null: none).
      types: appTypes(strapi),
    };
  },
});
