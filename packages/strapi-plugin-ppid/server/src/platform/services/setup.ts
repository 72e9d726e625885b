import type { Core } from '@strapi/strapi';
import { setupChecklist, type SetupChecklist, type SetupFacts } from '../../core/setup';
import { UID, appTypes } from '../uids';
import { getService } from '../../services/get-service';

/**
 * The first-run checklist (core/setup.ts) over this body's real data: the kop, the working
 * calendar, units, officials, admin users and roles, current SOPs, bindings, role mappings,
 * the signing key and PUBLIC_URL. Read-only; GET /ppid/setup/checklist (settings.manage).
 */
// The plugin's own governed types; the host's item type (config itemType) is added when it has one.
const ALWAYS_GOVERNED = [UID.dipEdition, UID.consequenceTest];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ppid = () => strapi.plugin('ppid');
  const typeLabel = (uid: string) => (strapi.contentTypes as any)[uid]?.info?.displayName ?? uid;

  async function facts(): Promise<SetupFacts> {
    const kop = await getService(strapi, 'kop').get();
    let timeZone = 'Asia/Jakarta';
    let zoneStored = false;
    try {
      const zone = await getService(strapi, 'zones').get();
      timeZone = zone.timeZone;
      zoneStored = zone.stored;
    } catch {
      /* an invalid calendar stops the workflow elsewhere; the checklist still answers */
    }
    let signingKey: SetupFacts['signingKey'];
    try {
      const ring = getService(strapi, 'keys').load();
      signingKey = { present: true, keyId: ring.active.keyId, source: process.env.PPID_SIGNING_KEY ? 'env' : 'file', error: null };
    } catch (e) {
      signingKey = { present: false, keyId: null, source: null, error: String((e as Error)?.message ?? e) };
    }
    const [units, officials, users, adminRoles, sops, bindings, mappings] = await Promise.all([
      strapi.db.query(UID.unit).findMany({ populate: ['parent'], orderBy: { id: 'asc' } }),
      strapi.db.query(UID.official).findMany({ populate: ['unit', 'user'], orderBy: { id: 'asc' } }),
      strapi.db.query('admin::user').findMany({ populate: ['roles'], orderBy: { id: 'asc' } }),
      strapi.db.query('admin::role').findMany({ orderBy: { id: 'asc' } }),
      strapi.db.query(UID.sop).findMany({ where: { current: true }, orderBy: { id: 'asc' } }),
      strapi.db.query(UID.binding).findMany({ orderBy: { id: 'asc' } }),
      strapi.db.query(UID.roleMapping).findMany({ populate: ['adminRole', 'unit'], orderBy: { id: 'asc' } }),
    ]);
    const governed = [...new Set([...(appTypes(strapi).itemType ? [appTypes(strapi).itemType!] : []), ...ALWAYS_GOVERNED, ...bindings.map((b: any) => b.contentType)])].filter((uid) => (strapi.contentTypes as any)[uid]);
    const publicUrl = String(strapi.config.get('server.url', '') ?? '').trim();
    return {
      production: process.env.NODE_ENV === 'production',
      kop: {
        stored: !!kop.stored,
        nama: kop.body.nama ?? null,
        pemerintah: kop.body.pemerintah ?? null,
        alamat: kop.body.alamat ?? null,
        tempat: kop.body.tempat ?? null,
        hasLogo: !!(kop.body.logoPath || kop.body.logoFile),
      },
      calendar: { configured: zoneStored || !!ppid().config('calendar') || !!process.env.PPID_CALENDAR, timeZone },
      units: units.map((u: any) => ({ id: u.id, code: u.code, name: u.name, parentId: u.parent?.id ?? null })),
      officials: officials.map((o: any) => ({
        id: o.id,
        nama: o.nama,
        nip: o.nip ?? null,
        jabatan: o.jabatan ?? null,
        active: o.active !== false,
        unitId: o.unit?.id ?? null,
        userId: o.user?.id ?? null,
      })),
      users: users.map((u: any) => ({
        id: u.id,
        name: [u.firstname, u.lastname].filter(Boolean).join(' ').trim() || u.email,
        isActive: !!u.isActive && !u.blocked,
        roleIds: (u.roles ?? []).map((r: any) => r.id),
      })),
      adminRoles: adminRoles.map((r: any) => ({ id: r.id, name: r.name })),
      sops: sops.map((s: any) => ({ code: s.code, name: s.name, roles: (s.definition?.roles ?? []).map((r: any) => ({ key: r.key, label: r.label })) })),
      bindings: bindings.map((b: any) => ({ contentType: b.contentType, sopCode: b.sopCode, isDefault: !!b.isDefault })),
      governedTypes: governed.map((uid) => ({ uid, label: typeLabel(uid) })),
      mappings: mappings.map((m: any) => ({ sopCode: m.sopCode, sopRole: m.sopRole, adminRoleId: m.adminRole?.id ?? null, unitId: m.unit?.id ?? null })),
      signingKey,
      publicUrl: publicUrl || null,
    };
  }

  return {
    facts,
    async checklist(): Promise<SetupChecklist> {
      return setupChecklist(await facts(), getService(strapi, 'clock').now());
    },
  };
};
