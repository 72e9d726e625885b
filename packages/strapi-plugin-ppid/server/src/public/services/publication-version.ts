import type { Core } from '@strapi/strapi';
import { track } from '../../platform/background';
import { UID } from '../../platform/uids';

/**
 * The publication version: one counter row (`ppid_counters`, name `ppid:publication-version`)
 * that every change the public could see bumps, in the changing transaction. It is part of every
 * ETag of the public reads (middlewares/http-cache.ts), so an answer tagged at version v is never
 * confirmed (304) once something public changed: a withdrawn or excluded item is not served from
 * a conditional request after the act that withdrew it commits. The same counter on every
 * instance: the tags agree behind a load balancer.
 *
 * What bumps it (database lifecycles, so every door counts: REST, the Content Manager, the
 * workflow's publish and unpublish, an exclusion's classification write, scripts through the query
 * engine): a write of a published row of any app type (`api::*`), of a type without Draft &
 * Publish, of an uploaded file, of a DIP edition, of a binding (which types are governed), of an
 * excluded-information register row or a published consequence test (partial exclusions black
 * out fields), and of the public role's permissions (what the public may read at all).
 * Draft saves do not: the public never sees a draft row. Each bump, once committed, emits the
 * `ppid.purge` event (a Strapi webhook) naming the URLs a CDN should purge.
 *
 * The counter is taken in the `before*` lifecycle, ahead of the row the write locks, so two
 * transactions that both write public rows queue on the counter instead of deadlocking on each
 * other's rows; a transaction bumps once, however many rows it writes. Bulk writes that touch
 * draft rows only do not bump. The signature chain's head is locked just before the counter
 * (see bump()), so every transaction takes the two in the same order.
 */
export const PUBLICATION_COUNTER = 'ppid:publication-version';
// The signature chain's head row (signature/services/records.ts): see the lock order in bump().
const CHAIN_HEAD = 'signature-chain';

type Change = { uid: string; documentId: string | null };
type Pending = { changes: Change[] };

const WRITES = ['Create', 'CreateMany', 'Update', 'UpdateMany', 'Delete', 'DeleteMany'] as const;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const counters = () => strapi.db.query(UID.counter);
  const table = () => strapi.db.metadata.get(UID.counter as any).tableName;
  // One bump per transaction: the transaction object is the key (nested transactions share it).
  const pending = new WeakMap<object, Pending>();

  const watched = (): string[] => [
    ...Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::')),
    'plugin::upload.file',
    UID.dipEdition,
    UID.binding,
    // Partial exclusions in force decide which fields the guard blacks out (public-filter.ts).
    UID.excludedInformation,
    UID.consequenceTest,
    // Who may read what publicly: a 304 before authentication relies on these too.
    'plugin::users-permissions.permission',
    'plugin::users-permissions.role',
  ].filter((uid) => strapi.db.metadata.has(uid));

  const hasDraftAndPublish = (uid: string) => !!(strapi.getModel(uid as any) as any)?.options?.draftAndPublish;

  /** The documentId a write names, when it names exactly one. */
  const documentIdOf = (params: any, result?: any): string | null => {
    const fromResult = result && !Array.isArray(result) ? result.documentId : null;
    if (typeof fromResult === 'string') return fromResult;
    const d = params?.data?.documentId ?? params?.where?.documentId;
    return typeof d === 'string' ? d : null;
  };

  const self = {
    /** The committed version, as text ('0' before the first change). One indexed read. */
    async version(): Promise<string> {
      const row = await counters().findOne({ where: { name: PUBLICATION_COUNTER }, select: ['value'] });
      return String(row?.value ?? '0');
    },

    /**
     * One more version, inside the caller's transaction (a rolled-back change leaves it as it
     * was); the purge event goes out after the commit. Calls in the same transaction add their
     * changes to the one bump.
     */
    async bump(change: Change) {
      await strapi.db.transaction(async ({ trx, onCommit }: any) => {
        const open = pending.get(trx);
        if (open) {
          if (!open.changes.some((c) => c.uid === change.uid && c.documentId === change.documentId)) open.changes.push(change);
          return;
        }
        const entry: Pending = { changes: [change] };
        pending.set(trx, entry);
        // Lock order: the signature chain's head first, then this counter. A publish act appends
        // its record (chain) before it publishes, an unpublish in the Content Manager writes the
        // row before its sealed record: taking the chain here first gives both the same order,
        // so they queue instead of deadlocking (no-op where the transaction already holds it).
        await strapi.db.connection(table()).transacting(trx).where({ name: CHAIN_HEAD }).forUpdate().first();
        const n = await strapi.db.connection(table()).transacting(trx).where({ name: PUBLICATION_COUNTER }).increment('value', 1);
        if (!n) await counters().create({ data: { name: PUBLICATION_COUNTER, value: '1' } });
        onCommit(() => {
          pending.delete(trx);
          void track(self.emitPurge(entry.changes).catch((e) => strapi.log.error(`[ppid] purge event: ${e?.message ?? e}`)));
        });
      });
    },

    /** What a CDN should drop after these changes (docs/api.md, "Caching behind a CDN"). */
    purgeTargets(changes: Change[]) {
      const paths = new Set<string>();
      const prefixes = new Set<string>();
      const apiPath = (uid: string) => {
        const ct: any = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
        if (!ct?.info) return null;
        return ct.kind === 'singleType' ? `/api/${ct.info.singularName}` : `/api/${ct.info.pluralName}`;
      };
      const types = new Set(changes.map((c) => c.uid));
      // Lists of other app types may populate a changed type: their lists are purged too.
      for (const uid of Object.keys(strapi.contentTypes)) {
        if (!uid.startsWith('api::')) continue;
        const attrs = (strapi.contentTypes as any)[uid].attributes ?? {};
        if (Object.values<any>(attrs).some((a) => a?.type === 'relation' && types.has(a.target))) types.add(uid);
      }
      for (const uid of types) {
        const base = apiPath(uid);
        if (!base || !uid.startsWith('api::')) continue;
        paths.add(base);
        prefixes.add(base);
      }
      for (const c of changes) {
        const base = c.uid.startsWith('api::') ? apiPath(c.uid) : null;
        if (base && c.documentId && (strapi.contentTypes as any)[c.uid]?.kind !== 'singleType') {
          paths.add(`${base}/${c.documentId}`);
          paths.add(`/api/ppid/publications/${c.documentId}`);
        }
      }
      // The DIP's public answers depend on editions and (exports drop what is now excluded) on items.
      if (changes.some((c) => c.uid === UID.dipEdition || c.uid.startsWith('api::') || c.uid === UID.binding)) {
        paths.add('/api/ppid/dip/current');
        paths.add('/api/ppid/dip/editions');
        prefixes.add('/api/ppid/dip/');
      }
      if (changes.some((c) => [UID.binding, UID.excludedInformation, UID.consequenceTest, 'plugin::upload.file'].includes(c.uid as any) || c.uid.startsWith('plugin::users-permissions.'))) {
        // Which types are governed changed, or a file's links: every public read may differ.
        prefixes.add('/api/');
      }
      const base = String(process.env.PUBLIC_URL || strapi.config.get('server.url') || '').replace(/\/+$/, '');
      const sorted = [...paths].sort();
      return {
        paths: sorted,
        prefixes: [...prefixes].sort(),
        urls: /^https?:\/\//.test(base) ? sorted.map((p) => `${base}${p}`) : [],
      };
    },

    async emitPurge(changes: Change[]) {
      const version = await self.version();
      await strapi.eventHub.emit('ppid.purge', { version, ...self.purgeTargets(changes) });
    },

    /** Bootstrap: the counter row, the lifecycle hooks, and one bump (a new release may render differently). */
    async install() {
      if (!(await counters().findOne({ where: { name: PUBLICATION_COUNTER } }))) {
        await counters().create({ data: { name: PUBLICATION_COUNTER, value: '0' } }).catch(() => null); // another instance made it
      }
      const models = watched();
      const subscriber: Record<string, any> = { models };
      const relevant = (action: string, uid: string, params: any, result?: any) => {
        // A draft row is invisible to the public; a publish creates the published row.
        if (action === 'Create' && hasDraftAndPublish(uid)) return !!(result?.publishedAt ?? params?.data?.publishedAt);
        // A single-row update: only the row's own state says whether it is public.
        if (action === 'Update' && hasDraftAndPublish(uid)) return !!result?.publishedAt;
        return true;
      };
      /**
       * The documentIds a bulk write touches, read before it while the rows exist (at most 100;
       * `[null]`: more, or not known), and whether any of them is a published row.
       */
      const touched = async (uid: string, params: any): Promise<{ ids: (string | null)[]; published: boolean }> => {
        if (!params?.where) return { ids: [documentIdOf(params)], published: true };
        const dp = hasDraftAndPublish(uid);
        const rows = await strapi.db
          .query(uid as any)
          .findMany({ where: params.where, select: dp ? ['documentId', 'publishedAt'] : ['documentId'], limit: 101 })
          .catch(() => null);
        if (!rows) return { ids: [documentIdOf(params)], published: true };
        const ids = [...new Set(rows.map((r: any) => r.documentId).filter((d: unknown) => typeof d === 'string'))] as string[];
        // Draft rows only (a discarded draft, a draft edition's bookkeeping): nothing public changes.
        const published = !dp || rows.length > 100 || rows.some((r: any) => r.publishedAt);
        return { ids: ids.length && ids.length <= 100 ? ids : [documentIdOf(params)], published };
      };
      const bumpAll = async (uid: string, documentIds: (string | null)[]) => {
        for (const documentId of documentIds) await self.bump({ uid, documentId });
      };
      for (const action of WRITES) {
        // In a transaction: before the write (see above), committed with it. Outside one (a bare
        // query): after the write, so that no reader can tag the old rows with the new version.
        if (action !== 'Update') {
          subscriber[`before${action}`] = async (event: { model: { uid: string }; params: any; state: any }) => {
            if (!relevant(action, event.model.uid, event.params)) return;
            let documentIds: (string | null)[] = [documentIdOf(event.params)];
            if (action !== 'Create' && action !== 'CreateMany') {
              const t = await touched(event.model.uid, event.params);
              if (!t.published) {
                if (event.state) event.state.ppidSkip = true;
                return;
              }
              documentIds = t.ids;
            }
            if (strapi.db.inTransaction()) await bumpAll(event.model.uid, documentIds);
            else if (event.state) event.state.ppidTouched = documentIds;
          };
        }
        subscriber[`after${action}`] = async (event: { model: { uid: string }; params: any; result: any; state: any }) => {
          if (action !== 'Update' && strapi.db.inTransaction()) return;
          if (event.state?.ppidSkip || !relevant(action, event.model.uid, event.params, event.result)) return;
          const documentIds = event.state?.ppidTouched ?? [documentIdOf(event.params, event.result)];
          await bumpAll(event.model.uid, documentIds);
        };
      }
      strapi.db.lifecycles.subscribe(subscriber as any);
      await self.bump({ uid: UID.binding, documentId: null });
    },
  };
  return self;
};
