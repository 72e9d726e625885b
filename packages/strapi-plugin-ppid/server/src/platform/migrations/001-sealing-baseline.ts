import type { Migration } from './index';

/**
 * 001 (0.2.0): configuration rows that predate sealing (role mappings, delegations, SOP
 * bindings) are sealed once as `baseline`, and the chain head when sealing began is kept
 * (signature/services/sealing.ts). Was run at every boot before 0.3.0.
 */
const migration: Migration = {
  id: '001-sealing-baseline',
  async up({ strapi }) {
    await strapi.plugin('ppid').service('sealing').baseline();
  },
};
export default migration;
