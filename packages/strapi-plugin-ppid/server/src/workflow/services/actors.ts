import type { Core } from '@strapi/strapi';
import type { SignerCapacity, SignerSnapshot, OnBehalfOf } from '../../core/signature';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';
import { actingCapacities, type ActingDelegation, type RoleMappingRow, type SopStep } from '../../core/workflow';
import { together } from '../../platform/queries';

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

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function loadUser(userId: number) {
    return strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] });
  }

  type DelegationRow = {
    id: number;
    capacity: SignerCapacity;
    validFrom: string;
    validUntil: string;
    delegator?: { nama: string; nip: string | null; jabatan: string; user?: { id: number; roles?: { id: number }[] } | null } | null;
    delegate?: { user?: { id: number } | null } | null;
  };
  const toActing = (d: DelegationRow): ActingDelegation => ({
    id: String(d.id),
    capacity: d.capacity,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    delegator: { nama: d.delegator!.nama, nip: d.delegator!.nip, jabatan: d.delegator!.jabatan },
    delegatorRoleIds: (d.delegator?.user?.roles ?? []).map((r) => r.id),
  });

  const self = {
    async official(userId: number) {
      return strapi.db.query(UID.official).findOne({ where: { user: userId }, populate: ['unit'] });
    },

    async signerOf(userId: number): Promise<SignerSnapshot> {
      const [user, official] = await together(strapi, [() => loadUser(userId), () => self.official(userId)] as const);
      return {
        userId: String(userId),
        nama: official?.nama ?? [user?.firstname, user?.lastname].filter(Boolean).join(' ') ?? user?.email ?? String(userId),
        nip: official?.nip ?? null,
        jabatan: official?.jabatan ?? '-',
        unit: official?.unit?.name ?? null,
      };
    },

    /** The unit and its ancestors: a role mapped to a unit covers its sub-units. */
    async unitLineage(unitId: number | null): Promise<number[]> {
      const out: number[] = [];
      let current = unitId;
      for (let depth = 0; current && depth < 12 && !out.includes(current); depth++) {
        out.push(current);
        const unit = await strapi.db.query(UID.unit).findOne({ where: { id: current }, populate: ['parent'] });
        current = unit?.parent?.id ?? null;
      }
      return out;
    },

    /** An SOP's role mappings (admin role, optional unit → SOP role). */
    async mappings(sopCode: string): Promise<RoleMappingRow[]> {
      const rows = await strapi.db.query(UID.roleMapping).findMany({ where: { sopCode }, populate: ['adminRole', 'unit'] });
      return rows.map((m: { sopRole: string; adminRole?: { id: number } | null; unit?: { id: number } | null }) => ({
        sopRole: m.sopRole,
        adminRoleId: m.adminRole?.id ?? null,
        unitId: m.unit?.id ?? null,
      }));
    },

    /**
     * The delegations valid at `now`, by the delegate's admin user id, each with the delegator's
     * admin roles (a deactivated delegator's roles still count: the Plt stands in for them).
     * `delegateUserId` narrows to one delegate.
     */
    async validDelegations(now: Date, delegateUserId?: number): Promise<Map<number, ActingDelegation[]>> {
      const iso = now.toISOString();
      const where: Record<string, unknown> = { validFrom: { $lte: iso }, validUntil: { $gte: iso } };
      if (delegateUserId != null) where.delegate = { user: { id: delegateUserId } };
      const rows: DelegationRow[] = await strapi.db.query(UID.delegation).findMany({
        where,
        populate: { delegator: { populate: { user: { populate: ['roles'] } } }, delegate: { populate: ['user'] } },
        orderBy: { id: 'asc' },
      });
      const out = new Map<number, ActingDelegation[]>();
      for (const d of rows) {
        const to = d.delegate?.user?.id;
        if (to == null || !d.delegator?.user) continue;
        out.set(to, [...(out.get(to) ?? []), toActing(d)]);
      }
      return out;
    },

    /**
     * A committee step's members for one item: the distinct active users who hold one of its
     * member roles (for the member's unit, given by code, else for the item's unit), as the
     * engine's actor ids. A person holding several member roles is one member. Empty for a
     * step that is not a committee's.
     */
    async roster(sopCode: string, step: SopStep, itemUnitId: number | null, now: Date = getService(strapi, 'clock').now()): Promise<string[]> {
      if (!step.committee) return [];
      const ids = new Set<number>();
      for (const m of step.committee.members) {
        let unitId = itemUnitId;
        if (m.unit !== undefined) {
          const unit = await strapi.db.query(UID.unit).findOne({ where: { code: m.unit }, select: ['id'] });
          if (!unit) continue; // a unit the body has not set up: nobody holds the role there
          unitId = unit.id;
        }
        for (const h of await getService(strapi, 'recipients').holders(sopCode, m.role, unitId, now)) ids.add(h.id);
      }
      return [...ids].sort((a, b) => a - b).map(String);
    },

    /** `now` defaults to the plugin clock, the time the workflow and the notifications read. */
    async resolve(userId: number, sopCode: string, itemUnitId: number | null, now: Date = getService(strapi, 'clock').now()): Promise<ResolvedActor> {
      const user = await loadUser(userId);
      const isSuperAdmin = (user?.roles ?? []).some((r: { code: string }) => r.code === 'strapi-super-admin');
      const [mappings, lineage, delegations] = await together(strapi, [
        () => self.mappings(sopCode),
        () => self.unitLineage(itemUnitId),
        () => self.validDelegations(now, userId),
      ] as const);
      // Plt / Plh / a.n.: the delegate acts in the delegator's roles during the validity period.
      const capacities: ResolvedActor['capacities'] = actingCapacities({
        mappings,
        lineage,
        ownRoleIds: (user?.roles ?? []).map((r: { id: number }) => r.id),
        delegations: delegations.get(userId) ?? [],
        now,
      });

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
