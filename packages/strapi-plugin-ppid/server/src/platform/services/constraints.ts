import type { Core } from '@strapi/strapi';
import { UID } from '../uids';

/**
 * Uniqueness the product relies on, as database constraints (unique indexes) on SQLite,
 * PostgreSQL and MySQL/MariaDB. A Strapi `unique: true` attribute is only checked by the
 * document service's validator, never by the database, so two requests in parallel (or two
 * app instances) both pass it; an index here makes the second write fail in the database.
 *
 * Why at plugin bootstrap and not in a Strapi migration (database/migrations/): Strapi runs the
 * app's migrations at the start of `db.schema.sync()`, BEFORE the schema sync creates the
 * content-type tables, so on a fresh database they would find no plugin table, be logged as
 * done and never run again; and the plugin is a package that a host app installs, which has no
 * say over the host's migrations folder. Bootstrap runs after the sync on every boot, before
 * the server listens: each index is created when missing (idempotent), so a new database, an
 * upgraded one and one whose index a schema change dropped all end with the constraint.
 *
 * One approach for "one open run per item" on every engine: the run's `activeKey` column holds
 * the item key while the run is open and NULL once it is closed; a plain unique index on it
 * allows any number of closed runs (NULLs are distinct on all three engines) and one open run.
 *
 * DIP decree numbers: an edition has Draft & Publish, so its draft and published rows carry the
 * same number; uniqueness is over draft rows (one per document). PostgreSQL and SQLite use a
 * partial index (WHERE published_at IS NULL); MariaDB has no partial indexes, so a virtual
 * generated column holds the number on draft rows only (NULL on published rows) and is indexed.
 *
 * A constraint that cannot be created because the data already breaks it stops the boot with
 * the offending values (the product must not run without it). PPID_CONSTRAINTS=warn lets an
 * operator boot once to repair the data through the product (e.g. cancel the duplicate run).
 */
export type ConstraintSpec = {
  name: string;
  uid: string;
  columns: string[];
  /** What the constraint means, for messages. */
  meaning: string;
  /** Only rows that are drafts (Draft & Publish types whose draft and published rows share values). */
  draftsOnly?: boolean;
};

export const CONSTRAINTS: ConstraintSpec[] = [
  { name: 'ppid_runs_open_key_uq', uid: UID.run, columns: ['active_key'], meaning: 'satu alur kerja terbuka per item / one open run per item' },
  { name: 'ppid_records_seq_uq', uid: UID.record, columns: ['seq'], meaning: 'nomor urut rantai catatan / global chain seq' },
  { name: 'ppid_records_run_seq_uq', uid: UID.record, columns: ['run_document_id', 'run_seq'], meaning: 'nomor urut catatan dalam satu alur / seq within a run' },
  // A committee member acts once per round of a step (run:step:round:user; NULL outside committees).
  { name: 'ppid_records_member_uq', uid: UID.record, columns: ['member_key'], meaning: 'satu tindakan per anggota tim per putaran / one act per committee member per round' },
  { name: 'ppid_records_code_uq', uid: UID.record, columns: ['verification_code'], meaning: 'kode verifikasi / verification code' },
  { name: 'ppid_counters_name_uq', uid: UID.counter, columns: ['name'], meaning: 'nama penomoran / counter name' },
  { name: 'ppid_requests_number_uq', uid: UID.informationRequest, columns: ['number'], meaning: 'nomor pendaftaran permohonan / request registration number' },
  { name: 'ppid_objections_number_uq', uid: UID.objection, columns: ['number'], meaning: 'nomor register keberatan / objection number' },
  { name: 'ppid_dip_decree_uq', uid: UID.dipEdition, columns: ['decree_number'], draftsOnly: true, meaning: 'nomor SK DIP / DIP decree number' },
];

/** MariaDB: the generated column that carries the decree number on draft rows only. */
const MYSQL_DRAFT_COLUMN = 'ppid_decree_draft_key';

type Violation = { constraint: ConstraintSpec; values: string[] };

export class ConstraintViolatedByDataError extends Error {
  constructor(readonly violations: Violation[]) {
    super(
      `[ppid] data already breaks constraints the product relies on; repair it (or boot once with PPID_CONSTRAINTS=warn to repair it in the product):\n` +
        violations.map((v) => `  ${v.constraint.name} (${v.constraint.meaning}): duplicate ${v.constraint.columns.join(', ')} = ${v.values.join(' | ')}`).join('\n')
    );
  }
}

/**
 * Is `error` a unique violation of the named constraint? PostgreSQL and MySQL name the index;
 * SQLite names table.column ("UNIQUE constraint failed: ppid_runs.active_key"), and Strapi's
 * SQLite dialect may rethrow any constraint failure as its NotNullError, so on SQLite callers
 * should also re-read the state (see workflow.submit).
 */
export function isUniqueViolation(error: unknown, spec?: ConstraintSpec, table?: string): boolean {
  const e = error as { code?: string; errno?: number; constraint?: string; message?: string; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const msg = String(e.message ?? '');
  const named = (n: string) => !spec || n === spec.name;
  if (e.code === '23505') return named(String(e.constraint ?? ''));
  if (e.code === 'ER_DUP_ENTRY' || e.errno === 1062) return !spec || msg.includes(spec.name) || (spec.draftsOnly ? msg.includes(MYSQL_DRAFT_COLUMN) : false);
  if (/UNIQUE constraint failed/.test(msg)) return !spec || !table || spec.columns.every((c) => msg.includes(`${table}.${c}`));
  return e.cause ? isUniqueViolation(e.cause, spec, table) : false;
}

/** MySQL/MariaDB's deadlock victim, PostgreSQL's deadlock or serialization failure. */
export function isDeadlock(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.errno === 1213 || e.code === 'ER_LOCK_DEADLOCK' || e.code === '40P01' || e.code === '40001') return true;
  return e.cause ? isDeadlock(e.cause) : false;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const client = () => strapi.db.dialect.client as string;
  const q = (s: string) => (client() === 'mysql' ? `\`${s.replace(/`/g, '``')}\`` : `"${s.replace(/"/g, '""')}"`);

  function tableOf(uid: string): string | null {
    try {
      return (strapi.db.metadata.get(uid as any) as any)?.tableName ?? null;
    } catch {
      return null;
    }
  }

  async function indexExists(table: string, name: string): Promise<boolean> {
    const k = knex();
    if (client() === 'mysql') {
      const [rows] = await k.raw(
        'SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? LIMIT 1',
        [table, name]
      );
      return rows.length > 0;
    }
    if (client() === 'postgres') {
      const r = await k.raw('SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ? AND indexname = ?', [table, name]);
      return r.rows.length > 0;
    }
    const rows = await k.raw("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [name]);
    return rows.length > 0;
  }

  /** Values that occur more than once where the constraint would apply (at most 5). */
  async function duplicates(table: string, spec: ConstraintSpec): Promise<string[]> {
    const cols = spec.columns;
    let query = knex()(table)
      .select(cols)
      .count({ n: '*' })
      .groupBy(cols)
      .havingRaw('COUNT(*) > 1')
      .limit(5);
    for (const c of cols) query = query.whereNotNull(c);
    if (spec.draftsOnly) query = query.whereNull('published_at');
    const rows = await query;
    return rows.map((r: any) => cols.map((c) => String(r[c])).join(' / ') + ` (${r.n}×)`);
  }

  async function create(table: string, spec: ConstraintSpec) {
    const k = knex();
    const cols = spec.columns.map(q).join(', ');
    if (client() === 'mysql') {
      if (spec.draftsOnly) {
        const [have] = await k.raw(
          'SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ? LIMIT 1',
          [table, MYSQL_DRAFT_COLUMN]
        );
        if (!have.length) {
          const source = spec.columns[0];
          await k.raw(
            `ALTER TABLE ${q(table)} ADD COLUMN ${q(MYSQL_DRAFT_COLUMN)} VARCHAR(255) AS (IF(${q('published_at')} IS NULL, ${q(source)}, NULL)) VIRTUAL`
          );
        }
        await k.raw(`ALTER TABLE ${q(table)} ADD UNIQUE INDEX ${q(spec.name)} (${q(MYSQL_DRAFT_COLUMN)})`);
        return;
      }
      await k.raw(`ALTER TABLE ${q(table)} ADD UNIQUE INDEX ${q(spec.name)} (${cols})`);
      return;
    }
    const where = spec.draftsOnly ? ` WHERE ${q('published_at')} IS NULL` : '';
    await k.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${q(spec.name)} ON ${q(table)} (${cols})${where}`);
  }

  const self = {
    specs: () => CONSTRAINTS,
    spec: (name: string) => CONSTRAINTS.find((c) => c.name === name)!,
    tableOf,

    /**
     * Creates every missing constraint; returns the names present afterwards. Throws
     * ConstraintViolatedByDataError when data already breaks one (unless PPID_CONSTRAINTS=warn).
     */
    async ensure(): Promise<string[]> {
      const present: string[] = [];
      const violations: Violation[] = [];
      for (const spec of CONSTRAINTS) {
        const table = tableOf(spec.uid);
        if (!table) continue;
        if (await indexExists(table, spec.name)) {
          present.push(spec.name);
          continue;
        }
        const dupes = await duplicates(table, spec);
        if (dupes.length) {
          violations.push({ constraint: spec, values: dupes });
          continue;
        }
        try {
          await create(table, spec);
        } catch (e) {
          // Two instances booting at once: the other one created it first.
          if (!(await indexExists(table, spec.name))) throw e;
        }
        present.push(spec.name);
      }
      if (violations.length) {
        const error = new ConstraintViolatedByDataError(violations);
        if (process.env.PPID_CONSTRAINTS === 'warn') strapi.log.error(error.message);
        else throw error;
      }
      return present;
    },

    /** Names of the constraints missing now (for `verify`). */
    async missing(): Promise<string[]> {
      const out: string[] = [];
      for (const spec of CONSTRAINTS) {
        const table = tableOf(spec.uid);
        if (table && !(await indexExists(table, spec.name))) out.push(spec.name);
      }
      return out;
    },
  };
  return self;
};
