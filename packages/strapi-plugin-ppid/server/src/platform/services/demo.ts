import type { Core } from '@strapi/strapi';
import { writingRoles } from '../../core/workflow';
import { requestServiceGrants } from '../../core/requests/role-grants';
import { UID, appTypes } from '../uids';
import type { RoleGrant } from './directory';
import { getService } from '../../services/get-service';

/**
 * Development demo (never in production): a body with units and officials, one admin user per
 * SOP role of the four seed SOPs, and a few items at different steps, so a newcomer can log in
 * and try every act at once. Runs once (marker in Strapi's store).
 */
export const DEMO_PASSWORD = 'Demo-PPID-2026!';
export const DEMO_ADMIN = { email: 'admin@demo.ppid.local', password: DEMO_PASSWORD };
/** Every demo account's e-mail ends with this; the password above is printed in the README. */
export const DEMO_EMAIL_DOMAIN = '@demo.ppid.local';

// Per SOP: its role keys and a believable jabatan for the demo official.
// Each body's time zone: Samarinda and Sangatta (Kalimantan Timur) are WITA, Palangka Raya
// (Kalimantan Tengah) and Pontianak (Kalimantan Barat) WIB.
const PEOPLE: { sop: string; short: string; unitName: string; timeZone: string; roles: Record<string, string> }[] = [
  { sop: 'palaran-publikasi-website', short: 'palaran', unitName: 'Kecamatan Palaran', timeZone: 'Asia/Makassar', roles: { camat: 'Camat Palaran', sekretaris: 'Sekretaris Kecamatan', 'kasubbag-kasi': 'Kasi Pemerintahan', staf: 'JFU Pengelola Informasi' } },
  { sop: 'kalteng-pendokumentasian-publikasi', short: 'kalteng', unitName: 'Diskominfo Provinsi Kalimantan Tengah', timeZone: 'Asia/Jakarta', roles: { 'ppid-pembantu': 'PPID Pembantu', 'ppid-utama': 'Kepala Diskominfo (PPID Utama)', 'atasan-ppid': 'Sekretaris Daerah Provinsi (Atasan PPID)', 'admin-ppid': 'Admin PPID' } },
  { sop: 'kutim-bkpsdm-penetapan-dip', short: 'kutim', unitName: 'BKPSDM Kabupaten Kutai Timur', timeZone: 'Asia/Makassar', roles: { 'petugas-informasi': 'Petugas Informasi', 'ppid-pelaksana': 'PPID Pelaksana', ppid: 'PPID', 'atasan-ppid': 'Kepala BKPSDM (Atasan PPID)' } },
  { sop: 'pontianak-dinsos-pengumuman', short: 'pontianak', unitName: 'Dinas Sosial Kota Pontianak', timeZone: 'Asia/Jakarta', roles: { 'bidang-pli': 'Kabid Pengelolaan dan Layanan Informasi', 'petugas-informasi': 'Operator PPID', 'ppid-pelaksana': 'PPID Pelaksana', 'ppid-utama': 'PPID Utama' } },
];

// The product's consequence-test SOP (sops/100-uji-konsekuensi.yaml) is run by the officers of
// the DIP SOP (BKPSDM Kutai Timur), whose roles carry the same names; body-wide, as a decision
// on excluded information is the body's. As the law assigns them: the PPID decides the test
// (UU 14/2008 Pasal 19), the head of the body (Kepala BKPSDM as Atasan PPID) sets the exclusion
// period, the PPID Pelaksana drafts.
const CONSEQUENCE_TEST = { sop: 'uji-konsekuensi', short: 'kutim', roles: { 'ppid-pelaksana': 'PPID Pelaksana', ppid: 'PPID', 'atasan-ppid': 'Kepala BKPSDM (Atasan PPID)' } };

// The information service (requests and objections, SOPs 101 and 102, issue #15) is run by the
// same BKPSDM officers, body-wide; their roles also get the service's plugin permissions
// (core/requests/role-grants.ts: requests.manage, requests.personal-data, objections.manage,
// registers.read, each to the role whose duty needs it).
const REQUEST_SERVICE = { short: 'kutim', roles: { 'petugas-informasi': 'Petugas Informasi', 'ppid-pelaksana': 'PPID Pelaksana', ppid: 'PPID', 'atasan-ppid': 'Kepala BKPSDM (Atasan PPID)' } as Record<string, string> };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'ppid', key: 'demo-seeded' });

  const roleName = (short: string, jabatan: string) => `${short}: ${jabatan}`;

  /**
   * What a demo role may do, read from its SOP: a role with an editable step writes the types
   * the SOP governs (for the DIP SOP: the DIP entries, and it manages editions); every role
   * reads the items, the DIP entries and the relation targets (unit, jenis informasi).
   */
  async function grantFor(sopCode: string, roleKey: string): Promise<RoleGrant> {
    const def = (await getService(strapi, 'sops').current(sopCode)).definition;
    const writes = writingRoles(def).has(roleKey);
    const content = getService(strapi, 'content');
    const types: string[] = content.governedTypes().filter((uid: string) => content.bindings(uid).some((b: { sopCode: string }) => b.sopCode === sopCode));
    const inCm = types.filter((uid) => (strapi.contentType(uid as any) as any)?.pluginOptions?.['content-manager']?.visible !== false);
    const dip = types.includes(UID.dipEdition);
    const { itemType, dipEntryType } = appTypes(strapi);
    const app = [itemType, dipEntryType].filter((u): u is string => !!u);
    return {
      write: writes ? [...inCm, ...(dip && dipEntryType ? [dipEntryType] : [])] : [],
      read: app,
      plugin: writes && dip ? ['dip.manage'] : [],
    };
  }

  /** The SOP's grant, plus the information service's permissions when the role runs that service too. */
  async function grantOf(group: { sop: string; short: string; roles: Record<string, string> }, roleKey: string): Promise<RoleGrant> {
    const g = await grantFor(group.sop, roleKey);
    if (group.short === REQUEST_SERVICE.short && REQUEST_SERVICE.roles[roleKey] === group.roles[roleKey]) {
      g.plugin = [...new Set([...(g.plugin ?? []), ...requestServiceGrants(roleKey)])];
    }
    return g;
  }

  /** The information service's SOPs (the configured codes) mapped to the BKPSDM roles each SOP defines. */
  async function mapRequestServiceRoles() {
    const dir = getService(strapi, 'directory');
    const settings = getService(strapi, 'requests').settings();
    for (const code of [settings.sopCode, settings.objectionSopCode]) {
      const def = await getService(strapi, 'sops').current(code).then((s: any) => s.definition, () => null);
      if (!def) continue; // a body that named its own SOP maps it itself
      const keys = new Set<string>((def.roles ?? []).map((r: { key: string }) => r.key));
      for (const [roleKey, jabatan] of Object.entries(REQUEST_SERVICE.roles)) {
        if (!keys.has(roleKey)) continue;
        const role = await strapi.db.query('admin::role').findOne({ where: { name: roleName(REQUEST_SERVICE.short, jabatan) } });
        if (role) await dir.mapRole(code, roleKey, role.id, null);
      }
    }
  }

  /**
   * The DIP is the body's single register (services/dip.ts): its SOP's officers act for the whole
   * body, so their roles are mapped without a unit (an edition has none).
   */
  const bodyWide = (sopCode: string) => {
    const content = getService(strapi, 'content');
    return content.bindings(UID.dipEdition).some((b: { sopCode: string }) => b.sopCode === sopCode);
  };

  async function mapConsequenceTestRoles() {
    const dir = getService(strapi, 'directory');
    for (const [roleKey, jabatan] of Object.entries(CONSEQUENCE_TEST.roles)) {
      const role = await strapi.db.query('admin::role').findOne({ where: { name: roleName(CONSEQUENCE_TEST.short, jabatan) } });
      if (role) await dir.mapRole(CONSEQUENCE_TEST.sop, roleKey, role.id, null);
    }
  }

  /**
   * The demo body (Kecamatan Palaran, Samarinda) is WITA; each demo unit carries its own body's
   * zone. Idempotent: a zone already set (by hand) is left as it is.
   */
  async function convergeZones() {
    const zones = getService(strapi, 'zones');
    if (!(await zones.get()).stored) await zones.setBody({ timeZone: 'Asia/Makassar' });
    for (const group of PEOPLE) {
      const unit = await strapi.db.query(UID.unit).findOne({ where: { code: group.short.toUpperCase() } });
      if (unit && !unit.timeZone) await strapi.db.query(UID.unit).update({ where: { id: unit.id }, data: { timeZone: group.timeZone } });
    }
  }

  return {
    /** Only when asked for (`npm run dev` sets PPID_DEMO_SEED=true), and never in production. */
    enabled() {
      return process.env.NODE_ENV !== 'production' && process.env.PPID_DEMO_SEED === 'true';
    },

    /**
     * Outside development, demo accounts are accounts with a published password: warn loudly
     * at every start until they are removed. Returns how many there are.
     */
    async warnIfPresent(): Promise<number> {
      if (process.env.NODE_ENV === 'development') return 0;
      const count = await strapi.db.query('admin::user').count({ where: { email: { $endsWith: DEMO_EMAIL_DOMAIN } } });
      if (count > 0) {
        strapi.log.warn(
          `[ppid] WARNING / PERINGATAN: ${count} demo account(s) (*${DEMO_EMAIL_DOMAIN}) exist in this database while NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}. ` +
            'Their password is published in the README: delete these accounts (Settings > Users) before real use. / ' +
            'Akun demo dengan kata sandi yang dipublikasikan ada di basis data ini: hapus akun tersebut sebelum digunakan.'
        );
      }
      return count;
    },

    /** Why the demo cannot be seeded in this app (it needs the reference item and DIP entry types), or null. */
    refusal(): string | null {
      const t = appTypes(strapi);
      const missing = (['itemType', 'dipEntryType'] as const).filter((k) => !t[k]);
      return missing.length
        ? `[ppid] demo seed refused: it needs the reference content types, and ppid config ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} null ` +
            '(this app has no such type; the package README says how to add the reference types). / Data demo tidak dibuat: tipe konten rujukan tidak ada.'
        : null;
    },

    async seedOnce(): Promise<{ email: string; role: string }[] | null> {
      const refused = this.refusal();
      if (refused) {
        strapi.log.error(refused);
        return null;
      }
      if (await store().get({})) {
        // A database seeded by an older version gets the demo roles' current permissions.
        await this.convergeRoles();
        return null;
      }
      const accounts = await this.seed();
      await store().set({ value: { at: new Date().toISOString() } });
      return accounts;
    },

    /** Brings every existing demo role's permissions to what its SOP step needs (idempotent). */
    async convergeRoles() {
      const dir = getService(strapi, 'directory');
      for (const group of PEOPLE) {
        for (const [roleKey, jabatan] of Object.entries(group.roles)) {
          const name = roleName(group.short, jabatan);
          const role = await strapi.db.query('admin::role').findOne({ where: { name } });
          if (!role) continue;
          await dir.ensureRole(name, '', await grantOf(group, roleKey), { converge: true });
          if (bodyWide(group.sop)) await dir.mapRole(group.sop, roleKey, role.id, null);
        }
      }
      await mapConsequenceTestRoles();
      await mapRequestServiceRoles();
      await convergeZones();
    },

    async seed() {
      const refused = this.refusal();
      if (refused) throw new Error(refused);
      const item = appTypes(strapi).itemType!;
      const dir = getService(strapi, 'directory');
      const wf = getService(strapi, 'workflow');
      const superRole = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
      await dir.ensureUser({ email: DEMO_ADMIN.email, firstname: 'Admin', lastname: 'PPID', password: DEMO_PASSWORD, roles: [superRole.id] });

      const root = await dir.ensureUnit({ code: 'PEMDA', name: 'Pemerintah Daerah (demo)' });
      const accounts: { email: string; role: string }[] = [{ email: DEMO_ADMIN.email, role: 'Super Admin' }];
      const users: Record<string, number> = {};
      let serial = 1;
      for (const group of PEOPLE) {
        const unit = await dir.ensureUnit({ code: group.short.toUpperCase(), name: group.unitName, parent: root.id, timeZone: group.timeZone });
        for (const [roleKey, jabatan] of Object.entries(group.roles)) {
          const role = await dir.ensureRole(roleName(group.short, jabatan), `Peran SOP ${roleKey} (${group.sop})`, await grantOf(group, roleKey), { converge: true });
          const email = `${roleKey}.${group.short}@demo.ppid.local`;
          const user = await dir.ensureUser({ email, firstname: jabatan, lastname: '', password: DEMO_PASSWORD, roles: [role.id] });
          // Valid NIPs: born 1980-01-15, appointed 2005-03, serials 001...
          const nip = `198001152005031${String(serial++).padStart(3, '0')}`;
          await dir.ensureOfficial({ nama: `${jabatan} (demo)`, nip, jabatan, unit: unit.id, user: user.id });
          await dir.mapRole(group.sop, roleKey, role.id, bodyWide(group.sop) ? null : unit.id);
          users[`${group.short}.${roleKey}`] = user.id;
          accounts.push({ email, role: `${group.sop} / ${roleKey}` });
        }
      }

      await mapConsequenceTestRoles();
      await mapRequestServiceRoles();
      await convergeZones(); // before the first submit: deadlines in each unit's local hours
      await getService(strapi, 'kop').seedDemo(); // the demo body's kop (letterhead) and logo, and its units' own

      // Items of Kecamatan Palaran at different steps of seed 000. The Camat opens each run: step 1
      // (instruct) is the Camat's, and the first step's pelaksana starts the run (issue #16).
      const unit = await strapi.db.query(UID.unit).findOne({ where: { code: 'PALARAN' } });
      const u = (k: string) => users[`palaran.${k}`];
      const make = (title: string, summary: string) =>
        strapi.documents(item as any).create({
          data: { title, summary, classification: 'setiap_saat', unit: unit.id, holder: 'Kecamatan Palaran', responsible: 'Sekretaris Kecamatan' } as any,
        });
      const sign = { password: DEMO_PASSWORD, confirmIntent: true };

      const a = await make('Jadwal pelayanan KTP keliling Desember 2026', 'Jadwal dan lokasi pelayanan perekaman KTP-el keliling.');
      await wf.submit({ uid: item, documentId: a.documentId }, u('camat'));

      const b = await make('Kerja bakti RT 12 Kelurahan Rawa Makmur', 'Laporan kegiatan kerja bakti warga.');
      const runB = await wf.submit({ uid: item, documentId: b.documentId }, u('camat'));
      await wf.act(runB.id, { act: 'approve' }, u('camat'));
      await wf.act(runB.id, { act: 'submit' }, u('staf'));

      const c = await make('Profil Kecamatan Palaran', 'Profil, struktur organisasi dan tugas pokok kecamatan.');
      const runC = await wf.submit({ uid: item, documentId: c.documentId }, u('camat'));
      await wf.act(runC.id, { act: 'approve' }, u('camat'));
      await wf.act(runC.id, { act: 'submit' }, u('staf'));
      await wf.act(runC.id, { act: 'approve' }, u('kasubbag-kasi'));
      await wf.act(runC.id, { act: 'approve', ...sign }, u('sekretaris'));
      await wf.act(runC.id, { act: 'approve', ...sign }, u('camat'));
      await wf.act(runC.id, { act: 'handover' }, u('kasubbag-kasi'));
      await wf.act(runC.id, { act: 'publish' }, u('staf'));
      return accounts;
    },
  };
};
