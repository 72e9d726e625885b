import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { UID, appTypes } from '../../platform/uids';
import { badRequest } from '../../errors';
import { INTERNAL_TYPES } from '../../content-types';
import { getService } from '../../services/get-service';
import { redactValue, redactDipCopy } from '../../core/classification';

/**
 * THE public guard: the one place that decides which governed items the public may see, and
 * the one hook that applies it to every read the content API makes.
 *
 * Visible to the public = a row of a governed type that is published (publishedAt set), not
 * classified `dikecualikan`, and whose document has a run that reached its publish act
 * (plugin::ppid.run with status 'published' and publishedHash set).
 *
 * Why a database lifecycle subscriber rather than (only) a document service middleware:
 * - REST and GraphQL top-level reads go through the document service, but populate (REST
 *   `populate=*`, deep populate) and GraphQL relation resolvers (`db.query(uid).load`) go
 *   through the query engine only. Every one of them ends in the entity manager's
 *   findOne/findMany/count, which run the `before*` lifecycles with the params object by
 *   reference; so one subscriber sees top-level queries, populate trees and relation filters.
 * - Relation filters (`filters[informationItem][title]=...` on dip-entries) are rewritten too,
 *   so a filter on a hidden target never matches: no existence leak.
 * - The rule is scoped to the content API (route info type 'content-api', which GraphQL sets
 *   too): the admin panel, the workflow and plugin code read everything.
 * Which rows the run table vouches for is kept on the row itself, in a private, unsigned
 * `ppidPublic` flag (see PUBLIC_FLAG) that only the publish act sets: a subquery on the run table
 * made every public read materialise the whole published set (×0.2 of plain Strapi at 10,000
 * items), the indexed flag costs nothing. The flag is outside the content hash, never exposed or
 * filterable by the public (private), and a row published by any other path (raw SQL, a rogue
 * script, Strapi's publish copying a draft) does not carry it. Governed types without the flag
 * fall back to the run-table subquery.
 *
 * Partial exclusion (docs/classification.md): the parts a decided consequence test excludes are
 * blacked out in every public read's result (after-hooks, redactResult), filters on those fields
 * never match the items concerned, `_q` skips them and a sort on such a field is refused.
 * Drafts: `publishedAt $notNull` is always part of the filter, so `status=draft` from the
 * public (Strapi issue #25326) returns nothing.
 * Writes: the reads a document service write makes inside itself (create reads its new draft
 * back) are not filtered; only callers allowed to write (full-access tokens) get there, and the
 * write itself is governed (middlewares/governance.ts).
 */
type Where = Record<string, any>;

const READ_EVENTS = ['beforeFindOne', 'beforeFindMany', 'beforeCount'] as const;
/**
 * Private, unsigned flag on a governed type, written only by the workflow's publish act. Reading
 * it through an index keeps the guard's cost flat (the subquery on the run table made every
 * public read materialise the whole published set: ×0.2 throughput at 10,000 items).
 */
export const PUBLIC_FLAG = 'ppidPublic';
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const writing = new AsyncLocalStorage<boolean>();
const GROUP_OPS = new Set(['$and', '$or', '$not']);
const UPLOAD_FILE = 'plugin::upload.file';
/** Attribute types a partial exclusion can black out (classification service, assertParts). */
const REDACTABLE_TYPES = new Set(['string', 'text', 'richtext', 'blocks', 'email']);
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'locale', 'publishedAt', 'createdAt', 'updatedAt', 'classification', 'ppidPublic']);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const governed = (uid: string) => getService(strapi, 'content').isGoverned(uid);
  // The host's DIP entry type (config dipEntryType), fixed once the plugin has registered.
  let dipEntryType: string | null | undefined;
  const isDipEntryType = (uid: string) => uid === (dipEntryType === undefined ? (dipEntryType = appTypes(strapi).dipEntryType) : dipEntryType);
  const meta = (uid: string): any => {
    try {
      return strapi.db.metadata.get(uid as any);
    } catch {
      return null;
    }
  };

  /**
   * documentIds of items of one governed type whose run reached its publish act, as a SQL
   * subquery on the run table (indexed: services/indexes.ts). The database joins it into the
   * read; no id list is loaded into memory or sent back, however many items are published.
   */
  function visibleSubquery(uid: string) {
    const runs = strapi.db.metadata.get(UID.run).tableName;
    return strapi.db
      .connection(runs)
      .select('item_document_id')
      .where({ item_uid: uid, status: 'published' })
      .whereNotNull('published_hash');
  }

  /**
   * documentIds of items of one type with a partial exclusion in force (on `kolom`, or on any
   * field): a filter on an excluded field never matches them, whatever the hidden text says.
   */
  function excludedSubquery(uid: string, kolom?: string) {
    const table = strapi.db.metadata.get(UID.excludedInformation).tableName;
    const q = strapi.db.connection(table).select('item_document_id').where({ item_uid: uid, status: 'berlaku', cakupan: 'sebagian' });
    return kolom ? q.where({ kolom }) : q;
  }
  /** A content field a partial exclusion may black out (never an identifier or a system field). */
  const redactable = (model: string, key: string) => {
    if (SYSTEM_FIELDS.has(key) || !governed(model)) return false;
    const a = strapi.getModel(model as any)?.attributes?.[key] as any;
    return !!a && !a.private && REDACTABLE_TYPES.has(a.type);
  };

  const self = {
    /** Whether the current request is a content-API (REST or GraphQL) request. */
    isPublicRequest(): boolean {
      const ctx: any = strapi.requestContext.get();
      return ctx?.state?.route?.info?.type === 'content-api';
    },

    /**
     * The public condition for one governed type, in query-engine `where` form. A type that
     * carries the private `ppidPublic` flag (information-item does; see PUBLIC_FLAG) is read
     * through it and an index; any other governed type through the run-table subquery.
     */
    whereFor(uid: string): Where {
      const attrs = strapi.getModel(uid as any)?.attributes ?? {};
      return {
        ...(PUBLIC_FLAG in attrs ? { [PUBLIC_FLAG]: true } : { documentId: { $in: visibleSubquery(uid) } }),
        publishedAt: { $notNull: true },
        ...('classification' in attrs ? { classification: { $ne: 'dikecualikan' } } : {}),
      };
    },

    /**
     * The condition a public read adds for one type: the full public guard for a governed type,
     * `published only` for a plugin-managed type, none for any other type.
     */
    guardFor(uid: string): Where | null {
      if (governed(uid)) return self.whereFor(uid);
      // The host's DIP entry type (config dipEntryType) is written but not governed by a run: its
      // drafts are the plugin's working copies (a draft is the DIP proposal made when an item is
      // published, and it stays after the item is unpublished): the public sees published rows only.
      if (isDipEntryType(uid)) return { publishedAt: { $notNull: true } };
      if (uid === UPLOAD_FILE) return self.fileWhere();
      return null;
    },

    /**
     * An uploaded file is as public as the items it is attached to (docs/attachments.md): it is
     * public when it is attached to no governed row, or to at least one row that is public by
     * whereFor. Media inside a component of a governed type counts as governed and not public
     * (the component's owner is not resolved). Subqueries on Strapi's morph table
     * (files_related_mph); nothing is loaded into memory.
     */
    fileWhere(): Where | null {
      const join = meta(UPLOAD_FILE)?.attributes?.related?.joinTable;
      if (!join) return null;
      const types = getService(strapi, 'content').governedTypes() as string[];
      const components = new Set<string>();
      for (const t of types) {
        for (const a of Object.values<any>(strapi.getModel(t as any)?.attributes ?? {})) {
          if (a.type === 'component') components.add(a.component);
          if (a.type === 'dynamiczone') for (const c of a.components ?? []) components.add(c);
        }
      }
      const owners = [...types, ...components];
      if (!owners.length) return null;
      const knex = strapi.db.connection;
      const fileCol = join.joinColumn.name;
      const idCol = join.morphColumn.idColumn.name;
      const typeCol = join.morphColumn.typeColumn.name;
      const linked = knex(join.name).select(fileCol).whereIn(typeCol, owners);
      const visible = knex(join.name)
        .select(fileCol)
        .where((q: any) => {
          for (const t of types) {
            const rows = strapi.db.entityManager.createQueryBuilder(t as any).select('id').where(self.whereFor(t)).getKnexQuery();
            q.orWhere((q2: any) => q2.where(typeCol, t).whereIn(idCol, rows));
          }
        });
      return { $or: [{ id: { $notIn: linked } }, { id: { $in: visible } }] };
    },

    /**
     * Whether the public may see this item right now, by the same guard as every content-API
     * read. The plugin's own types (a consequence test, a DIP edition...) are never public through
     * this question: they have their own public doors, or none.
     */
    async isPublic(uid: string, documentId: string, locale?: string | null): Promise<boolean> {
      if ((INTERNAL_TYPES as string[]).includes(uid) || !strapi.getModel(uid as any)) return false;
      const guard = self.guardFor(uid);
      if (!guard) return false;
      const n = await strapi.db.query(uid as any).count({ where: { $and: [{ documentId, ...(locale ? { locale } : {}) }, guard] } });
      return n > 0;
    },

    /**
     * Keeps the flag: true on the published row of an item whose run just reached its publish
     * act (called inside that act's transaction). Strapi's publish copies the draft row, whose
     * flag is never set, so any other path to a published row leaves the flag false.
     */
    async markPublished(uid: string, documentId: string, locale: string | null) {
      const attrs = strapi.getModel(uid as any)?.attributes ?? {};
      if (!(PUBLIC_FLAG in attrs)) return;
      await strapi.db.query(uid as any).updateMany({
        where: { documentId, publishedAt: { $notNull: true }, ...(locale ? { locale } : {}) },
        data: { [PUBLIC_FLAG]: true },
      });
    },

    /**
     * Boot: the flag agrees with the run table for items published before the flag existed. A
     * row is flagged only when its content is exactly what its run's publish act sealed
     * (publishedHash): a row changed or re-created behind the workflow's back (raw SQL) stays
     * hidden, and `verify` reports it (services/verification.ts).
     */
    async syncFlags() {
      const content = getService(strapi, 'content');
      const runs = strapi.db.metadata.get(UID.run).tableName;
      for (const uid of content.governedTypes() as string[]) {
        const attrs = strapi.getModel(uid as any)?.attributes ?? {};
        if (!(PUBLIC_FLAG in attrs)) continue;
        const table = strapi.db.metadata.get(uid as any).tableName;
        const candidates = await strapi.db
          .connection(table)
          .select('id', 'document_id')
          .whereNotNull('published_at')
          .where('ppid_public', false)
          .whereIn('document_id', visibleSubquery(uid));
        for (const row of candidates) {
          const run = await strapi.db
            .connection(runs)
            .select('published_hash', 'item_locale')
            .where({ item_uid: uid, item_document_id: row.document_id, status: 'published' })
            .whereNotNull('published_hash')
            .orderBy('id', 'desc')
            .first();
          const live = run ? await content.loadPublished(uid, row.document_id, run.item_locale ?? null) : null;
          if (!live || live.id !== row.id || (await content.hashOf(uid, live)) !== run.published_hash) {
            strapi.log.warn(`[ppid] ${uid} ${row.document_id}: published content differs from what its SOP run sealed; it stays hidden (see \`ppid verify\`)`);
            continue;
          }
          await strapi.db.connection(table).where({ id: row.id }).update({ ppid_public: true });
        }
      }
    },

    /** Rewrites one query's params in place so that hidden governed rows cannot appear or match. */
    async guardParams(uid: string, params: any): Promise<void> {
      const and = (a: any, b: Where): Where => (a == null || (typeof a === 'object' && !Array.isArray(a) && Object.keys(a).length === 0) ? b : { $and: [a, b] });

      // Filters (where), including filters on relations.
      const guardWhere = async (model: string, where: any): Promise<any> => {
        if (Array.isArray(where)) {
          // One after another: inside a transaction every query shares one connection.
          const out: any[] = [];
          for (const w of where) out.push(await guardWhere(model, w));
          return out;
        }
        if (!where || typeof where !== 'object') return where;
        const attrs = meta(model)?.attributes ?? {};
        const out: Where = {};
        const extra: Where[] = [];
        for (const [key, value] of Object.entries(where)) {
          const attr = attrs[key];
          if (key === '$and' || key === '$or' || key === '$not') {
            out[key] = await guardWhere(model, value);
          } else if (attr?.type === 'relation' && attr.target) {
            const guard = self.guardFor(attr.target);
            if (guard) {
              const isObj = value !== null && typeof value === 'object' && !Array.isArray(value);
              const ops = isObj ? Object.keys(value as Where).filter((k) => k.startsWith('$') && !GROUP_OPS.has(k)) : [];
              if (ops.length) {
                // An operator on the relation itself (`[informationItem][$null]=true`) compares
                // the related id; seen by the public, a relation to a hidden row is no relation.
                extra.push(relationOperator(model, key, attr.target, value as Where, guard));
                continue;
              }
              const cond = isObj ? await guardWhere(attr.target, value) : { id: value };
              out[key] = and(cond, guard);
            } else {
              out[key] = await guardWhere(attr.target, value);
            }
          } else if (redactable(model, key)) {
            // Partial exclusion: the condition holds only for items whose field is not excluded,
            // so no filter can probe the blacked-out text (even under $not / $or).
            extra.push({ $and: [{ [key]: value }, { documentId: { $notIn: excludedSubquery(model, key) } }] });
          } else {
            out[key] = value;
          }
        }
        return extra.length ? { $and: [out, ...extra] } : out;
      };

      /**
       * `{ rel: { $op: v } }` on a guarded target, over public related rows only: `$null` /
       * `$notNull` (and `$eq`/`$ne` null) become "has no / has a public related row" through a
       * subquery on the parent's ids (a condition on the join rows would be wrong for to-many
       * relations); any other operator applies to the related id, among public rows.
       */
      const relationOperator = (model: string, key: string, target: string, value: Where, guard: Where): Where => {
        const ops = Object.keys(value);
        if (ops.length !== 1) throw badRequest(`filters.${key}: satu operator saja / one operator only`, { field: key });
        const [op] = ops;
        const v = value[op];
        const truthy = v === true || v === 'true' || v === 1 || v === '1';
        const wantsNone = (op === '$null' && truthy) || (op === '$notNull' && !truthy) || (op === '$eq' && v === null);
        const wantsSome = (op === '$notNull' && truthy) || (op === '$null' && !truthy) || (op === '$ne' && v === null);
        if (wantsNone || wantsSome) {
          const withPublic = strapi.db.entityManager
            .createQueryBuilder(model as any)
            .select('id')
            .where({ [key]: and({ id: { $notNull: true } }, guard) })
            .getKnexQuery();
          return { id: { [wantsNone ? '$notIn' : '$in']: withPublic } };
        }
        return { [key]: and({ id: { [op]: v } }, guard) };
      };

      /**
       * Sorting by a field of a related governed or plugin-managed row would order by hidden
       * values (an existence and content oracle). Strapi joins the relation for the sort without
       * any condition, and a condition in `where` would drop the parent rows instead of the sort
       * key, so such a sort is refused (400) rather than silently half-applied.
       */
      const sortedFields: [string, string, string][] = [];
      const checkOrderBy = (model: string, orderBy: any, path: string[] = []): void => {
        if (orderBy == null) return;
        if (typeof orderBy === 'string') {
          // The query engine's `orderBy: 'title'` form.
          const key = orderBy.split(':')[0];
          if (redactable(model, key)) sortedFields.push([model, key, [...path, key].join('.')]);
          return;
        }
        if (Array.isArray(orderBy)) return orderBy.forEach((o) => checkOrderBy(model, o, path));
        if (typeof orderBy !== 'object') return;
        const attrs = meta(model)?.attributes ?? {};
        for (const [key, value] of Object.entries(orderBy)) {
          const attr = attrs[key];
          if (redactable(model, key)) sortedFields.push([model, key, [...path, key].join('.')]);
          if (attr?.type !== 'relation' || !attr.target) continue;
          if (self.guardFor(attr.target)) {
            const field = [...path, key].join('.');
            throw badRequest(`sort: tidak dapat mengurutkan menurut relasi ${field} / sorting by the related ${field} is not allowed`, { field: 'sort', reason: 'sort_on_guarded_relation' });
          }
          checkOrderBy(attr.target, value, [...path, key]);
        }
      };

      // Populate trees: every relation that reaches a governed type gets the public condition.
      const guardPopulate = async (model: string, populate: any): Promise<any> => {
        if (populate === false || populate == null) return populate;
        const m = meta(model);
        if (!m) return populate;
        let map: Record<string, any>;
        if (populate === true || populate === '*') {
          map = {};
          for (const [name, a] of Object.entries<any>(m.attributes)) if (a.type === 'relation') map[name] = true;
        } else if (typeof populate === 'string' || Array.isArray(populate)) {
          map = {};
          for (const path of ([] as string[]).concat(populate)) {
            const [root, ...rest] = String(path).split('.');
            if (!rest.length) map[root] = map[root] ?? true;
            else {
              const cur = map[root] === true || map[root] == null ? { populate: [] as string[] } : map[root];
              cur.populate = [...([] as string[]).concat(cur.populate ?? []), rest.join('.')];
              map[root] = cur;
            }
          }
        } else if (typeof populate === 'object') {
          map = { ...populate };
        } else return populate;

        for (const [name, value] of Object.entries(map)) {
          const attr = m.attributes[name];
          if (!attr || attr.type !== 'relation' || value === false || value == null) continue;
          const target: string | undefined = attr.target;
          const sub: Record<string, any> = value === true ? {} : { ...value };
          if (sub.on && typeof sub.on === 'object') {
            const on: Record<string, any> = {};
            for (const [t, v] of Object.entries<any>(sub.on)) {
              on[t] = v && typeof v === 'object' ? { ...v, where: await guardWhere(t, v.where), populate: await guardPopulate(t, v.populate) } : v;
              const g = self.guardFor(t);
              // `on: { type: true }` (Strapi's own form for a morph populate) needs an object too.
              if (g && on[t] === true) on[t] = {};
              if (g && on[t] && typeof on[t] === 'object') on[t].where = and(on[t].where, g);
            }
            sub.on = on;
          }
          if (!target) {
            // A polymorphic relation (an upload file's `related`) with no `on`: every type is
            // listed so that guarded types get their condition (Strapi drops unlisted types).
            if (!sub.on && String(attr.relation).startsWith('morph')) {
              const { on: _on, ...typePopulate } = sub;
              const on: Record<string, any> = {};
              for (const t of strapi.db.metadata.keys()) {
                const g = self.guardFor(t);
                on[t] = g ? { ...typePopulate, where: and(typePopulate.where, g) } : { ...typePopulate };
              }
              sub.on = on;
            }
            map[name] = value === true && !sub.on ? value : sub;
            continue;
          }
          if (sub.where !== undefined) sub.where = await guardWhere(target, sub.where);
          if (sub.orderBy !== undefined) checkOrderBy(target, sub.orderBy);
          if (sub.populate !== undefined) sub.populate = await guardPopulate(target, sub.populate);
          const g = self.guardFor(target);
          if (g) sub.where = and(sub.where, g);
          map[name] = value === true && Object.keys(sub).length === 0 ? true : sub;
        }
        return map;
      };

      if (params.where !== undefined) params.where = await guardWhere(uid, params.where);
      if (params.orderBy !== undefined) checkOrderBy(uid, params.orderBy);
      if (params.populate !== undefined) params.populate = await guardPopulate(uid, params.populate);
      // A text search (`_q`) reads every text field: items with excluded parts never match it.
      if (params._q && governed(uid)) params.where = and(params.where, { documentId: { $notIn: excludedSubquery(uid) } });
      // Sorting by a field that is blacked out somewhere would order by the hidden text.
      for (const [model, key, field] of sortedFields) {
        // Through the query engine: inside the read's transaction (SQLite has one connection).
        const n = await strapi.db.query(UID.excludedInformation).count({ where: { itemUid: model, kolom: key, status: 'berlaku', cakupan: 'sebagian' } });
        if (n > 0) {
          throw badRequest(`sort: tidak dapat mengurutkan menurut ${field}: kolom ini dikecualikan sebagian pada sebagian informasi / sorting by ${field} is not allowed: the field is partly excluded`, { field: 'sort', reason: 'sort_on_excluded_field' });
        }
      }
      const own = self.guardFor(uid);
      if (own) params.where = and(params.where, own);
    },

    /**
     * Blacks out the excluded parts of every governed row in a public read's result, wherever it
     * sits: the top level, a populate branch, a relation loaded by GraphQL (`load` ends in the
     * parent's findOne) or a polymorphic `related`. One query per read, for the rows it returned.
     */
    async redactResult(uid: string, result: unknown): Promise<void> {
      const found = new Map<string, any[]>();
      const walk = (model: string, node: unknown, depth: number): void => {
        if (node == null || depth > 12) return;
        if (Array.isArray(node)) return node.forEach((n) => walk(model, n, depth));
        if (typeof node !== 'object') return;
        const row = node as Record<string, any>;
        const m = meta(model);
        if (!m) return;
        if (governed(model) || isDipEntryType(model)) found.set(model, [...(found.get(model) ?? []), row]);
        for (const [k, v] of Object.entries(row)) {
          if (v == null || typeof v !== 'object') continue;
          const a = m.attributes?.[k];
          if (!a) continue;
          if (a.type === 'relation') {
            if (a.target) walk(a.target, v, depth + 1);
            else for (const el of ([] as any[]).concat(v)) if (el && typeof el === 'object' && el.__type) walk(el.__type, el, depth + 1);
          } else if (a.type === 'component' && a.component) walk(a.component, v, depth + 1);
          else if (a.type === 'dynamiczone') for (const el of ([] as any[]).concat(v)) if (el?.__component) walk(el.__component, el, depth + 1);
        }
      };
      walk(uid, result, 0);
      if (!found.size) return;
      const cls = getService(strapi, 'classification');
      for (const [model, rows] of found) {
        if (isDipEntryType(model)) {
          await self.redactDipEntries(model, rows);
          continue;
        }
        // A row read without its documentId (a narrow `fields` list) is looked up by id.
        const missing = rows.filter((r) => !r.documentId && r.id != null).map((r) => r.id);
        const docOf = new Map<number, string>();
        if (missing.length) {
          // Through the query engine (the read's transaction); its own after-hook finds documentIds set.
          for (const r of await strapi.db.query(model as any).findMany({ where: { id: { $in: missing } }, select: ['id', 'documentId'] })) docOf.set(Number(r.id), r.documentId);
        }
        const docId = (r: any) => r.documentId ?? docOf.get(Number(r.id));
        // A row with no identity at all cannot be matched to its exclusions: every field that is
        // excluded on any item of the type is blacked out (fail closed).
        const anonymous = rows.filter((r) => !docId(r));
        if (anonymous.length) {
          const inForce = await strapi.db.query(UID.excludedInformation).findMany({ where: { itemUid: model, status: 'berlaku', cakupan: 'sebagian' }, select: ['kolom', 'hurufPasal17'] });
          for (const r of anonymous) for (const p of inForce as any[]) if (p.kolom in r) r[p.kolom] = redactValue(r[p.kolom], [{ hurufPasal17: p.hurufPasal17 }]);
        }
        const parts = await cls.activeParts(model, rows.map(docId).filter(Boolean));
        if (!parts.size) continue;
        for (const r of rows) {
          const mine = parts.get(docId(r));
          if (!mine) continue;
          const byField = new Map<string, typeof mine>();
          for (const p of mine) byField.set(p.kolom, [...(byField.get(p.kolom) ?? []), p]);
          for (const [kolom, ps] of byField) if (kolom in r) r[kolom] = redactValue(r[kolom], ps);
        }
      }
    },

    /**
     * A DIP entry row keeps its own copy of its item's text: the copy of a part excluded since is
     * blacked out like the item's field (core redactDipCopy). The entry → item link is read from
     * Strapi's join table (any version: the draft entry links the draft item), never through the
     * guarded query engine.
     */
    async redactDipEntries(model: string, rows: any[]) {
      const itemType = appTypes(strapi).itemType;
      const rel = meta(model)?.attributes?.informationItem;
      const join = rel?.joinTable;
      if (!itemType || !join) return;
      const ids = rows.map((r) => r.id).filter((v) => v != null);
      const docs = [...new Set(rows.map((r) => r.documentId).filter(Boolean))];
      if (!ids.length && !docs.length) return;
      const entryTable = meta(model).tableName;
      const itemTable = meta(itemType).tableName;
      const links: { entry_id: number; entry_doc: string; item_doc: string }[] = await strapi.db.transaction(async ({ trx }) =>
        strapi.db
          .getConnection(join.name)
          .transacting(trx)
          .join(`${entryTable} as e`, 'e.id', `${join.name}.${join.joinColumn.name}`)
          .join(`${itemTable} as i`, 'i.id', `${join.name}.${join.inverseJoinColumn.name}`)
          .where((q: any) => {
            if (ids.length) q.orWhereIn('e.id', ids);
            if (docs.length) q.orWhereIn('e.document_id', docs);
          })
          .select('e.id as entry_id', 'e.document_id as entry_doc', 'i.document_id as item_doc'),
      );
      const itemOf = new Map<string, string>();
      for (const l of links) {
        itemOf.set(`id:${l.entry_id}`, l.item_doc);
        itemOf.set(`doc:${l.entry_doc}`, l.item_doc);
      }
      const parts = await getService(strapi, 'classification').activeParts(itemType, [...new Set(links.map((l) => l.item_doc))]);
      if (!parts.size) return;
      for (const r of rows) {
        const item = itemOf.get(`id:${r.id}`) ?? itemOf.get(`doc:${r.documentId}`);
        const mine = item ? parts.get(item) : undefined;
        if (!mine) continue;
        const { entry, changed } = redactDipCopy(r, mine);
        if (changed) Object.assign(r, entry);
      }
    },

    /** Installs the subscriber (bootstrap). */
    install() {
      const subscriber: Record<string, any> = {};
      for (const action of READ_EVENTS) {
        subscriber[action] = async (event: { model: { uid: string }; params: any }) => {
          if (!self.isPublicRequest() || writing.getStore()) return;
          // The guard's own query on the run table must not recurse.
          if (event.model.uid === UID.run) return;
          // Bindings changed on another instance: checked at most every few seconds (services/settings-sync.ts);
          // not from that check's own reads.
          if (event.model.uid === UID.counter || event.model.uid === UID.binding) return;
          await getService(strapi, 'settings-sync').ensureFresh();
          event.params = event.params ?? {};
          await self.guardParams(event.model.uid, event.params);
        };
      }
      for (const action of ['afterFindOne', 'afterFindMany'] as const) {
        subscriber[action] = async (event: { model: { uid: string }; result: unknown }) => {
          if (!self.isPublicRequest() || writing.getStore()) return;
          if (event.model.uid === UID.run || event.model.uid === UID.excludedInformation || event.model.uid === UID.counter || event.model.uid === UID.binding) return;
          await self.redactResult(event.model.uid, event.result);
        };
      }
      strapi.db.lifecycles.subscribe(subscriber as any);
      strapi.documents.use(((ctx: { action: string }, next: () => Promise<unknown>) =>
        WRITE_ACTIONS.has(ctx.action) ? writing.run(true, next) : next()) as any);
    },
  };
  return self;
};
