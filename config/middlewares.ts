export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  // /portal → /portal/ for the reference public page in public/portal (docs/portal.md).
  'plugin::ppid.portal',
  'strapi::public',
];
