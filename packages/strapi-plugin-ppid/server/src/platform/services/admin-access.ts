import type { Core } from '@strapi/strapi';
import { maskNip } from '../../core/nip';
import { forbidden, notFound } from '../../errors';
import { perm } from '../permissions';
import { UID } from '../uids';

/**
 * Who may read what through the plugin's admin routes. A run, its records, its form and a
 * consequence test show the item they are about, so they follow the caller's Content Manager
 * read permission on that item's type (`plugin::content-manager.explorer.read`, subject = uid),
 * checked with the Content Manager's own permission checker as Strapi's review workflows do.
 * Types the Content Manager hides (the plugin's own) map to what shows them in the panel:
 * a DIP edition to `dip.read`, a consequence test to the type of the item it tests, a request
 * for information or an objection to the Permohonan Informasi page's permissions (REQUEST_DESK).
 * Signers' full NIP, IP address and user agent need `records.personal-data`.
 */
export const PERSONAL_DATA = perm('records.personal-data');
const CM_READ = 'plugin::content-manager.explorer.read';
/** Who sees requests and objections (and their runs): whoever enters, decides or answers them. */
export const REQUEST_DESK = ['requests.read', 'requests.enter', 'requests.manage', 'objections.manage'].map(perm);

type Ability = { can: (action: string, subject?: any, field?: string) => boolean } | null | undefined;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checker = (ability: Ability, model: string) =>
    strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model });

  /** Model-level read of one type (conditions such as "is creator" count as readable, as in the CM list). */
  function canReadType(ability: Ability, uid: string): boolean {
    if (!ability || typeof uid !== 'string' || !Object.prototype.hasOwnProperty.call(strapi.contentTypes, uid)) return false;
    if (uid === UID.dipEdition) return ability.can(perm('dip.read'));
    if (uid === UID.consequenceTest) return false; // decided through the tested item's type (testedUid)
    // Requests and objections (internal types) show on the Permohonan Informasi page: its permissions.
    if (uid === UID.informationRequest || uid === UID.objection) return REQUEST_DESK.some((a) => ability.can(a));
    try {
      return !!checker(ability, uid).can(CM_READ);
    } catch {
      return false;
    }
  }

  async function testedUid(testDocumentId: string): Promise<string | null> {
    const row = await strapi.db.query(UID.consequenceTest).findOne({ where: { documentId: testDocumentId }, select: ['itemUid'] });
    return row?.itemUid ?? null;
  }

  const self = {
    canReadType,

    /** Whether the caller may read one item (a consequence test: the item it tests). */
    async canReadItem(ability: Ability, uid: string, documentId?: string | null): Promise<boolean> {
      if (uid === UID.consequenceTest) {
        // Without a test: the consequence tests page's own permission.
        if (!documentId) return !!ability && ability.can(perm('classification.manage'));
        const tested = await testedUid(documentId);
        return !!tested && canReadType(ability, tested);
      }
      return canReadType(ability, uid);
    },

    /** 403 unless the caller may read the item; the message never names the item. */
    async assertCanReadItem(ability: Ability, uid: string, documentId?: string | null) {
      if (!(await self.canReadItem(ability, uid, documentId))) {
        throw forbidden('Anda tidak berhak membaca tipe konten ini / you may not read this content type', { reason: 'content_read' });
      }
    },

    /** The run row (404 when unknown), after checking the caller may read its item (403). */
    async assertCanReadRun(ability: Ability, runDocumentId: string) {
      const run = typeof runDocumentId === 'string'
        ? await strapi.db.query(UID.run).findOne({ where: { documentId: runDocumentId }, select: ['id', 'documentId', 'itemUid', 'itemDocumentId', 'status'] })
        : null;
      if (!run) throw notFound(`Alur kerja ${String(runDocumentId).slice(0, 64)} tidak ditemukan / run not found`);
      await self.assertCanReadItem(ability, run.itemUid, run.itemDocumentId);
      return run as { id: number; documentId: string; itemUid: string; itemDocumentId: string; status: string };
    },

    /** Every content type the caller may read (model level). */
    readableTypes(ability: Ability): string[] {
      return Object.keys(strapi.contentTypes).filter((uid) => canReadType(ability, uid));
    },

    /**
     * A query-engine condition on runs (itemUid/itemDocumentId) keeping only those the caller
     * may read; consequence-test runs through the tested item's type.
     */
    async runFilter(ability: Ability): Promise<Record<string, unknown>> {
      const types = self.readableTypes(ability);
      const tests = types.length
        ? (await strapi.db.query(UID.consequenceTest).findMany({ where: { itemUid: { $in: types } }, select: ['documentId'] })).map((t: any) => t.documentId)
        : [];
      const or: Record<string, unknown>[] = [{ itemUid: { $in: types.length ? types : ['-'] } }];
      if (tests.length) or.push({ itemUid: UID.consequenceTest, itemDocumentId: { $in: [...new Set(tests)] } });
      return { $or: or };
    },

    canSeePersonalData(ability: Ability): boolean {
      return !!ability && ability.can(PERSONAL_DATA);
    },

    /** A record as an admin route returns it: NIP masked, no IP or user agent, unless permitted. */
    redactRecord<T extends Record<string, any>>(record: T, full: boolean): T {
      if (full || !record || typeof record !== 'object') return record;
      const out: Record<string, any> = { ...record, ip: null, userAgent: null };
      if (record.signer && typeof record.signer === 'object') out.signer = { ...record.signer, nip: maskNip(record.signer.nip) };
      if (record.onBehalfOf && typeof record.onBehalfOf === 'object' && 'nip' in record.onBehalfOf) {
        out.onBehalfOf = { ...record.onBehalfOf, nip: maskNip(record.onBehalfOf.nip) };
      }
      return out as T;
    },

    /** A run view (or any object with `records`/`written`/`record`), redacted for this caller. */
    redactView<T>(view: T, ability: Ability): T {
      const full = self.canSeePersonalData(ability);
      if (full || !view || typeof view !== 'object') return view;
      const v: any = { ...(view as any) };
      if (Array.isArray(v.records)) v.records = v.records.map((r: any) => self.redactRecord(r, false));
      if (Array.isArray(v.written)) v.written = v.written.map((r: any) => self.redactRecord(r, false));
      if (v.record && typeof v.record === 'object') v.record = self.redactRecord(v.record, false);
      return v as T;
    },
  };
  return self;
};
