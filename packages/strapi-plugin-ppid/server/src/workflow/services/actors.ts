import type { Core } from '@strapi/strapi';
import type { SignerCapacity, SignerSnapshot, OnBehalfOf } from '../../core/signature';
import { UID } from '../../platform/uids';

/** Who is acting, with the SOP roles they hold for one item, and in what capacity. */
export type ResolvedActor = {
  id: string;
  userId: number;
  roles: string[];
  /** Per SOP role: definitif when held directly, else the delegation it comes through. */
  capacities: Record<string, { capacity: SignerCapacity; onBehalfOf: OnBehalfOf | null; delegationId: string | null }>;
  signer: SignerSnapshot;
  isSuperAdmin: boolean;
};

type Mapping = { sopRole: string; adminRole?: { id: number } | null; unit?: { id: number } | null };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The unit and its ancestors: a role mapped to a unit covers its sub-units. */
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

  function rolesFrom(mappings: Mapping[], adminRoleIds: Set<number>, lineage: number[]) {
    return mappings
      .filter((m) => m.adminRole && adminRoleIds.has(m.adminRole.id))
      .filter((m) => !m.unit || lineage.includes(m.unit.id))
      .map((m) => m.sopRole);
  }

  async function loadUser(userId: number) {
    return strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] });
  }

  const self = {
    async official(userId: number) {
      return strapi.db.query(UID.official).findOne({ where: { user: userId }, populate: ['unit'] });
    },

    async signerOf(userId: number): Promise<SignerSnapshot> {
      const [user, official] = await Promise.all([loadUser(userId), self.official(userId)]);
      return {
        userId: String(userId),
        nama: official?.nama ?? [user?.firstname, user?.lastname].filter(Boolean).join(' ') ?? user?.email ?? String(userId),
        nip: official?.nip ?? null,
        jabatan: official?.jabatan ?? '-',
        unit: official?.unit?.name ?? null,
      };
    },

    async resolve(userId: number, sopCode: string, itemUnitId: number | null, now = new Date()): Promise<ResolvedActor> {
      const user = await loadUser(userId);
      const roleIds = new Set<number>((user?.roles ?? []).map((r: { id: number }) => r.id));
      const isSuperAdmin = (user?.roles ?? []).some((r: { code: string }) => r.code === 'strapi-super-admin');
      const [mappings, lineage, official] = await Promise.all([
        strapi.db.query(UID.roleMapping).findMany({ where: { sopCode }, populate: ['adminRole', 'unit'] }) as Promise<Mapping[]>,
        unitLineage(itemUnitId),
        self.official(userId),
      ]);

      const capacities: ResolvedActor['capacities'] = {};
      for (const role of rolesFrom(mappings, roleIds, lineage)) {
        capacities[role] = { capacity: 'definitif', onBehalfOf: null, delegationId: null };
      }

      // Plt / Plh / a.n.: the delegate acts in the delegator's roles during the validity period.
      if (official) {
        const iso = now.toISOString();
        const delegations = await strapi.db.query(UID.delegation).findMany({
          where: { delegate: official.id, validFrom: { $lte: iso }, validUntil: { $gte: iso } },
          populate: { delegator: { populate: ['user'] } },
        });
        for (const d of delegations) {
          const delegatorUser = d.delegator?.user ? await loadUser(d.delegator.user.id) : null;
          if (!delegatorUser) continue;
          const ids = new Set<number>((delegatorUser.roles ?? []).map((r: { id: number }) => r.id));
          for (const role of rolesFrom(mappings, ids, lineage)) {
            if (capacities[role]) continue; // own authority comes first
            capacities[role] = {
              capacity: d.capacity,
              onBehalfOf: { nama: d.delegator.nama, nip: d.delegator.nip, jabatan: d.delegator.jabatan },
              delegationId: String(d.id),
            };
          }
        }
      }

      return {
        id: String(userId),
        userId,
        roles: Object.keys(capacities),
        capacities,
        signer: await self.signerOf(userId),
        isSuperAdmin,
      };
    },
  };
  return self;
};
