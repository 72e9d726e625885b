import type { Core } from '@strapi/strapi';
import { UID } from '../../platform/uids';

export type Recipient = { id: number; email: string; firstname?: string | null; lastname?: string | null };

/**
 * The reverse of actors.resolve: which admin users hold an SOP role for an item's unit, with
 * the same rules (a mapping without unit covers every unit, a unit's mapping covers its
 * sub-units, a valid delegation lends the delegator's roles to the delegate).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function unitLineage(unitId: number | null): Promise<number[]> {
    const out: number[] = [];
    let current = unitId;
    for (let depth = 0; current && depth < 12 && !out.includes(current); depth++) {
      out.push(current);
      const unit = await strapi.db.query(UID.unit).findOne({ where: { id: current }, populate: ['parent'] });
      current = unit?.parent?.id ?? null;
    }
    return out;
  }

  const self = {
    async holders(sopCode: string, sopRole: string, unitId: number | null, now = new Date()): Promise<Recipient[]> {
      const lineage = await unitLineage(unitId);
      const mappings = await strapi.db.query(UID.roleMapping).findMany({ where: { sopCode, sopRole }, populate: ['adminRole', 'unit'] });
      const roleIds = [
        ...new Set(
          mappings
            .filter((m: any) => m.adminRole && (!m.unit || lineage.includes(m.unit.id)))
            .map((m: any) => m.adminRole.id as number),
        ),
      ];
      if (!roleIds.length) return [];
      const users = await strapi.db.query('admin::user').findMany({
        where: { isActive: true, roles: { id: { $in: roleIds } } },
        select: ['id', 'email', 'firstname', 'lastname'],
      });
      const byId = new Map<number, Recipient>(users.map((u: Recipient) => [u.id, u]));
      // Plt / Plh: the delegate of a holder acts in the role while the delegation is valid.
      const iso = now.toISOString();
      const delegations = await strapi.db.query(UID.delegation).findMany({
        where: { validFrom: { $lte: iso }, validUntil: { $gte: iso } },
        populate: { delegator: { populate: ['user'] }, delegate: { populate: ['user'] } },
      });
      for (const d of delegations) {
        const from = d.delegator?.user?.id;
        const to = d.delegate?.user;
        if (from && byId.has(from) && to && !byId.has(to.id)) {
          const u = await strapi.db.query('admin::user').findOne({ where: { id: to.id, isActive: true }, select: ['id', 'email', 'firstname', 'lastname'] });
          if (u) byId.set(u.id, u);
        }
      }
      return [...byId.values()].sort((a, b) => a.id - b.id);
    },

    async users(ids: number[]): Promise<Recipient[]> {
      if (!ids.length) return [];
      return strapi.db.query('admin::user').findMany({
        where: { id: { $in: ids }, isActive: true },
        select: ['id', 'email', 'firstname', 'lastname'],
        orderBy: { id: 'asc' },
      });
    },
  };
  return self;
};
