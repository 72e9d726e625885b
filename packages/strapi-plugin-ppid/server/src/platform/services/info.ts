import type { Core } from '@strapi/strapi';
import { appTypes } from '../uids';
import { appliedMigrations, migrationsRanAtBoot } from '../migrations';

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
  /** The plugin migrations applied to this database, and those this instance's boot ran. */
  async migrations() {
    return { applied: await appliedMigrations(strapi), ranAtBoot: migrationsRanAtBoot(strapi) };
  },
});
