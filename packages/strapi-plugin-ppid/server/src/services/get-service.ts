import type { Core } from '@strapi/strapi';
import type { ServiceFactories } from './index';

/** The plugin's services by name, each typed as what its factory returns. */
export type Services = { [K in keyof ServiceFactories]: ReturnType<ServiceFactories[K]> };
export type ServiceName = keyof Services;

/** A ppid service, typed: `getService(strapi, 'workflow').submit(...)`. */
export function getService<K extends ServiceName>(strapi: Core.Strapi, name: K): Services[K] {
  return strapi.plugin('ppid').service(name) as Services[K];
}
