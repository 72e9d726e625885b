import type { Core } from '@strapi/strapi';
import {
  configDrift,
  configSnapshot,
  govScope,
  sha256Hex,
  snapshotHash,
  snapshotSummary,
  type ConfigDriftProblem,
  type ConfigType,
  type SignatureKind,
  type SignatureRecord,
  type SignerSnapshot,
} from '../../core/signature';
import { UID } from '../../platform/uids';
import type { RequestMeta } from '../../workflow/services/workflow';
import { getService, type ServiceName } from '../../services/get-service';

/**
 * Seals changes that decide who may sign or what is public but are not acts of a run:
 * configuration rows (role mappings, delegations, SOP bindings) created, updated or deleted,
 * and a governed item deleted or unpublished when no run covers it (core/signature/governance.ts
 * for the scopes).
 *
 * Configuration changes are sealed from Strapi's database lifecycles, the lowest door every
 * write of these types passes (the plugin's admin routes, the Content Manager, the document
 * service, plugin code using `strapi.db.query`). A write made inside a transaction (the document
 * service always opens one) is sealed in that transaction: the change and its record commit or
 * roll back together. A bare `strapi.db.query` write outside a transaction has already committed
 * when the lifecycle runs, so its record follows it; if sealing fails there, `verify` reports
 * the row as unsealed. Raw SQL bypasses Strapi entirely; `verify` compares every row with its
 * last record and names what differs.
 */
export const SYSTEM_SIGNER: SignerSnapshot = { userId: 'system', nama: 'Sistem', nip: null, jabatan: '-', unit: null };

const CONFIG_TYPES: Record<string, { type: ConfigType; populate: any }> = {
  [UID.roleMapping]: { type: 'role-mapping', populate: ['adminRole', 'unit'] },
  [UID.delegation]: { type: 'delegation', populate: ['delegator', 'delegate'] },
  [UID.binding]: { type: 'binding', populate: [] },
};

const EMPTY_HASH = sha256Hex('');
const SEALING_SINCE = 'sealing-since';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);

  async function load(uid: string, where: Record<string, unknown>) {
    return strapi.db.query(uid as any).findOne({ where, populate: CONFIG_TYPES[uid].populate });
  }

  async function lastRecordOf(uid: string, documentId: string): Promise<{ decision: string | null; contentHash: string } | null> {
    const row = await strapi.db.query(UID.record).findOne({
      where: { runDocumentId: govScope(uid), itemDocumentId: documentId },
      orderBy: { runSeq: 'desc' },
      select: ['body'],
    });
    const body = row?.body as SignatureRecord | undefined;
    return body ? { decision: body.decision, contentHash: body.contentHash } : null;
  }

  const self = {
    configTypes: () => Object.keys(CONFIG_TYPES),

    /** Who made the change: the admin user, an API token, a public user, or the system. */
    async signer(userId?: number | null): Promise<SignerSnapshot> {
      const ctx: any = strapi.requestContext.get();
      const strategy: string | undefined = ctx?.state?.auth?.strategy?.name;
      if (strategy === 'admin' && ctx.state.user?.id) return svc('actors').signerOf(ctx.state.user.id);
      if (strategy === 'api-token') {
        const token = ctx.state.auth.credentials ?? {};
        return { userId: `api-token:${token.id ?? '?'}`, nama: `Token API ${token.name ?? ''}`.trim(), nip: null, jabatan: '-', unit: null };
      }
      if (strategy === 'users-permissions' && ctx.state.user?.id) {
        return { userId: `up:${ctx.state.user.id}`, nama: String(ctx.state.user.username ?? ctx.state.user.id), nip: null, jabatan: '-', unit: null };
      }
      if (userId) return svc('actors').signerOf(userId);
      return SYSTEM_SIGNER;
    },

    requestMeta(): RequestMeta {
      const ctx: any = strapi.requestContext.get();
      const ua = ctx?.request?.header?.['user-agent'];
      return { ip: ctx?.request?.ip ?? null, userAgent: ua ? String(ua).slice(0, 300) : null };
    },

    /** A record in the type's scope outside runs (`gov:<uid>`). */
    async sealOutsideRun(input: {
      uid: string;
      documentId: string;
      locale?: string | null;
      kind: SignatureKind;
      decision: string;
      note?: string | null;
      contentHash?: string | null;
      signer?: SignerSnapshot;
      meta?: RequestMeta;
    }): Promise<SignatureRecord> {
      const meta = input.meta ?? self.requestMeta();
      return svc('records').append({
        itemUid: input.uid,
        itemDocumentId: input.documentId,
        itemLocale: input.locale ?? null,
        itemVersion: 0,
        sopCode: '-',
        sopVersion: '-',
        runId: govScope(input.uid),
        stepNumber: null,
        kind: input.kind,
        decision: input.decision,
        note: input.note ?? null,
        signer: input.signer ?? (await self.signer()),
        capacity: 'definitif',
        onBehalfOf: null,
        delegationId: null,
        signedAt: new Date().toISOString(),
        method: 'login',
        externalRef: null,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        contentHash: input.contentHash || EMPTY_HASH,
      });
    },

    /** Seals one configuration row as it is now (or as it was, for a deletion). */
    async sealConfig(uid: string, row: Record<string, any>, decision: 'created' | 'updated' | 'deleted' | 'baseline') {
      const spec = CONFIG_TYPES[uid];
      if (!spec || !row?.documentId) return null;
      const snapshot = configSnapshot(spec.type, row);
      const hash = snapshotHash(snapshot);
      if (decision === 'updated') {
        const last = await lastRecordOf(uid, row.documentId);
        if (last && last.decision !== 'deleted' && last.contentHash === hash) return null; // nothing changed
      }
      return self.sealOutsideRun({
        uid,
        documentId: row.documentId,
        kind: 'config',
        decision,
        note: `${spec.type}: ${snapshotSummary(snapshot)}`,
        contentHash: hash,
      });
    },

    /** Subscribes the database lifecycles of the configuration types (bootstrap). */
    install() {
      const models = Object.keys(CONFIG_TYPES);
      const byIds = async (uid: string, ids: number[]) =>
        ids.length ? ((await strapi.db.query(uid as any).findMany({ where: { id: { $in: ids } }, populate: CONFIG_TYPES[uid].populate })) as any[]) : [];
      strapi.db.lifecycles.subscribe({
        models,
        async afterCreate(event: any) {
          const row = await load(event.model.uid, { id: event.result.id });
          await self.sealConfig(event.model.uid, row, 'created');
        },
        async afterCreateMany(event: any) {
          for (const row of await byIds(event.model.uid, event.result?.ids ?? [])) await self.sealConfig(event.model.uid, row, 'created');
        },
        async afterUpdate(event: any) {
          if (!event.result?.id) return;
          const row = await load(event.model.uid, { id: event.result.id });
          await self.sealConfig(event.model.uid, row, 'updated');
        },
        async beforeUpdateMany(event: any) {
          const rows = await strapi.db.query(event.model.uid).findMany({ where: event.params.where ?? {}, select: ['id'] });
          event.state.ids = rows.map((r: any) => r.id);
        },
        async afterUpdateMany(event: any) {
          for (const row of await byIds(event.model.uid, event.state.ids ?? [])) await self.sealConfig(event.model.uid, row, 'updated');
        },
        // Relations are gone after a delete: the row is read, with them, before.
        async beforeDelete(event: any) {
          event.state.row = await strapi.db.query(event.model.uid).findOne({ where: event.params.where ?? {}, populate: CONFIG_TYPES[event.model.uid].populate });
        },
        async afterDelete(event: any) {
          if (event.state.row && event.result) await self.sealConfig(event.model.uid, event.state.row, 'deleted');
        },
        async beforeDeleteMany(event: any) {
          event.state.rows = await strapi.db.query(event.model.uid).findMany({ where: event.params.where ?? {}, populate: CONFIG_TYPES[event.model.uid].populate });
        },
        async afterDeleteMany(event: any) {
          if (!event.result?.count) return;
          const gone = new Set(
            (await strapi.db.query(event.model.uid).findMany({ where: { id: { $in: (event.state.rows ?? []).map((r: any) => r.id) } }, select: ['id'] })).map((r: any) => r.id)
          );
          for (const row of event.state.rows ?? []) if (!gone.has(row.id)) await self.sealConfig(event.model.uid, row, 'deleted');
        },
      } as any);
    },

    /**
     * First boot with sealed configuration on an existing database: rows that predate it are
     * sealed once as `baseline` (the state the body had when sealing began). Only for a type
     * with no record at all. Run once per database, as the plugin migration 001
     * (platform/migrations), so a row added behind the product's back later is never absorbed.
     */
    async baseline() {
      await self.markSealingSince();
      for (const uid of Object.keys(CONFIG_TYPES)) {
        const any = await strapi.db.query(UID.record).findOne({ where: { runDocumentId: govScope(uid) }, select: ['id'] });
        if (any) continue;
        const rows = await strapi.db.query(uid as any).findMany({ populate: CONFIG_TYPES[uid].populate, orderBy: { id: 'asc' } });
        for (const row of rows) await self.sealConfig(uid, row, 'baseline');
      }
    },

    /**
     * The chain head when this version began sealing edits (kept in a counter row, set once):
     * `verify` replays only runs whose records all come after it.
     */
    async sealingSince(): Promise<number | null> {
      const table = strapi.db.metadata.get(UID.counter).tableName;
      const row = await strapi.db.connection(table).where({ name: SEALING_SINCE }).first();
      return row ? Number(row.value) : null;
    },

    async markSealingSince() {
      const table = strapi.db.metadata.get(UID.counter).tableName;
      // In the surrounding transaction (the migration's; SQLite has a single connection). The
      // migration runner makes sure one instance only does this.
      await strapi.db.transaction(async ({ trx }) => {
        const k = () => strapi.db.connection(table).transacting(trx);
        if (await k().where({ name: SEALING_SINCE }).first()) return;
        const head = await svc('records').head();
        await k().insert({ name: SEALING_SINCE, value: head?.seq ?? 0, document_id: `ctr-${SEALING_SINCE}` });
      });
    },

    /** Rows of every configuration type against their records (for verify). */
    async configProblems(): Promise<(ConfigDriftProblem & { uid: string })[]> {
      const out: (ConfigDriftProblem & { uid: string })[] = [];
      for (const [uid, spec] of Object.entries(CONFIG_TYPES)) {
        const records = (await strapi.db.query(UID.record).findMany({ where: { runDocumentId: govScope(uid) }, select: ['body'] })).map(
          (r: any) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as SignatureRecord
        );
        const rows = (await strapi.db.query(uid as any).findMany({ populate: spec.populate })) as any[];
        const hashed = rows.map((r) => ({ documentId: r.documentId, hash: snapshotHash(configSnapshot(spec.type, r)) }));
        for (const p of configDrift(spec.type, records, hashed)) out.push({ ...p, uid });
      }
      return out;
    },
  };
  return self;
};
