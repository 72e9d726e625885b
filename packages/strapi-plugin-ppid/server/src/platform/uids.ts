import type { Core } from '@strapi/strapi';
import { APP_TYPE_DEFAULTS, APP_TYPE_KEYS, resolveAppTypes, type AppTypeKey, type AppTypes } from '../config';

// One name for each plugin type, so a typo is a compile error rather than a runtime 500.
export const UID = {
  unit: 'plugin::ppid.unit',
  official: 'plugin::ppid.official',
  sop: 'plugin::ppid.sop',
  roleMapping: 'plugin::ppid.role-mapping',
  delegation: 'plugin::ppid.delegation',
  binding: 'plugin::ppid.binding',
  run: 'plugin::ppid.run',
  stepLog: 'plugin::ppid.step-log',
  record: 'plugin::ppid.signature-record',
  counter: 'plugin::ppid.counter',
  dipEdition: 'plugin::ppid.dip-edition',
  notification: 'plugin::ppid.notification',
  notificationPreference: 'plugin::ppid.notification-preference',
  classificationRule: 'plugin::ppid.classification-rule',
  consequenceTest: 'plugin::ppid.consequence-test',
  excludedInformation: 'plugin::ppid.excluded-information',
  checkpoint: 'plugin::ppid.checkpoint',
  signingAttempt: 'plugin::ppid.signing-attempt',
  dipFile: 'plugin::ppid.dip-file',
  informationRequest: 'plugin::ppid.information-request',
  objection: 'plugin::ppid.objection',
} as const;

/**
 * The host app's types the plugin works with (config keys itemType, dipEntryType, kindType;
 * config/index.ts), as resolved at register: a uid, or null when the host has none (the
 * feature that needs it is off). The one way to name them: never hard-code an `api::` uid.
 */
export function appTypes(strapi: Core.Strapi): AppTypes {
  const c = (key: AppTypeKey) => (strapi.config.get(`plugin::ppid.${key}`, null) as string | null) ?? null;
  return { itemType: c('itemType'), dipEntryType: c('dipEntryType'), kindType: c('kindType') };
}

/** Resolves and checks the app types (register): a bad key stops the boot naming it. */
export function installAppTypes(strapi: Core.Strapi): AppTypes {
  const config = (strapi.config.get('plugin::ppid', {}) ?? {}) as Record<string, unknown>;
  const { types, dropped } = resolveAppTypes(config, (uid) => (strapi.contentTypes as any)[uid] ?? null);
  for (const key of APP_TYPE_KEYS) strapi.config.set(`plugin::ppid.${key}`, types[key]);
  for (const key of dropped) strapi.log.info(`[ppid] ${key}: the default ${APP_TYPE_DEFAULTS[key]} is not a type of this app; the features that need it are off`);
  return types;
}
