import type { Core } from '@strapi/strapi';
import { validateNip } from '../../core/nip';
import { badRequest } from '../../errors';
import { perm } from '../permissions';
import { UID, appTypes } from '../uids';

/** What an admin role may do: Content Manager write / read per type, and extra plugin actions. */
export type RoleGrant = { write: string[]; read: string[]; plugin?: string[] };


/**
 * The body's people: admin roles with the permissions an SOP role needs, admin users, units,
 * officials (nama, NIP, jabatan) and the SOP role mappings. Used by the demo seed and by
 * administrators' scripts; every call is idempotent.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const CM = 'plugin::content-manager.explorer';

  const SYSTEM = ['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'];

  /**
   * The Content Manager's field paths of a type: component fields as dotted paths (the CM asks
   * for `production.date`, not `production`), private attributes (e.g. `ppidPublic`, written
   * only by the workflow's publish act) left out.
   */
  function fieldPaths(uid: string, depth = 0): string[] {
    const model: any = (strapi as any).getModel(uid as any);
    if (!model || depth > 4) return [];
    const out: string[] = [];
    for (const [name, attr] of Object.entries<any>(model.attributes)) {
      if (SYSTEM.includes(name) || attr.private || attr.visible === false) continue;
      if (attr.type === 'dynamiczone') continue; // none in the governed types
      if (attr.type === 'component') for (const sub of fieldPaths(attr.component, depth + 1)) out.push(`${name}.${sub}`);
      else out.push(name);
    }
    return out;
  }

  /** Relation targets every SOP role reads, so relations show names and can be picked (unit, and the host's kind type). */
  const lookups = () => [UID.unit, appTypes(strapi).kindType].filter((u): u is string => !!u);
  /** The default grant: the host's item and DIP entry types (those it has). */
  const appWrites = () => [appTypes(strapi).itemType, appTypes(strapi).dipEntryType].filter((u): u is string => !!u);

  const perm0 = (action: string, subject: string | null = null, properties: Record<string, unknown> = {}) => ({ action, subject, properties, conditions: [] as string[] });

  function editorPermissions(grant: RoleGrant) {
    const out: any[] = [];
    const seen = new Set<string>();
    for (const uid of grant.write) {
      if (!strapi.contentType(uid as any)) continue;
      seen.add(uid);
      const fields = fieldPaths(uid);
      for (const action of ['read', 'create', 'update', 'delete', 'publish']) {
        out.push(perm0(`${CM}.${action}`, uid, ['read', 'create', 'update'].includes(action) ? { fields } : {}));
      }
    }
    // Read only: what a step examines, and the relation targets a step picks (unit, jenis).
    for (const uid of [...grant.read, ...lookups()]) {
      if (seen.has(uid) || !strapi.contentType(uid as any)) continue;
      seen.add(uid);
      out.push(perm0(`${CM}.read`, uid, { fields: fieldPaths(uid) }));
    }
    for (const uid of ['tasks.read', 'runs.read', 'sops.read', 'dip.read', 'verify', 'reports.read', ...(grant.plugin ?? [])]) {
      out.push(perm0(perm(uid)));
    }
    out.push(perm0('plugin::upload.read'));
    out.push(perm0('plugin::upload.assets.create'));
    return out;
  }

  const self = {
    fieldPaths,

    /**
     * An admin role with what an SOP role needs: `grant` as content types it writes (legacy
     * form) or as { write, read, plugin }. An existing role is returned as it is, unless
     * `converge` is set: then its permissions are brought to the grant (idempotent).
     */
    async ensureRole(name: string, description = '', grant: string[] | RoleGrant = appWrites(), opts: { converge?: boolean } = {}) {
      const g: RoleGrant = Array.isArray(grant) ? { write: grant, read: [] } : grant;
      const existing = await strapi.db.query('admin::role').findOne({ where: { name } });
      if (existing && !opts.converge) return existing;
      const role = existing ?? (await strapi.service('admin::role').create({ name, description }));
      await strapi.service('admin::role').assignPermissions(role.id, editorPermissions(g));
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
