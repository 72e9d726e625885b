import type { Core } from '@strapi/strapi';
import { validateNip } from '../core/nip';
import { badRequest } from '../errors';
import { perm } from '../permissions';
import { UID } from '../utils/uids';

/**
 * The body's people: admin roles with the permissions an SOP role needs, admin users, units,
 * officials (nama, NIP, jabatan) and the SOP role mappings. Used by the demo seed and by
 * administrators' scripts; every call is idempotent.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const CM = 'plugin::content-manager.explorer';

  function editorPermissions(uids: string[]) {
    const out: any[] = [];
    for (const uid of uids) {
      const ct = strapi.contentType(uid as any);
      if (!ct) continue;
      const fields = Object.keys(ct.attributes).filter((a) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(a));
      for (const action of ['read', 'create', 'update', 'delete', 'publish']) {
        out.push({
          action: `${CM}.${action}`,
          subject: uid,
          properties: ['read', 'create', 'update'].includes(action) ? { fields } : {},
          conditions: [],
        });
      }
    }
    for (const uid of ['tasks.read', 'runs.read', 'sops.read', 'dip.read', 'verify', 'reports.read']) {
      out.push({ action: perm(uid), subject: null, properties: {}, conditions: [] });
    }
    out.push({ action: 'plugin::upload.read', subject: null, properties: {}, conditions: [] });
    out.push({ action: 'plugin::upload.assets.create', subject: null, properties: {}, conditions: [] });
    return out;
  }

  const self = {
    async ensureRole(name: string, description = '', contentTypes: string[] = [UID.informationItem, UID.dipEntry]) {
      const existing = await strapi.db.query('admin::role').findOne({ where: { name } });
      if (existing) return existing;
      const role = await strapi.service('admin::role').create({ name, description });
      await strapi.service('admin::role').assignPermissions(role.id, editorPermissions(contentTypes));
      return role;
    },

    async ensureUser(u: { email: string; firstname: string; lastname?: string; password: string; roles: number[] }) {
      const existing = await strapi.db.query('admin::user').findOne({ where: { email: u.email.toLowerCase() } });
      if (existing) return existing;
      return strapi.service('admin::user').create({
        email: u.email.toLowerCase(),
        firstname: u.firstname,
        lastname: u.lastname ?? '',
        password: u.password,
        isActive: true,
        registrationToken: null,
        roles: u.roles,
      });
    },

    async ensureUnit(u: { code: string; name: string; parent?: number | null }) {
      const existing = await strapi.db.query(UID.unit).findOne({ where: { code: u.code } });
      if (existing) return existing;
      return strapi.documents(UID.unit as any).create({ data: { code: u.code, name: u.name, parent: u.parent ?? null } as any });
    },

    async ensureOfficial(o: { nama: string; nip: string; jabatan: string; unit?: number | null; user?: number | null }) {
      const nip = validateNip(o.nip);
      if (!nip.ok) throw badRequest(nip.errors.map((e) => e.message).join('; '), { field: 'nip' });
      const existing = await strapi.db.query(UID.official).findOne({ where: { nip: o.nip } });
      if (existing) return existing;
      return strapi.documents(UID.official as any).create({ data: { ...o, active: true } as any });
    },

    async mapRole(sopCode: string, sopRole: string, adminRole: number, unit: number | null = null) {
      const existing = await strapi.db.query(UID.roleMapping).findOne({ where: { sopCode, sopRole, adminRole, unit } });
      if (existing) return existing;
      return strapi.db.query(UID.roleMapping).create({ data: { sopCode, sopRole, adminRole, unit } });
    },
  };
  return self;
};
