import type { Core } from '@strapi/strapi';
import { UID } from '../utils/uids';

/**
 * Development demo (never in production): a body with units and officials, one admin user per
 * SOP role of the four seed SOPs, and a few items at different steps, so a newcomer can log in
 * and try every act at once. Runs once (marker in Strapi's store).
 */
export const DEMO_PASSWORD = 'Demo-PPID-2026!';
export const DEMO_ADMIN = { email: 'admin@demo.ppid.local', password: DEMO_PASSWORD };

// Per SOP: its role keys and a believable jabatan for the demo official.
const PEOPLE: { sop: string; short: string; roles: Record<string, string> }[] = [
  { sop: 'palaran-publikasi-website', short: 'palaran', roles: { camat: 'Camat Palaran', sekretaris: 'Sekretaris Kecamatan', 'kasubbag-kasi': 'Kasi Pemerintahan', staf: 'JFU Pengelola Informasi' } },
  { sop: 'kalteng-pendokumentasian-publikasi', short: 'kalteng', roles: { 'ppid-pembantu': 'PPID Pembantu', 'ppid-utama': 'Kepala Diskominfo (PPID Utama)', 'admin-ppid': 'Admin PPID' } },
  { sop: 'kutim-bkpsdm-penetapan-dip', short: 'kutim', roles: { 'petugas-informasi': 'Petugas Informasi', 'ppid-pelaksana': 'PPID Pelaksana', ppid: 'PPID', 'atasan-ppid': 'Kepala BKPSDM (Atasan PPID)' } },
  { sop: 'pontianak-dinsos-pengumuman', short: 'pontianak', roles: { 'bidang-pli': 'Kabid Pengelolaan dan Layanan Informasi', 'petugas-informasi': 'Operator PPID', 'ppid-pelaksana': 'PPID Pelaksana', 'ppid-utama': 'PPID Utama' } },
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ppid = () => strapi.plugin('ppid');
  const store = () => strapi.store({ type: 'plugin', name: 'ppid', key: 'demo-seeded' });

  return {
    enabled() {
      return process.env.NODE_ENV !== 'production' && process.env.PPID_DEMO_SEED !== 'false';
    },

    async seedOnce(): Promise<{ email: string; role: string }[] | null> {
      if (await store().get({})) return null;
      const accounts = await this.seed();
      await store().set({ value: { at: new Date().toISOString() } });
      return accounts;
    },

    async seed() {
      const dir = ppid().service('directory');
      const wf = ppid().service('workflow');
      const superRole = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
      await dir.ensureUser({ email: DEMO_ADMIN.email, firstname: 'Admin', lastname: 'PPID', password: DEMO_PASSWORD, roles: [superRole.id] });

      const root = await dir.ensureUnit({ code: 'PEMDA', name: 'Pemerintah Daerah (demo)' });
      const accounts: { email: string; role: string }[] = [{ email: DEMO_ADMIN.email, role: 'Super Admin' }];
      const users: Record<string, number> = {};
      let serial = 1;
      for (const group of PEOPLE) {
        const unit = await dir.ensureUnit({ code: group.short.toUpperCase(), name: `Unit ${group.short}`, parent: root.id });
        for (const [roleKey, jabatan] of Object.entries(group.roles)) {
          const role = await dir.ensureRole(`${group.short}: ${jabatan}`, `Peran SOP ${roleKey} (${group.sop})`);
          const email = `${roleKey}.${group.short}@demo.ppid.local`;
          const user = await dir.ensureUser({ email, firstname: jabatan, lastname: '', password: DEMO_PASSWORD, roles: [role.id] });
          // Valid NIPs: born 1980-01-15, appointed 2005-03, serials 001...
          const nip = `198001152005031${String(serial++).padStart(3, '0')}`;
          await dir.ensureOfficial({ nama: `${jabatan} (demo)`, nip, jabatan, unit: unit.id, user: user.id });
          await dir.mapRole(group.sop, roleKey, role.id, unit.id);
          users[`${group.short}.${roleKey}`] = user.id;
          accounts.push({ email, role: `${group.sop} / ${roleKey}` });
        }
      }

      await ppid().service('kop').seedDemo(); // the demo body's kop (letterhead) and logo, and its units' own

      // Items of Kecamatan Palaran at different steps of seed 000.
      const unit = await strapi.db.query(UID.unit).findOne({ where: { code: 'PALARAN' } });
      const u = (k: string) => users[`palaran.${k}`];
      const make = (title: string, summary: string) =>
        strapi.documents(UID.informationItem as any).create({
          data: { title, summary, classification: 'setiap_saat', unit: unit.id, holder: 'Kecamatan Palaran', responsible: 'Sekretaris Kecamatan' } as any,
        });
      const sign = { password: DEMO_PASSWORD, confirmIntent: true };

      const a = await make('Jadwal pelayanan KTP keliling Desember 2026', 'Jadwal dan lokasi pelayanan perekaman KTP-el keliling.');
      await wf.submit({ uid: UID.informationItem, documentId: a.documentId }, u('staf'));

      const b = await make('Kerja bakti RT 12 Kelurahan Rawa Makmur', 'Laporan kegiatan kerja bakti warga.');
      const runB = await wf.submit({ uid: UID.informationItem, documentId: b.documentId }, u('staf'));
      await wf.act(runB.id, { act: 'approve' }, u('camat'));
      await wf.act(runB.id, { act: 'submit' }, u('staf'));

      const c = await make('Profil Kecamatan Palaran', 'Profil, struktur organisasi dan tugas pokok kecamatan.');
      const runC = await wf.submit({ uid: UID.informationItem, documentId: c.documentId }, u('staf'));
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
