import type { Core } from '@strapi/strapi';
import { UID, appTypes } from '../uids';

/**
 * Database indexes the product creates and keeps for the filters the public site and the
 * workflow use most: the governed type's classification and publication columns, and the run
 * table the public guard reads on every public request.
 *
 * Why here and not in the content-type schemas: Strapi 5 schemas cannot declare indexes on an
 * app's own columns, and Strapi's schema sync drops indexes it does not know when a schema
 * changes. So they are (re)created idempotently on every boot, after the sync:
 * `CREATE INDEX IF NOT EXISTS` on SQLite and PostgreSQL; MySQL has no IF NOT EXISTS for
 * indexes, so it checks information_schema first. A failure is logged, never fatal: an index
 * is an optimisation, not a rule.
 */
type IndexSpec = { uid: string; name: string; columns: string[] };

/** The specs for this app: the item type's (config itemType; none when the host has none), and the run table's. */
const specsFor = (itemType: string | null): IndexSpec[] => [
  ...(itemType
    ? [
        // Public lists filtered by class (and Strapi's own published/draft split).
        { uid: itemType, name: 'ppid_ii_class_pub_idx', columns: ['classification', 'published_at'] },
        { uid: itemType, name: 'ppid_ii_pub_idx', columns: ['published_at', 'document_id'] },
        // The public guard's flag (services/public-filter.ts): public rows, by class.
        { uid: itemType, name: 'ppid_ii_public_idx', columns: ['ppid_public', 'classification', 'published_at'] },
      ]
    : []),
  // The public guard: runs that reached their publish act, per governed type.
  { uid: UID.run, name: 'ppid_runs_status_uid_idx', columns: ['status', 'item_uid', 'item_document_id'] },
  { uid: UID.run, name: 'ppid_runs_item_idx', columns: ['item_uid', 'item_document_id'] },
  // The public guard's redaction: active partial exclusions of an item, by field.
  { uid: UID.excludedInformation, name: 'ppid_excl_item_idx', columns: ['item_document_id', 'status', 'cakupan'] },
  // Task lists: runs waiting for a role.
  { uid: UID.run, name: 'ppid_runs_role_idx', columns: ['current_role', 'status'] },
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const self = {
    specs: () => specsFor(appTypes(strapi).itemType),

    tableOf(uid: string): string | null {
      try {
        return (strapi.db.metadata.get(uid as any) as any)?.tableName ?? null;
      } catch {
        return null;
      }
    },

    /** Creates every missing index; returns the names it ensured. */
    async ensure(): Promise<string[]> {
      const knex = strapi.db.connection;
      const client = strapi.db.dialect.client as string;
      const done: string[] = [];
      for (const spec of self.specs()) {
        const table = self.tableOf(spec.uid);
        if (!table) continue;
        try {
          const cols = spec.columns;
          const existing = await Promise.all(cols.map((c) => knex.schema.hasColumn(table, c)));
          if (existing.some((e) => !e)) continue; // a column this version does not have
          if (client === 'mysql') {
            const [rows] = await knex.raw(
              'SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? LIMIT 1',
              [table, spec.name]
            );
            if (!rows.length) await knex.schema.alterTable(table, (t) => t.index(cols, spec.name));
          } else {
            const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
            await knex.raw(`CREATE INDEX IF NOT EXISTS ${q(spec.name)} ON ${q(table)} (${cols.map(q).join(', ')})`);
          }
          done.push(spec.name);
        } catch (e: any) {
          strapi.log.warn(`[ppid] index ${spec.name} not created: ${e?.message ?? e}`);
        }
      }
      return done;
    },
  };
  return self;
};
