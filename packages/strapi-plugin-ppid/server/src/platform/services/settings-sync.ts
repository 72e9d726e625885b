import type { Core } from '@strapi/strapi';
import { UID } from '../uids';
import { getService } from '../../services/get-service';

/**
 * Keeps the settings each instance caches in memory (the SOP bindings: which types are governed
 * and by which SOP) the same on every instance, without a message bus. Every change of a binding,
 * whatever the door (routes, scripts, the boot seed), bumps a version in one counter row
 * (`ppid_counters`, unique name: one indexed read). An instance compares it with the version it
 * loaded: on every governed write (the governance middleware), on workflow submits, and at most
 * every `settingsRefreshMs` (PPID_SETTINGS_REFRESH_MS, default 1 s: one indexed read a second at
 * most, and a binding change reaches the public reads of every instance within 2 s) on public reads.
 */
export const SETTINGS_COUNTER = 'ppid:settings-version';
const WATCHED = [UID.binding];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let known: string | null = null;
  let lastCheck = 0;
  let dirty = true;
  const counters = () => strapi.db.query(UID.counter);

  const refreshMs = () => {
    const raw = strapi.plugin('ppid').config('settingsRefreshMs') ?? process.env.PPID_SETTINGS_REFRESH_MS;
    const n = raw == null || raw === '' ? NaN : Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : 1000;
  };

  const self = {
    /** The stored version ('0' before the first change). */
    async version(): Promise<string> {
      const row = await counters().findOne({ where: { name: SETTINGS_COUNTER }, select: ['value'] });
      return String(row?.value ?? '0');
    },

    /** Inside the changing transaction: one more version; this instance reloads after it. */
    async bump() {
      dirty = true;
      const table = strapi.db.metadata.get(UID.counter as any).tableName;
      // Joins the caller's transaction: a rolled-back change leaves the version as it was.
      await strapi.db.transaction(async ({ trx }: any) => {
        const n = await strapi.db.connection(table).transacting(trx).where({ name: SETTINGS_COUNTER }).increment('value', 1);
        if (!n) await counters().create({ data: { name: SETTINGS_COUNTER, value: '1' } });
      });
    },

    /**
     * Reloads the bindings when another instance (or this one) changed them. `maxAgeMs` 0 checks
     * now; otherwise at most once per interval.
     */
    async ensureFresh(opts: { maxAgeMs?: number } = {}) {
      const maxAge = opts.maxAgeMs ?? refreshMs();
      const now = Date.now();
      if (!dirty && now - lastCheck < maxAge) return;
      lastCheck = now;
      // No shared in-flight promise: a caller inside a transaction must not wait on a query that
      // waits for that transaction's connection (SQLite has one). Two reloads at once are harmless.
      const v = await self.version();
      if (dirty || v !== known) {
        dirty = false;
        known = v;
        await getService(strapi, 'content').refreshBindings();
      }
    },

    /** Bootstrap: bump on every change of a watched type, and remember the loaded version. */
    async install() {
      const bump = async () => self.bump();
      strapi.db.lifecycles.subscribe({
        models: WATCHED,
        afterCreate: bump,
        afterCreateMany: bump,
        afterUpdate: bump,
        afterUpdateMany: bump,
        afterDelete: bump,
        afterDeleteMany: bump,
      } as any);
      if (!(await counters().findOne({ where: { name: SETTINGS_COUNTER } }))) {
        await counters().create({ data: { name: SETTINGS_COUNTER, value: '0' } }).catch(() => null); // another instance made it
      }
      known = await self.version();
      dirty = false;
      lastCheck = Date.now();
    },
  };
  return self;
};
