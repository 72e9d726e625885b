import { performance } from 'node:perf_hooks';
import type { Core } from '@strapi/strapi';
import { bucketOf } from './public/services/bucket';
import { leasePluginJobs } from './platform/background';
import { ACTIONS } from './platform/permissions';
import { UID, appTypes } from './platform/uids';
import { PPID_EVENTS } from './workflow/services/events';
import { getService } from './services/get-service';
import { migrateAtBoot } from './platform/migrations';
import { ensureRequestTables } from './requests/tables';

// The public website reads the app's item, DIP entry and kind types (those the host has,
// config/index.ts); the public guard decides which rows it may see, so granting find/findOne to
// the public role is safe.
export function publicReadActions(strapi: Core.Strapi): string[] {
  const t = appTypes(strapi);
  return [t.itemType, t.dipEntryType, t.kindType]
    .filter((uid): uid is string => !!uid && uid.startsWith('api::'))
    .flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);
}

export async function grantPublicRead(strapi: Core.Strapi) {
  // A host without users-permissions has nothing to grant.
  if (!strapi.contentTypes['plugin::users-permissions.role' as any]) return;
  const actions = publicReadActions(strapi);
  if (!actions.length) return;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const existing = await strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: role.id, action: { $in: actions } } });
  const have = new Set(existing.map((p: { action: string }) => p.action));
  for (const action of actions.filter((a) => !have.has(a))) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
}

/** Information items run the publication SOPs (seed 000 is the default), when the host has an item type. */
function defaultBindings(strapi: Core.Strapi) {
  const item = appTypes(strapi).itemType;
  return [
    ...(item
      ? [
          { contentType: item, sopCode: 'palaran-publikasi-website', isDefault: true },
          { contentType: item, sopCode: 'kalteng-pendokumentasian-publikasi', isDefault: false },
          { contentType: item, sopCode: 'pontianak-dinsos-pengumuman', isDefault: false },
        ]
      : []),
    // A DIP edition is established by decree through seed 002 (Penetapan dan Pemutakhiran DIP).
    { contentType: UID.dipEdition, sopCode: 'kutim-bkpsdm-penetapan-dip', isDefault: true },
    // A consequence test is decided through the product template 100 (uji konsekuensi).
    { contentType: UID.consequenceTest, sopCode: 'uji-konsekuensi', isDefault: true },
  ];
}

/**
 * Adds each default binding that is missing (by type and SOP code), so an existing database gets
 * the bindings of a newer release; existing bindings are never changed. A missing default is
 * added as the type's default only when the type has no default yet (a body's choice stands).
 */
export async function ensureDefaultBindings(strapi: Core.Strapi, codes: Set<string>) {
  const q = strapi.db.query(UID.binding);
  const rows = (await q.findMany({})) as { contentType: string; sopCode: string; isDefault: boolean }[];
  for (const b of defaultBindings(strapi).filter((d) => codes.has(d.sopCode))) {
    if (rows.some((r) => r.contentType === b.contentType && r.sopCode === b.sopCode)) continue;
    const isDefault = b.isDefault && !rows.some((r) => r.contentType === b.contentType && r.isDefault);
    const row = { ...b, isDefault };
    await q.create({ data: row });
    rows.push(row);
  }
}

/**
 * PPID_BOOT_TIMING=1 logs how long each bootstrap step took (bench/contention.js boot; issue #17
 * keeps the plugin's share of the boot small).
 */
function bootTimer(strapi: Core.Strapi) {
  const on = process.env.PPID_BOOT_TIMING === '1';
  const spent: string[] = [];
  let total = 0;
  const timed = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    if (!on) return fn();
    const t = performance.now();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - t;
      total += ms;
      spent.push(`${name} ${ms.toFixed(0)}`);
      if (name === 'cm-labels.apply') strapi.log.error(`[ppid] bootstrap ${total.toFixed(0)} ms: ${spent.join(', ')}`);
    }
  };
  return timed;
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const timed = bootTimer(strapi);
  await timed('permissions.registerMany', () => strapi.service('admin::permission').actionProvider.registerMany(ACTIONS));
  // Every `ppid*` cron job, however registered, runs once per interval across instances (platform/background.ts).
  leasePluginJobs(strapi);
  const ppid = strapi.plugin('ppid');
  // One-time schema and data changes between plugin versions, once per database, before anything
  // else (platform/migrations: 001 seals the configuration that predates sealing).
  await timed('migrateAtBoot', () => migrateAtBoot(strapi));
  // Uniqueness as database constraints, before anything writes (services/constraints.ts: why here).
  await timed('constraints.ensure', () => getService(strapi, 'constraints').ensure());
  // The request doors' own tables: rate-limit counters and sealed identity scans (requests/tables.ts).
  await timed('requests.tables', () => ensureRequestTables(strapi));
  // Configuration that decides who may sign is sealed whatever door changes it (services/sealing.ts);
  // the baseline of rows from before sealing began is migration 001.
  getService(strapi, 'sealing').install();

  // Seed SOPs: each shipped file is imported once per version (unchanged files are skipped).
  const imported = await timed('sops.importSeeds', () => getService(strapi, 'sops').importSeeds());
  const codes = new Set<string>(imported.map((i: { code: string }) => i.code));
  await timed('ensureDefaultBindings', () => ensureDefaultBindings(strapi, codes));
  await timed('content.refreshBindings', () => getService(strapi, 'content').refreshBindings());
  // Binding changes on any instance reach this one (services/settings-sync.ts).
  await timed('settings-sync.install', () => getService(strapi, 'settings-sync').install());
  getService(strapi, 'keys').load();
  // The PDF signing certificate (PAdES): in production a missing or unreadable PKCS#12 stops the
  // boot here; elsewhere it is read (or made) on the first signature.
  await getService(strapi, 'pdf-signing').checkAtBoot();
  // An S3 upload bucket is served through the attachment guard: a bad provider config stops the boot here.
  bucketOf(strapi);
  await timed('grantPublicRead', () => grantPublicRead(strapi));
  // Indexes for the public filters and the guard (services/indexes.ts: why they live here).
  await timed('indexes.ensure', () => getService(strapi, 'indexes').ensure());

  // Workflow events are Strapi webhook events (Settings > Webhooks); the webhook runner listens
  // on the event hub, where the events service emits them.
  const webhookStore = strapi.get('webhookStore');
  for (const e of PPID_EVENTS) webhookStore.addAllowedEvent(`PPID_${e.toUpperCase()}`, `ppid.${e}`);
  // Reminder and mail jobs: on unless PPID_REMINDERS=false; off in tests (they call tick()).
  const reminders = ppid.config('reminders') as { enabled?: boolean } | undefined;
  const jobsOn = reminders?.enabled ?? (process.env.PPID_REMINDERS ? process.env.PPID_REMINDERS !== 'false' : process.env.NODE_ENV !== 'test');
  if (jobsOn) await getService(strapi, 'reminders').schedule();
  // Pemutakhiran DIP: a bad schedule setting stops the boot here; the daily job runs with the others.
  const dipUpdates = getService(strapi, 'dip').pemutakhiran;
  dipUpdates.updateSchedule();
  if (jobsOn) dipUpdates.schedule();
  // Identity scans of closed cases are deleted at the end of their retention (requests/services/personal-data.ts).
  const scanRetention = getService(strapi, 'request-personal-data');
  if (jobsOn) scanRetention.schedule();
  else scanRetention.registerOnly();
  // Signed checkpoints of the chain head, published outside the database (services/checkpoints.ts);
  // off in tests (they call tick()), PPID_CHECKPOINTS=false turns the job off.
  webhookStore.addAllowedEvent('PPID_CHECKPOINT', 'ppid.checkpoint');
  // The publication version behind every public ETag, and the CDN purge event it emits.
  webhookStore.addAllowedEvent('PPID_PURGE', 'ppid.purge');
  await getService(strapi, 'publication-version').install();
  getService(strapi, 'dip-files').listen();
  const checkpoints = getService(strapi, 'checkpoints');
  const interval = checkpoints.interval(); // a bad PPID_CHECKPOINT_INTERVAL stops the boot here
  if (checkpoints.enabled()) checkpoints.schedule(interval);
  // The public guard (services/public-filter.ts) and the classification seeds (rules, kinds).
  getService(strapi, 'public-filter').install();
  await timed('public-filter.syncFlags', () => getService(strapi, 'public-filter').syncFlags());
  await timed('classification.seed', () => getService(strapi, 'classification').seed());
  await timed('dip.listen', () => getService(strapi, 'dip').listen());
  // Indonesian field labels in the Content Manager (an administrator's own labels are kept).
  await timed('cm-labels.apply', () => getService(strapi, 'cm-labels').apply());
};

/** The demo body when asked for (PPID_DEMO_SEED=true, never in production), once, after every plugin has bootstrapped (see src/index.ts). */
export async function seedDemo(strapi: Core.Strapi) {
  const demo = getService(strapi, 'demo');
  await demo.warnIfPresent();
  if (!demo.enabled()) return;
  const accounts = await demo.seedOnce();
  if (!accounts) return;
  strapi.log.info('[ppid] demo data created. Log in at /admin with any of these (password "Demo-PPID-2026!"):');
  for (const a of accounts) strapi.log.info(`[ppid]   ${a.email.padEnd(44)} ${a.role}`);
}
