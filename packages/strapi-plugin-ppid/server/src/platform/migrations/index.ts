import type { Core } from '@strapi/strapi';
import m001 from './001-sealing-baseline';
import m002 from './002-uji-konsekuensi-roles';

/**
 * The plugin's own versioned migrations: schema and data changes between plugin versions that
 * must run ONCE per database (not at every boot). Each is a function in NNN-name.ts, listed in
 * MIGRATIONS in order; an id is never renamed or reused once released.
 *
 * Why not Strapi's database/migrations: those belong to the host app (a package has no say
 * there) and run at the start of the schema sync, before the plugin's tables exist on a fresh
 * database. These run at the plugin's bootstrap, after the sync, before anything else.
 *
 * The applied ids are rows of the table `ppid_migrations` (id primary key, applied_at), a
 * table of the plugin's own that Strapi's schema sync leaves alone. Each migration runs in one
 * transaction that first inserts its id: a second instance booting at the same moment blocks
 * on that row (PostgreSQL, MySQL/MariaDB: the primary key's lock; SQLite: the write lock) until
 * the first commits, then sees it applied and skips; if the first fails, its insert rolls back
 * with it and the migration is still pending. Note: MySQL/MariaDB commit DDL implicitly, so a
 * migration that changes the schema there must be idempotent.
 *
 * What stays at bootstrap, converging every boot: permissions and actions, public read grants,
 * the uniqueness constraints and indexes (a Strapi schema sync may drop them), the shipped SOP
 * seeds (versioned by file), default bindings, Content Manager labels.
 */
export type MigrationContext = { strapi: Core.Strapi; trx: unknown };
export type Migration = { id: string; up(ctx: MigrationContext): Promise<void> };

export const MIGRATIONS: Migration[] = [m001, m002];
export const MIGRATIONS_TABLE = 'ppid_migrations';

class AlreadyApplied extends Error {}

function isDuplicate(e: any): boolean {
  const msg = String(e?.message ?? '');
  return e?.code === '23505' || e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(msg);
}

async function ensureTable(strapi: Core.Strapi) {
  const schema = () => strapi.db.getSchemaConnection();
  if (await schema().hasTable(MIGRATIONS_TABLE)) return;
  try {
    await schema().createTable(MIGRATIONS_TABLE, (t) => {
      t.string('id', 190).primary();
      t.string('plugin_version', 50).nullable();
      t.datetime('applied_at').notNullable();
    });
  } catch (e) {
    // Another instance created it at the same moment.
    if (!(await schema().hasTable(MIGRATIONS_TABLE))) throw e;
  }
}

/** Ids of the migrations applied to this database, in order. */
export async function appliedMigrations(strapi: Core.Strapi): Promise<string[]> {
  await ensureTable(strapi);
  const rows = await strapi.db.getConnection(MIGRATIONS_TABLE).select('id').orderBy('id', 'asc');
  return rows.map((r: { id: string }) => r.id);
}

const ranAtBoot = new WeakMap<object, string[]>();
/** The ids the bootstrap of this Strapi instance ran (for tests and diagnostics). */
export const migrationsRanAtBoot = (strapi: Core.Strapi): string[] => ranAtBoot.get(strapi) ?? [];

/** The bootstrap's call: runs the pending migrations and remembers which. */
export async function migrateAtBoot(strapi: Core.Strapi): Promise<string[]> {
  const ran = await runMigrations(strapi);
  ranAtBoot.set(strapi, ran);
  return ran;
}

/**
 * Runs every migration of `list` not yet applied to this database, each once, in its own
 * transaction. Returns the ids this call ran (not those another instance ran).
 */
export async function runMigrations(strapi: Core.Strapi, list: Migration[] = MIGRATIONS): Promise<string[]> {
  const ids = list.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new Error(`[ppid] migrations: duplicate id in ${ids.join(', ')}`);
  const applied = new Set(await appliedMigrations(strapi));
  const version = strapi.config.get('enabledPlugins.ppid.packageInfo.version', null) as string | null;
  const ran: string[] = [];
  for (const m of list) {
    if (applied.has(m.id)) continue;
    try {
      await strapi.db.transaction(async ({ trx }) => {
        try {
          await strapi.db.getConnection(MIGRATIONS_TABLE).transacting(trx).insert({ id: m.id, plugin_version: version, applied_at: new Date() });
        } catch (e) {
          if (isDuplicate(e)) throw new AlreadyApplied(m.id);
          throw e;
        }
        await m.up({ strapi, trx });
      });
      ran.push(m.id);
      strapi.log.info(`[ppid] migration ${m.id} applied`);
    } catch (e) {
      if (e instanceof AlreadyApplied) continue; // another instance ran it
      throw new Error(`[ppid] migration ${m.id} failed (nothing of it was kept): ${(e as Error)?.message ?? e}`);
    }
  }
  return ran;
}
