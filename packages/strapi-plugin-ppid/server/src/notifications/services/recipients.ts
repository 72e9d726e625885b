import type { Core } from '@strapi/strapi';
import { actingCapacities, adminRolesFor } from '../../core/workflow';
import { getService } from '../../services/get-service';
import { together } from '../../platform/queries';

export type Recipient = { id: number; email: string; firstname?: string | null; lastname?: string | null };

/**
 * The reverse of actors.resolve: which active admin users act in an SOP role for an item's unit.
 * The rule is the actors' own (core/workflow/acting.ts), on the data the actors service loads:
 * a user is told of a step exactly when they could act on it, a Plt standing in for a
 * deactivated official included.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const FIELDS = ['id', 'email', 'firstname', 'lastname'];

  const self = {
    async holders(sopCode: string, sopRole: string, unitId: number | null, now = new Date()): Promise<Recipient[]> {
      const actors = getService(strapi, 'actors');
      const [mappings, lineage, delegations] = await together(strapi, [() => actors.mappings(sopCode), () => actors.unitLineage(unitId), () => actors.validDelegations(now)] as const);
      // Candidates: the active users holding a mapped admin role, and the delegates of valid delegations.
      const direct = adminRolesFor(mappings, sopRole, lineage);
      if (!direct.length) return []; // no admin role gives this SOP role here: nobody holds it, nobody lends it
      const candidates: Array<Recipient & { roles?: { id: number }[] }> = await strapi.db.query('admin::user').findMany({
        where: {
          isActive: true,
          $or: [{ roles: { id: { $in: direct } } }, ...(delegations.size ? [{ id: { $in: [...delegations.keys()] } }] : [])],
        },
        select: FIELDS,
        populate: { roles: { select: ['id'] } },
      });
      return candidates
        .filter((u) =>
          Boolean(
            actingCapacities({ mappings, lineage, ownRoleIds: (u.roles ?? []).map((r) => r.id), delegations: delegations.get(u.id) ?? [], now })[sopRole],
          ),
        )
        .map(({ id, email, firstname, lastname }) => ({ id, email, firstname, lastname }))
        .sort((a, b) => a.id - b.id);
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
