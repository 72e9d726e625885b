/**
 * The first-run checklist of a body's administrator: what must be in place before the first
 * item can run its SOP to publication (kop, time zone, units, officials with NIP, role
 * mappings, bindings, signing key, PUBLIC_URL). Plain data in, plain data out: the service
 * (services/setup.ts) gathers the facts, the admin page renders each problem from its code and
 * params (translations `ppid.setup.problem.<code>`), so nothing here is a sentence.
 */
import { validateNip } from './nip';
import { zoneLabel } from './calendar/zones';

export interface SetupFacts {
  production: boolean;
  kop: {
    /** Set by an administrator (plugin store), rather than only from the config fallback. */
    stored: boolean;
    nama?: string | null;
    pemerintah?: string | null;
    alamat?: string | null;
    tempat?: string | null;
    hasLogo: boolean;
  };
  calendar: { configured: boolean; timeZone: string };
  units: { id: number; code: string; name: string; parentId: number | null }[];
  officials: { id: number; nama: string; nip: string | null; jabatan: string | null; active: boolean; unitId: number | null; userId: number | null }[];
  users: { id: number; name: string; isActive: boolean; roleIds: number[] }[];
  adminRoles: { id: number; name: string }[];
  /** Current versions of the imported SOPs. */
  sops: { code: string; name: string; roles: { key: string; label: string }[] }[];
  bindings: { contentType: string; sopCode: string; isDefault: boolean }[];
  /** The content types the plugin runs through an SOP, with their display names. */
  governedTypes: { uid: string; label: string }[];
  mappings: { sopCode: string; sopRole: string; adminRoleId: number | null; unitId: number | null }[];
  signingKey: { present: boolean; keyId: string | null; source: 'env' | 'file' | null; error: string | null };
  publicUrl: string | null;
}

export type SetupItemKey = 'kop' | 'timeZone' | 'units' | 'officials' | 'roleMappings' | 'bindings' | 'signingKey' | 'publicUrl';
export type SetupStatus = 'done' | 'missing' | 'warning';

export interface SetupProblem {
  /** `<item>.<what>`, e.g. `roleMappings.unmapped`; the page's translation key. */
  code: string;
  /** Blocks publication (missing) or only advised (warning). */
  severity: 'missing' | 'warning';
  params: Record<string, string | number>;
  /** Admin path where this is fixed, when it is not the item's own. */
  href?: string;
}

export interface SetupItem {
  key: SetupItemKey;
  status: SetupStatus;
  /** What is in place (for a done item), as params of `ppid.setup.done.<key>`. */
  summary: Record<string, string | number>;
  problems: SetupProblem[];
  /** Admin path where the item is fixed; null when it is a server setting (see `setting`). */
  href: string | null;
  /** The environment setting that fixes it, for server settings. */
  setting: string | null;
}

export interface SetupChecklist {
  /** No item is missing: the first item can run to publication. */
  ready: boolean;
  items: SetupItem[];
  /** Every blocking problem, in item order: "what is still missing before the first item can be published". */
  missing: (SetupProblem & { item: SetupItemKey })[];
  counts: { done: number; missing: number; warning: number };
}

export const SETUP_LINKS = {
  kop: '/plugins/ppid/setup#kop',
  timeZone: '/plugins/ppid/setup#zona-waktu',
  units: '/content-manager/collection-types/plugin::ppid.unit',
  officials: '/content-manager/collection-types/plugin::ppid.official',
  users: '/settings/users',
  roles: '/settings/roles',
  sops: '/plugins/ppid/sops',
  sop: (code: string) => `/plugins/ppid/sops/${encodeURIComponent(code)}`,
} as const;

const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';

function item(key: SetupItemKey, problems: SetupProblem[], summary: Record<string, string | number>, href: string | null, setting: string | null = null): SetupItem {
  const status: SetupStatus = problems.some((p) => p.severity === 'missing') ? 'missing' : problems.length ? 'warning' : 'done';
  return { key, status, summary, problems, href, setting };
}

function kopItem(f: SetupFacts): SetupItem {
  const problems: SetupProblem[] = [];
  const absent = (['nama', 'pemerintah', 'alamat', 'tempat'] as const).filter((k) => !filled(f.kop[k]));
  for (const field of absent) problems.push({ code: 'kop.field', severity: 'missing', params: { field } });
  if (!f.kop.hasLogo) problems.push({ code: 'kop.logo', severity: 'warning', params: {} });
  if (!f.kop.stored && !absent.length) problems.push({ code: 'kop.fromConfig', severity: 'warning', params: {} });
  return item('kop', problems, { nama: f.kop.nama ?? '', tempat: f.kop.tempat ?? '' }, SETUP_LINKS.kop);
}

/** The zone as the administrator reads it, "WITA (Asia/Makassar)"; `zone` keeps the IANA name. */
function timeZoneItem(f: SetupFacts): SetupItem {
  const label = zoneLabel(f.calendar.timeZone);
  const problems: SetupProblem[] = f.calendar.configured ? [] : [{ code: 'timeZone.default', severity: 'warning', params: { timeZone: label, zone: f.calendar.timeZone } }];
  return item('timeZone', problems, { timeZone: label, zone: f.calendar.timeZone }, SETUP_LINKS.timeZone, 'PPID_CALENDAR');
}

function unitsItem(f: SetupFacts): SetupItem {
  const problems: SetupProblem[] = f.units.length ? [] : [{ code: 'units.none', severity: 'missing', params: {} }];
  return item('units', problems, { count: f.units.length }, SETUP_LINKS.units);
}

/** SOPs bound to a governed type (the ones items run), in binding order. */
function activeSops(f: SetupFacts) {
  const codes = [...new Set(f.bindings.filter((b) => f.governedTypes.some((t) => t.uid === b.contentType)).map((b) => b.sopCode))];
  return codes.map((code) => f.sops.find((s) => s.code === code)).filter((s): s is SetupFacts['sops'][number] => !!s);
}

/** Admin roles mapped to a role of an active SOP: their users act in the SOP and sign as officials. */
function actingRoleIds(f: SetupFacts): Set<number> {
  const codes = new Set(activeSops(f).map((s) => s.code));
  return new Set(f.mappings.filter((m) => codes.has(m.sopCode) && m.adminRoleId != null).map((m) => m.adminRoleId!));
}

function officialsItem(f: SetupFacts, now: Date): SetupItem {
  const problems: SetupProblem[] = [];
  const active = f.officials.filter((o) => o.active);
  if (!active.length) problems.push({ code: 'officials.none', severity: 'missing', params: {} });
  for (const o of active) {
    if (!o.nip || !validateNip(o.nip, now).ok) problems.push({ code: 'officials.invalidNip', severity: 'missing', params: { nama: o.nama, nip: o.nip ?? '' } });
    if (o.userId == null) problems.push({ code: 'officials.noUser', severity: 'warning', params: { nama: o.nama } });
  }
  // Everyone who acts in an SOP signs with their NIP: an admin user without an official row
  // would sign with no NIP and no jabatan.
  const acting = actingRoleIds(f);
  const roleName = (id: number) => f.adminRoles.find((r) => r.id === id)?.name ?? `#${id}`;
  for (const u of f.users.filter((u) => u.isActive)) {
    const roles = u.roleIds.filter((r) => acting.has(r));
    if (!roles.length) continue;
    if (!active.some((o) => o.userId === u.id)) {
      problems.push({ code: 'officials.userWithoutOfficial', severity: 'missing', params: { user: u.name, role: roleName(roles[0]) } });
    }
  }
  return item('officials', problems, { count: active.length }, SETUP_LINKS.officials);
}

function roleMappingsItem(f: SetupFacts): SetupItem {
  const problems: SetupProblem[] = [];
  const units = new Map(f.units.map((u) => [u.id, u]));
  /** The unit and its ancestors: a mapping to a unit covers its sub-units (services/actors.ts). */
  const lineage = (id: number) => {
    const out: number[] = [];
    for (let cur: number | null = id; cur != null && !out.includes(cur) && out.length < 12; cur = units.get(cur)?.parentId ?? null) out.push(cur);
    return out;
  };
  const staffed = (roleId: number | null) => roleId != null && f.users.some((u) => u.isActive && u.roleIds.includes(roleId));
  const roleName = (id: number | null) => (id == null ? '' : f.adminRoles.find((r) => r.id === id)?.name ?? `#${id}`);
  let roles = 0;
  for (const sop of activeSops(f)) {
    const mine = f.mappings.filter((m) => m.sopCode === sop.code && m.adminRoleId != null && f.adminRoles.some((r) => r.id === m.adminRoleId));
    // Where the SOP is mapped per unit, every unit named in its mappings needs every role.
    const scoped = [...new Set(mine.map((m) => m.unitId).filter((u): u is number => u != null && units.has(u)))];
    const href = SETUP_LINKS.sop(sop.code);
    for (const role of sop.roles) {
      roles++;
      const params = { sop: sop.name, sopCode: sop.code, role: role.label };
      const forRole = mine.filter((m) => m.sopRole === role.key);
      if (!forRole.length) {
        problems.push({ code: 'roleMappings.unmapped', severity: 'missing', params, href });
        continue;
      }
      if (!forRole.some((m) => staffed(m.adminRoleId))) {
        problems.push({ code: 'roleMappings.noUser', severity: 'missing', params: { ...params, adminRole: roleName(forRole[0].adminRoleId) }, href: SETUP_LINKS.users });
        continue;
      }
      for (const unitId of scoped) {
        const covering = forRole.filter((m) => m.unitId == null || lineage(unitId).includes(m.unitId));
        if (!covering.length) problems.push({ code: 'roleMappings.unitUncovered', severity: 'missing', params: { ...params, unit: units.get(unitId)!.name }, href });
        else if (!covering.some((m) => staffed(m.adminRoleId))) {
          problems.push({ code: 'roleMappings.noUser', severity: 'missing', params: { ...params, adminRole: roleName(covering[0].adminRoleId), unit: units.get(unitId)!.name }, href: SETUP_LINKS.users });
        }
      }
    }
  }
  return item('roleMappings', problems, { sops: activeSops(f).length, roles }, SETUP_LINKS.sops);
}

function bindingsItem(f: SetupFacts): SetupItem {
  const problems: SetupProblem[] = [];
  for (const t of f.governedTypes) {
    const mine = f.bindings.filter((b) => b.contentType === t.uid);
    if (!mine.length) {
      problems.push({ code: 'bindings.unbound', severity: 'missing', params: { type: t.label } });
      continue;
    }
    for (const b of mine) {
      if (!f.sops.some((s) => s.code === b.sopCode)) problems.push({ code: 'bindings.unknownSop', severity: 'missing', params: { type: t.label, sopCode: b.sopCode } });
    }
    if (mine.filter((b) => b.isDefault).length !== 1) problems.push({ code: 'bindings.noDefault', severity: 'missing', params: { type: t.label } });
  }
  return item('bindings', problems, { types: f.governedTypes.length }, SETUP_LINKS.sops);
}

function signingKeyItem(f: SetupFacts): SetupItem {
  const problems: SetupProblem[] = f.signingKey.present ? [] : [{ code: 'signingKey.absent', severity: 'missing', params: { error: f.signingKey.error ?? '' } }];
  return item('signingKey', problems, { keyId: f.signingKey.keyId ?? '', source: f.signingKey.source ?? '' }, null, 'PPID_SIGNING_KEY');
}

function publicUrlItem(f: SetupFacts): SetupItem {
  const ok = !!f.publicUrl && /^https?:\/\/[^/]/i.test(f.publicUrl);
  const problems: SetupProblem[] = ok ? [] : [{ code: f.production ? 'publicUrl.required' : 'publicUrl.unset', severity: f.production ? 'missing' : 'warning', params: {} }];
  return item('publicUrl', problems, { url: ok ? f.publicUrl! : '' }, null, 'PUBLIC_URL');
}

export function setupChecklist(facts: SetupFacts, now: Date = new Date()): SetupChecklist {
  const items = [
    kopItem(facts),
    timeZoneItem(facts),
    unitsItem(facts),
    officialsItem(facts, now),
    roleMappingsItem(facts),
    bindingsItem(facts),
    signingKeyItem(facts),
    publicUrlItem(facts),
  ];
  const missing = items.flatMap((i) => i.problems.filter((p) => p.severity === 'missing').map((p) => ({ ...p, item: i.key })));
  const count = (s: SetupStatus) => items.filter((i) => i.status === s).length;
  return { ready: missing.length === 0, items, missing, counts: { done: count('done'), missing: count('missing'), warning: count('warning') } };
}
