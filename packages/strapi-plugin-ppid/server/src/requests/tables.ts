import type { Core } from '@strapi/strapi';

/**
 * The requests domain's own tables (not content types: no Content Manager, no REST, no
 * GraphQL, and Strapi's schema sync leaves them alone), created at plugin bootstrap when
 * missing, as `ppid_migrations` is (platform/migrations): idempotent, and safe when two
 * instances boot at once.
 *
 * - `ppid_rate_limits`: the per-address counters of the public doors, one row per door
 *   (bucket), address and fixed window (window_start, seconds since the epoch), shared by every
 *   instance on the database (requests/services/rate-limits.ts).
 * - `ppid_request_scans`: the applicant's identity scan, sealed (AES-256-GCM, the personal-data
 *   key), one per request, written in the request's transaction. LONGBLOB on MySQL/MariaDB
 *   (BLOB holds only 64 KB), BYTEA on PostgreSQL, BLOB on SQLite.
 * - `ppid_personal_data_log`: every official's read of an applicant's identity number or scan,
 *   every refused attempt, and every deletion of a scan by the retention job (who, when, which
 *   request, from where); rows are only ever added (requests/services/personal-data.ts).
 * - `ppid_legal_reminders`: one row per reminder of a legal deadline sent (the item, the
 *   deadline kind and instant, the stage near/breached), its primary key the claim that makes it
 *   go out once across instances (requests/services/deadline-reminders.ts).
 */
export const RATE_LIMITS_TABLE = 'ppid_rate_limits';
export const SCANS_TABLE = 'ppid_request_scans';
export const PERSONAL_DATA_LOG_TABLE = 'ppid_personal_data_log';
export const LEGAL_REMINDERS_TABLE = 'ppid_legal_reminders';

async function ensure(strapi: Core.Strapi, name: string, build: (t: any) => void) {
  const schema = () => strapi.db.getSchemaConnection();
  if (await schema().hasTable(name)) return;
  try {
    await schema().createTable(name, build);
  } catch (e) {
    // Another instance created it at the same moment.
    if (!(await schema().hasTable(name))) throw e;
  }
}

export async function ensureRequestTables(strapi: Core.Strapi): Promise<void> {
  const mysql = ['mysql', 'mysql2', 'mariadb'].includes(strapi.db.dialect.client as string);
  await ensure(strapi, RATE_LIMITS_TABLE, (t) => {
    t.string('bucket', 32).notNullable();
    t.string('address', 64).notNullable();
    t.bigInteger('window_start').notNullable();
    t.integer('count').notNullable();
    t.primary(['bucket', 'address', 'window_start'], 'ppid_rate_limits_pk');
  });
  await ensure(strapi, SCANS_TABLE, (t) => {
    t.string('request_document_id', 64).primary('ppid_request_scans_pk');
    t.string('mime', 32).notNullable();
    t.integer('size').notNullable();
    if (mysql) t.specificType('sealed', 'LONGBLOB').notNullable();
    else t.binary('sealed').notNullable();
    t.datetime('created_at').notNullable();
  });
  await ensure(strapi, PERSONAL_DATA_LOG_TABLE, (t) => {
    t.increments('id').primary();
    t.datetime('at').notNullable();
    t.string('subject', 32).notNullable();
    t.string('outcome', 16).notNullable();
    t.string('reason', 64).nullable();
    t.string('request_document_id', 64).notNullable();
    t.string('request_number', 100).nullable();
    t.integer('user_id').nullable();
    t.string('user_email', 255).nullable();
    t.string('ip', 64).nullable();
    t.string('user_agent', 300).nullable();
    t.string('detail', 300).nullable();
    t.index(['request_document_id'], 'ppid_personal_data_log_request_idx');
    t.index(['at'], 'ppid_personal_data_log_at_idx');
  });
  await ensure(strapi, LEGAL_REMINDERS_TABLE, (t) => {
    // uid|documentId|deadline|ISO instant|stage: under 191 characters (MySQL's utf8mb4 key limit).
    t.string('key', 190).primary('ppid_legal_reminders_pk');
    t.string('item_uid', 64).notNullable();
    t.string('document_id', 64).notNullable();
    t.string('deadline', 32).notNullable();
    t.string('stage', 16).notNullable();
    t.datetime('due_at').notNullable();
    t.integer('recipients').notNullable();
    t.datetime('sent_at').notNullable();
  });
}
