import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import {
  checkCheckpointAgainstRecords,
  publicCheckpoint,
  sealCheckpoint,
  verifyChains,
  verifyCheckpointChain,
  type ChainProblem,
  type Checkpoint,
  type CheckpointProblem,
  type SignatureRecord,
} from '../../core/signature';
import { scheduleJob, track } from '../../platform/background';
import { UID } from '../../platform/uids';
import { getService, type ServiceName } from '../../services/get-service';

/**
 * Signed checkpoints of the signature chain (core/signature/checkpoint.ts): sealed every few
 * minutes while records are added, published (public routes, the `ppid.checkpoint` webhook,
 * PPID_CHECKPOINT_FILE) so that copies live outside this database, and checked back against
 * the records by `npm run ppid -- verify --checkpoint`.
 */
export type CreateResult =
  | { checkpoint: Checkpoint; reason: 'created' }
  | { checkpoint: null; reason: 'empty' | 'unchanged' | 'raced' }
  | { checkpoint: null; reason: 'chain_problems'; problems: (ChainProblem | CheckpointProblem)[] };

export interface CheckReport {
  ok: boolean;
  /** Checkpoints read. */
  checked: number;
  problems: CheckpointProblem[];
}

export const DEFAULT_INTERVAL_MINUTES = 10;
export const PAGE_LIMIT = 100;

/** Minutes between checkpoint jobs: 1..60 (a cron step), from the plugin config or the environment. */
export function intervalMinutes(configured: unknown = process.env.PPID_CHECKPOINT_INTERVAL): number {
  if (configured === undefined || configured === null || configured === '') return DEFAULT_INTERVAL_MINUTES;
  const n = typeof configured === 'number' ? configured : /^\d+$/.test(String(configured).trim()) ? Number(configured) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 60) {
    throw new Error(`[ppid] PPID_CHECKPOINT_INTERVAL must be a whole number of minutes from 1 to 60, got "${String(configured)}"`);
  }
  return n;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const knex = () => strapi.db.connection;
  const table = () => strapi.db.metadata.get(UID.checkpoint).tableName;
  const recordTable = () => strapi.db.metadata.get(UID.record).tableName;
  const counterTable = () => strapi.db.metadata.get(UID.counter).tableName;
  const LOCK = 'checkpoint-chain';
  const config = () => (strapi.plugin('ppid').config('checkpoints') ?? {}) as { enabled?: boolean; intervalMinutes?: number; file?: string };

  const parse = (body: unknown) => (typeof body === 'string' ? JSON.parse(body) : body);
  const toCheckpoint = (row: { body: unknown } | undefined): Checkpoint | null => (row ? publicCheckpoint(parse(row.body) as Checkpoint) : null);
  const on = (q: any, trx?: any) => (trx ? q.transacting(trx) : q);

  async function latestRow(trx?: any): Promise<Checkpoint | null> {
    return toCheckpoint(await on(knex()(table()).select('body').orderBy('seq', 'desc').limit(1), trx).first());
  }

  /** The last record actually stored (not the head row, which is what a rollback rewinds). */
  async function lastRecord(trx?: any): Promise<{ seq: number; hash: string } | null> {
    const row = await on(knex()(recordTable()).select('seq', 'hash').orderBy('seq', 'desc').limit(1), trx).first();
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  async function countUpTo(seq: number, trx?: any): Promise<number> {
    const row = await on(knex()(recordTable()).where('seq', '<=', seq).count({ n: '*' }), trx).first();
    return Number(row?.n ?? 0);
  }

  /** Records after `after` up to `upTo`, in seq order, a page at a time. */
  async function* recordsBetween(after: number, upTo: number, pageSize = 2000): AsyncGenerator<SignatureRecord> {
    for (;;) {
      const rows = await knex()(recordTable())
        .select('seq', 'body')
        .where('seq', '>', after)
        .andWhere('seq', '<=', upTo)
        .orderBy('seq', 'asc')
        .limit(pageSize);
      if (!rows.length) return;
      for (const r of rows) yield parse(r.body) as SignatureRecord;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /** What the database holds for each checkpoint's head (batched: a kept file may be long). */
  async function recordProblems(checkpoints: Checkpoint[]): Promise<CheckpointProblem[]> {
    const last = await lastRecord();
    const totalRow = await knex()(recordTable()).count({ n: '*' }).first();
    const total = Number(totalRow?.n ?? 0);
    const problems: CheckpointProblem[] = [];
    const newest = checkpoints.reduce<Checkpoint | null>((a, c) => (!a || c.seq > a.seq ? c : a), null);
    for (let i = 0; i < checkpoints.length; i += 500) {
      const batch = checkpoints.slice(i, i + 500);
      const rows = await knex()(recordTable()).select('seq', 'hash').whereIn('seq', batch.map((c) => c.seq));
      const bySeq = new Map<number, { seq: number; hash: string }>(rows.map((r: any) => [Number(r.seq), { seq: Number(r.seq), hash: r.hash }]));
      for (const c of batch) {
        const record = bySeq.get(c.seq) ?? null;
        // Counting up to the newest checkpoint covers every older one (a deletion before it
        // lowers that count); one query, however long the kept list is.
        const count = record && c === newest ? await countUpTo(c.seq) : undefined;
        problems.push(...checkCheckpointAgainstRecords(c, { record, countUpTo: count, total, lastSeq: last?.seq ?? null }));
      }
    }
    return problems;
  }

  /** Where the JSON Lines copy goes, if anywhere. */
  function filePath(): string | null {
    const file = config().file ?? process.env.PPID_CHECKPOINT_FILE;
    return file ? path.resolve(strapi.dirs.app.root, file) : null;
  }

  /** The last line of the JSON Lines copy (read from the end: the file only grows). */
  function lastKept(file: string): unknown | null {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return null;
    }
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, size - length);
      const lines = buf.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean);
      return lines.length ? JSON.parse(lines[lines.length - 1]) : null;
    } catch {
      return null;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * The file copy is ahead of the database when the database was restored or its tail cut
   * (checkpoint rows included): sealing on would fork the history, so refuse and say why.
   */
  async function fileProblems(prev: Checkpoint | null): Promise<CheckpointProblem[]> {
    const file = filePath();
    const kept = file ? lastKept(file) : null;
    if (!kept) return [];
    const report = await self.check([kept]);
    const c = kept as Checkpoint;
    if (report.ok && (!prev || c.seq > prev.seq)) {
      report.problems.push({ seq: c.seq, code: 'checkpoint_missing', message: `checkpoint seq ${c.seq} in ${file} is missing from the database` });
    }
    return report.problems;
  }

  function publish(checkpoint: Checkpoint) {
    const file = filePath();
    if (file) {
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { flag: 'a' });
      } catch (e) {
        strapi.log.error(`[ppid] checkpoint seq ${checkpoint.seq} not written to ${file}: ${(e as Error).message}`);
      }
    }
    track(strapi.eventHub.emit('ppid.checkpoint', { checkpoint }));
  }

  const self = {
    latest: () => latestRow(),

    /** Checkpoints after `after` (a checkpoint seq), oldest first, at most `limit`. */
    async list(after: number, limit = PAGE_LIMIT): Promise<Checkpoint[]> {
      const rows = await knex()(table()).select('body').where('seq', '>', after).orderBy('seq', 'asc').limit(Math.min(limit, PAGE_LIMIT));
      return rows.map((r: any) => toCheckpoint(r)!);
    },

    /**
     * Seal a checkpoint of the current head, unless nothing was added since the last one. The
     * records since the last checkpoint are verified first (hash, signature, links up to the
     * head) and the last checkpoint must still be in the chain: a checkpoint never vouches for a
     * chain that was already cut or altered.
     */
    async create(): Promise<CreateResult> {
      const prev = await latestRow();
      const head = await lastRecord();
      if (!head) return { checkpoint: null, reason: 'empty' };
      if (prev && head.seq === prev.seq && head.hash === prev.headHash) return { checkpoint: null, reason: 'unchanged' };
      const keyring = svc('keys').load();
      const anchored = [...(prev ? await recordProblems([prev]) : []), ...(await fileProblems(prev))];
      if (anchored.length) return { checkpoint: null, reason: 'chain_problems', problems: anchored };
      // Verified outside the transaction: the records are append-only, and on SQLite a long read
      // inside it would hold the only connection.
      // Bounded by the head read above: acts may append records meanwhile.
      const report = await verifyChains(recordsBetween(prev?.seq ?? 0, head.seq), keyring, {
        ...(prev ? { startAfter: { seq: prev.seq, hash: prev.headHash } } : {}),
        expectedHead: head,
      });
      if (!report.ok || report.lastSeq !== head.seq) return { checkpoint: null, reason: 'chain_problems', problems: report.problems };

      const checkpoint = await strapi.db.transaction(async ({ trx }) => {
        // One checkpointer at a time (several app instances may share the database).
        let row = await knex()(counterTable()).transacting(trx).where({ name: LOCK }).forUpdate().first();
        if (!row) {
          await knex()(counterTable()).transacting(trx).insert({ name: LOCK, value: 0, last_hash: null, document_id: `ctr-${LOCK}` });
          row = await knex()(counterTable()).transacting(trx).where({ name: LOCK }).forUpdate().first();
        }
        const current = await latestRow(trx);
        if ((current?.hash ?? null) !== (prev?.hash ?? null)) return null;
        const recordCount = await countUpTo(head.seq, trx);
        // Never dated before the previous one (a clock stepped back by NTP would refuse to seal).
        const now: Date = svc('clock').now();
        const at = prev && Date.parse(prev.at) > now.getTime() ? prev.at : now.toISOString();
        const cp = sealCheckpoint(
          { seq: head.seq, headHash: head.hash, recordCount, at },
          prev,
          keyring.active
        );
        await strapi.db.query(UID.checkpoint).create({ data: { seq: cp.seq, hash: cp.hash, body: cp } });
        await knex()(counterTable()).transacting(trx).where({ name: LOCK }).update({ value: cp.seq, last_hash: cp.hash });
        return cp;
      });
      if (!checkpoint) return { checkpoint: null, reason: 'raced' };
      publish(checkpoint);
      return { checkpoint, reason: 'created' };
    },

    /** The job: a checkpoint when records were added; chain problems are logged, never thrown. */
    async tick(): Promise<CreateResult> {
      const result = await self.create();
      if (result.reason === 'chain_problems') {
        strapi.log.error(
          `[ppid] no checkpoint: the signature chain has problems (run npm run ppid -- verify): ${result.problems
            .slice(0, 5)
            .map((p) => p.message)
            .join('; ')}`
        );
      }
      return result;
    },

    /**
     * Check checkpoints kept elsewhere (parsed JSON values, untrusted) against this database:
     * each must verify under the body's keys (retired ones too), the list must not fork, and
     * the database must still hold each one's head record with that hash.
     */
    async check(values: unknown[]): Promise<CheckReport> {
      const chain = verifyCheckpointChain(values, svc('keys').load());
      const problems = [...chain.problems, ...(await recordProblems(chain.valid))];
      // The database's own checkpoint for a seq must be the same one: two signed histories.
      for (let i = 0; i < chain.valid.length; i += 500) {
        const batch = chain.valid.slice(i, i + 500);
        const rows = await knex()(table()).select('seq', 'hash').whereIn('seq', batch.map((c) => c.seq));
        const stored = new Map<number, string>(rows.map((r: any) => [Number(r.seq), r.hash]));
        for (const c of batch) {
          const h = stored.get(c.seq);
          if (h && h !== c.hash) problems.push({ seq: c.seq, code: 'checkpoint_fork', message: `checkpoint seq ${c.seq}: the database holds another checkpoint for this seq` });
        }
      }
      problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
      return { ok: problems.length === 0, checked: values.length, problems };
    },

    /** The database's own checkpoints against its records (catches a tail cut that left them). */
    async checkStored(): Promise<CheckReport> {
      const values: Checkpoint[] = [];
      let after = 0;
      for (;;) {
        const page = await self.list(after);
        values.push(...page);
        if (page.length < PAGE_LIMIT) break;
        after = page[page.length - 1].seq;
      }
      return self.check(values);
    },

    enabled(): boolean {
      const c = config();
      if (c.enabled !== undefined) return c.enabled;
      const env = process.env.PPID_CHECKPOINTS;
      return env ? env !== 'false' : process.env.NODE_ENV !== 'test';
    },

    interval: () => intervalMinutes(config().intervalMinutes ?? process.env.PPID_CHECKPOINT_INTERVAL),

    /** The job, every `interval()` minutes (a checkpoint only when records were added), leased. */
    schedule(n: number = self.interval()) {
      scheduleJob(strapi, {
        name: 'ppidCheckpoint',
        rule: n === 60 ? '0 * * * *' : `*/${n} * * * *`,
        task: () => self.tick(),
      });
    },
  };
  return self;
};
