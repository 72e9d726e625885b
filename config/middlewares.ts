export default ({ env }) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // 304 for a still-valid public ETag before routing (docs/api.md, HTTP caching): after cors and
  // security, so the answer carries their headers.
  ...(env.bool('PPID_ENABLED', true) ? ['plugin::ppid.http-cache-precheck'] : []),
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  // /portal → /portal/ for the reference public page in public/portal (docs/portal.md).
  // Absent when the plugin is switched off (PPID_ENABLED=false, used by the boot benchmark).
  ...(env.bool('PPID_ENABLED', true) ? ['plugin::ppid.portal'] : []),
  'strapi::public',
];
