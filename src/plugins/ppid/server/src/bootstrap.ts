import type { Core } from '@strapi/strapi';
import { ACTIONS } from './permissions';
import { UID } from './utils/uids';

// The public website reads these types; the public guard decides which rows it may see, so
// granting find/findOne to the public role is safe.
const PUBLIC_READ = [
  'api::information-item.information-item.find',
  'api::information-item.information-item.findOne',
  'api::dip-entry.dip-entry.find',
  'api::dip-entry.dip-entry.findOne',
  'api::information-kind.information-kind.find',
  'api::information-kind.information-kind.findOne',
];

export async function grantPublicRead(strapi: Core.Strapi) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const existing = await strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: role.id, action: { $in: PUBLIC_READ } } });
  const have = new Set(existing.map((p: { action: string }) => p.action));
  for (const action of PUBLIC_READ.filter((a) => !have.has(a))) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
}

/** Information items run the publication SOPs; seed 000 is the default. */
const DEFAULT_BINDINGS = [
  { contentType: UID.informationItem, sopCode: 'palaran-publikasi-website', isDefault: true },
  { contentType: UID.informationItem, sopCode: 'kalteng-pendokumentasian-publikasi', isDefault: false },
  { contentType: UID.informationItem, sopCode: 'pontianak-dinsos-pengumuman', isDefault: false },
];

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  const ppid = strapi.plugin('ppid');

  // Seed SOPs: each shipped file is imported once per version (unchanged files are skipped).
  const imported = await ppid.service('sops').importSeeds();
  const codes = new Set(imported.map((i: { code: string }) => i.code));
  if ((await strapi.db.query(UID.binding).count({})) === 0) {
    for (const b of DEFAULT_BINDINGS.filter((d) => codes.has(d.sopCode))) await strapi.db.query(UID.binding).create({ data: b });
  }
  await ppid.service('content').refreshBindings();
  ppid.service('keys').load();
  await grantPublicRead(strapi);
};
