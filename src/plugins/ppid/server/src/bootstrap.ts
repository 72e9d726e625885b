import type { Core } from '@strapi/strapi';

// The public website reads these types; the guard (document service middleware) decides
// which rows it may see, so granting find/findOne to the public role is safe.
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

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // users-permissions creates its roles in its own bootstrap, which may run after ours:
  // grant public read once every plugin has bootstrapped (the app's bootstrap calls
  // the `access` service), and also here when the roles already exist.
  await grantPublicRead(strapi);
};
