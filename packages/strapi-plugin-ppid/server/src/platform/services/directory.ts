import type { Core } from '@strapi/strapi';
import { validateNip } from '../../core/nip';
import { badRequest, notFound } from '../../errors';
import { getService } from '../../services/get-service';
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

    async ensureUnit(u: { code: string; name: string; parent?: number | null; timeZone?: string | null }) {
      const existing = await strapi.db.query(UID.unit).findOne({ where: { code: u.code } });
      if (existing) return existing;
      return strapi.documents(UID.unit as any).create({ data: { code: u.code, name: u.name, parent: u.parent ?? null, timeZone: u.timeZone ?? null } as any });
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

    async unitName(code: string): Promise<string | null> {
      return (await strapi.db.query(UID.unit).findOne({ where: { code }, select: ['name'] }))?.name ?? null;
    },

    /** Role mappings (SOP role → admin role, optionally per unit), as the settings page lists them. */
    async listRoleMappings(sopCode?: string) {
      const where = typeof sopCode === 'string' ? { sopCode } : {};
      const rows = await strapi.db.query(UID.roleMapping).findMany({ where, populate: ['adminRole', 'unit'], orderBy: { id: 'asc' } });
      return rows.map((r: any) => ({
        id: r.id,
        sopCode: r.sopCode,
        sopRole: r.sopRole,
        adminRole: r.adminRole ? { id: r.adminRole.id, name: r.adminRole.name } : null,
        unit: r.unit ? { id: r.unit.id, name: r.unit.name, code: r.unit.code } : null,
      }));
    },

    /** A role mapping from validated input: the SOP role, admin role and unit must exist. */
    async createRoleMapping(body: { sopCode: string; sopRole: string; adminRole: number; unit?: number | null }): Promise<{ id: number }> {
      const sop = await getService(strapi, 'sops').current(body.sopCode);
      if (!sop.definition.roles.some((r: any) => r.key === body.sopRole)) {
        throw badRequest(`sopRole: peran "${body.sopRole}" tidak ada dalam SOP ${body.sopCode} / unknown role`, { field: 'sopRole' });
      }
      if (!(await strapi.db.query('admin::role').findOne({ where: { id: body.adminRole } }))) {
        throw badRequest(`adminRole: peran admin #${body.adminRole} tidak ditemukan / unknown admin role`, { field: 'adminRole' });
      }
      if (body.unit && !(await strapi.db.query(UID.unit).findOne({ where: { id: body.unit } }))) {
        throw badRequest(`unit: unit #${body.unit} tidak ditemukan / unknown unit`, { field: 'unit' });
      }
      const row = await strapi.db.query(UID.roleMapping).create({ data: body });
      return row;
    },

    async deleteRoleMapping(rawId: unknown): Promise<number> {
      const id = Number(rawId);
      const row = Number.isInteger(id) ? await strapi.db.query(UID.roleMapping).findOne({ where: { id } }) : null;
      if (!row) throw notFound('Pemetaan tidak ditemukan / mapping not found');
      await strapi.db.query(UID.roleMapping).delete({ where: { id } });
      return id;
    },

    async listDelegations() {
      return strapi.db.query(UID.delegation).findMany({ populate: ['delegator', 'delegate'], orderBy: { id: 'desc' } });
    },

    /** A delegation (Plt / Plh / a.n.) from validated input: a valid period of allowed length, two existing officials. */
    async createDelegation(body: { delegator: number; delegate: number; capacity: string; validFrom: string; validUntil: string; [k: string]: unknown }): Promise<{ id: number }> {
      const from = new Date(body.validFrom);
      const until = new Date(body.validUntil);
      if (Number.isNaN(from.getTime())) throw badRequest('validFrom: tanggal tidak sah / invalid date', { field: 'validFrom' });
      if (Number.isNaN(until.getTime()) || until <= from) throw badRequest('validUntil: harus setelah validFrom / must be after validFrom', { field: 'validUntil' });
      // Plt up to 1 year, Plh up to 3 months (BKN practice; see domain notes).
      const maxDays = body.capacity === 'plt' ? 366 : body.capacity === 'plh' ? 92 : 366;
      if ((until.getTime() - from.getTime()) / 86400000 > maxDays) {
        throw badRequest(`validUntil: masa ${body.capacity.toUpperCase()} paling lama ${maxDays} hari / too long`, { field: 'validUntil' });
      }
      if (body.delegator === body.delegate) throw badRequest('delegate: tidak dapat melimpahkan kepada diri sendiri / cannot delegate to oneself', { field: 'delegate' });
      for (const f of ['delegator', 'delegate'] as const) {
        if (!(await strapi.db.query(UID.official).findOne({ where: { id: body[f] } }))) throw badRequest(`${f}: pejabat tidak ditemukan / unknown official`, { field: f });
      }
      const row = await strapi.db.query(UID.delegation).create({ data: { ...body, validFrom: from.toISOString(), validUntil: until.toISOString() } });
      return row;
    },
  };
  return self;
};
