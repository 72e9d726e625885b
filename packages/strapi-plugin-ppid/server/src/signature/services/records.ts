import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import {
  linkRecord,
  prepareRecord,
  verifyChains,
  type PreparedRecord,
  type SignatureRecord,
  type SignatureRecordInput,
  type StoredRecordColumns,
} from '../../core/signature';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';

/**
 * The append-only store of signature records. Nothing here updates or deletes a record; the
 * global chain head (seq, hash) lives in a counter row that is locked while a record is added,
 * so two acts in parallel never take the same seq.
 */
export type NewRecord = Omit<SignatureRecordInput, 'seq' | 'runSeq'>;

/** Records an act appended, waiting for the end of its transaction (appendingLast). */
type Pending = { items: { prepared: PreparedRecord; runId?: number; columns?: { memberKey?: string }; out: SignatureRecord }[]; closed: boolean };
const pendingAppends = new AsyncLocalStorage<Pending>();

async function* inspected(
  rows: AsyncIterable<{ columns: StoredRecordColumns; record: SignatureRecord }>,
  inspect: (columns: StoredRecordColumns, record: SignatureRecord) => void
): AsyncGenerator<SignatureRecord> {
  for await (const { columns, record } of rows) {
    inspect(columns, record);
    yield record;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => strapi.db.metadata.get(UID.record).tableName;
  const counterTable = () => strapi.db.metadata.get(UID.counter).tableName;
  const CHAIN = 'signature-chain';

  async function lockHead(trx: any): Promise<{ value: number; lastHash: string | null }> {
    const knex = strapi.db.connection;
    let row = await knex(counterTable()).transacting(trx).where({ name: CHAIN }).forUpdate().first();
    if (!row) {
      // First record ever: create the head row; the unique name makes a racing twin fail.
      await knex(counterTable()).transacting(trx).insert({ name: CHAIN, value: 0, last_hash: null, document_id: `ctr-${CHAIN}` });
      row = await knex(counterTable()).transacting(trx).where({ name: CHAIN }).forUpdate().first();
    }
    return { value: Number(row.value), lastHash: row.last_hash ?? null };
  }

  const toRow = (r: SignatureRecord) => ({
    seq: r.seq,
    runSeq: r.runSeq,
    runDocumentId: r.runId,
    kind: r.kind,
    itemUid: r.itemUid,
    itemDocumentId: r.itemDocumentId,
    stepNumber: r.stepNumber,
    signerUserId: Number(r.signer.userId) || null,
    signedAt: r.signedAt,
    verificationCode: r.verificationCode,
    contentHash: r.contentHash,
    hash: r.hash,
    body: r,
  });

  /**
   * Under the chain lock: read the head, link and sign each record after the one before it,
   * insert, move the head. Everything else about the records was done before (prepareRecord);
   * the lock is released by the caller's commit.
   */
  async function writeLinked(trx: any, items: Pending['items']): Promise<void> {
    const key = getService(strapi, 'keys').load().active;
    const head = await lockHead(trx);
    let seq = head.value;
    let prevHash = head.lastHash;
    const runLast = new Map<string, { runSeq: number; hash: string | null }>();
    for (const it of items) {
      const scope = it.prepared.runId;
      if (!runLast.has(scope)) {
        const last = await strapi.db.query(UID.record).findOne({ where: { runDocumentId: scope }, orderBy: { runSeq: 'desc' }, select: ['runSeq', 'hash'] });
        runLast.set(scope, { runSeq: last?.runSeq ?? 0, hash: last?.hash ?? null });
      }
      const run = runLast.get(scope)!;
      const record = linkRecord(it.prepared, { seq: seq + 1, runSeq: run.runSeq + 1, prevHash, prevRunHash: run.hash }, key);
      await strapi.db.query(UID.record).create({
        data: { ...toRow(record), ...(it.runId ? { run: it.runId } : {}), ...(it.columns?.memberKey ? { memberKey: it.columns.memberKey } : {}) },
      });
      seq = record.seq;
      prevHash = record.hash;
      runLast.set(scope, { runSeq: record.runSeq, hash: record.hash });
      Object.assign(it.out, record);
    }
    await strapi.db.connection(counterTable()).transacting(trx).where({ name: CHAIN }).update({ value: seq, last_hash: prevHash });
  }

  const self = {
    /**
     * Seals and stores one record, in the caller's transaction. Inside appendingLast the record
     * is checked now and linked at the end of that transaction (the returned object is completed
     * then: seq, hashes, signature); otherwise it takes the chain lock now, until the commit.
     */
    async append(input: NewRecord, runId?: number, columns?: { memberKey?: string }): Promise<SignatureRecord> {
      const prepared = prepareRecord(input);
      const pending = pendingAppends.getStore();
      if (pending && !pending.closed && strapi.db.inTransaction()) {
        const out = { ...prepared } as SignatureRecord;
        pending.items.push({ prepared, runId, columns, out });
        return out;
      }
      return strapi.db.transaction(async ({ trx }) => {
        const out = { ...prepared } as SignatureRecord;
        await writeLinked(trx, [{ prepared, runId, columns, out }]);
        return out;
      });
    },

    /**
     * Runs `fn` in one transaction whose records are linked into the chain at its end, just
     * before the commit: the chain lock is held for the append and the commit only, not while
     * the act loads, decides, publishes or notifies (issue #17). The act stays one transaction.
     */
    async appendingLast<T>(fn: () => Promise<T>): Promise<T> {
      return strapi.db.transaction(async ({ trx }) => {
        const pending: Pending = { items: [], closed: false };
        const result = await pendingAppends.run(pending, fn);
        pending.closed = true;
        if (pending.items.length) await writeLinked(trx, pending.items);
        return result;
      });
    },

    async forRun(runDocumentId: string): Promise<SignatureRecord[]> {
      const rows = await strapi.db.query(UID.record).findMany({ where: { runDocumentId }, orderBy: { runSeq: 'asc' } });
      return rows.map((r: any) => r.body as SignatureRecord);
    },

    async byCode(code: string): Promise<SignatureRecord | null> {
      const row = await strapi.db.query(UID.record).findOne({ where: { verificationCode: code } });
      return (row?.body as SignatureRecord) ?? null;
    },

    /** Streams every record in seq order, a page at a time (memory stays flat). */
    async *all(pageSize = 2000): AsyncGenerator<SignatureRecord> {
      let after = 0;
      for (;;) {
        const rows = await strapi.db
          .connection(table())
          .select('seq', 'body')
          .where('seq', '>', after)
          .orderBy('seq', 'asc')
          .limit(pageSize);
        if (!rows.length) return;
        for (const r of rows) yield (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as SignatureRecord;
        after = Number(rows[rows.length - 1].seq);
      }
    },

    /**
     * Like all(), with each record's stored columns and the documentId of the run its relation
     * points to, for `verify` to compare with the sealed body (core/signature/stored.ts).
     */
    async *allStored(pageSize = 2000): AsyncGenerator<{ columns: StoredRecordColumns; record: SignatureRecord }> {
      const meta: any = strapi.db.metadata.get(UID.record);
      const link = meta.attributes.run?.joinTable;
      const runsTable = strapi.db.metadata.get(UID.run).tableName;
      let after = 0;
      for (;;) {
        let query = strapi.db.connection(`${table()} as r`).select('r.*').where('r.seq', '>', after).orderBy('r.seq', 'asc').limit(pageSize);
        if (link) {
          query = query
            .leftJoin(`${link.name} as l`, `l.${link.joinColumn.name}`, 'r.id')
            .leftJoin(`${runsTable} as x`, 'x.id', `l.${link.inverseJoinColumn.name}`)
            .select({ linked_run: 'x.document_id' });
        }
        const rows = await query;
        if (!rows.length) return;
        for (const r of rows) {
          yield { columns: r as StoredRecordColumns, record: (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as SignatureRecord };
        }
        after = Number(rows[rows.length - 1].seq);
      }
    },

    async head(): Promise<{ seq: number; hash: string } | null> {
      // Inside the caller's transaction when there is one (SQLite has a single connection).
      const read = (trx?: any) => (trx ? strapi.db.connection(counterTable()).transacting(trx) : strapi.db.connection(counterTable())).where({ name: CHAIN }).first();
      const row = strapi.db.inTransaction() ? await strapi.db.transaction(({ trx }) => read(trx)) : await read();
      return row && row.last_hash ? { seq: Number(row.value), hash: row.last_hash } : null;
    },

    /** `inspect`, when given, also sees each record's stored columns (one pass for verify). */
    async verifyChains(inspect?: (columns: StoredRecordColumns, record: SignatureRecord) => void) {
      const head = await self.head();
      const source = inspect ? inspected(self.allStored(), inspect) : self.all();
      return verifyChains(source, getService(strapi, 'keys').load(), head ? { expectedHead: head } : {});
    },
  };
  return self;
};
