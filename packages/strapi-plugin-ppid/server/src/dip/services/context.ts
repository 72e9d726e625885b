import type { Core } from '@strapi/strapi';
import { track } from '../../platform/background';
import { DEFAULT_DECREE_PATTERN, isDipClassification, type DipEntry } from '../../core/dip';
import { notFound } from '../../errors';
import { redactDipCopy } from '../../core/classification';
import { UID, appTypes } from '../../platform/uids';
import { getService } from '../../services/get-service';
import type { EditionRow } from './rows';

export type DipSettings = { pattern: string; kode: string; unit: string; instansi: string; place: string };

/**
 * What the DIP service's parts share: the settings, the edition rows (the only place that reads
 * them by documentId), the exclusion filter and the after-commit hook.
 */
export function dipContext(strapi: Core.Strapi): DipContext {
  const editions = () => strapi.db.query(UID.dipEdition);
  const cfg = (key: string, envName: string, fallback: string) =>
    (strapi.plugin('ppid').config(key) as string | undefined) || process.env[envName] || fallback;
  const settings = (): DipSettings => ({
    pattern: cfg('decreePattern', 'PPID_DECREE_PATTERN', DEFAULT_DECREE_PATTERN),
    kode: cfg('decreeKode', 'PPID_DECREE_KODE', '000.8.3.3'),
    unit: cfg('unitCode', 'PPID_UNIT_CODE', 'PPID'),
    instansi: cfg('instansi', 'PPID_INSTANSI', 'Pemerintah Daerah'),
    place: cfg('ditetapkanDi', 'PPID_DITETAPKAN_DI', ''),
  });
  // One place builds verification links (PUBLIC_URL aware): the verification service.
  const verificationUrl = (code: string): string => getService(strapi, 'verification').verificationUrl(code);

  /** Runs `fn` once the surrounding transaction (if any) has committed. */
  function afterCommit(fn: () => Promise<unknown>) {
    const run = () => void track(fn().catch((e) => strapi.log.error(`[ppid dip] ${e?.message ?? e}`)));
    if (strapi.db.inTransaction()) void strapi.db.transaction(async ({ onCommit }) => onCommit(run));
    else run();
  }

  /** documentIds of information items that are (in any version) classified dikecualikan. */
  async function excludedKeys(keys: string[]): Promise<Set<string>> {
    // Plain knex, not the query engine: the public guard (public-filter) hides excluded items
    // from content-API requests, and this check must see them precisely then.
    const out = new Set<string>();
    const item = appTypes(strapi).itemType;
    if (!item || !keys.length) return out;
    const table = strapi.db.metadata.get(item as any).tableName;
    // Inside the caller's transaction when there is one (sqlite has a single connection).
    await strapi.db.transaction(async ({ trx }) => {
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await strapi.db
          .getConnection(table)
          .transacting(trx)
          .distinct('document_id')
          .whereIn('document_id', keys.slice(i, i + 500))
          .where('classification', 'dikecualikan');
        for (const r of rows) out.add(r.document_id);
        // A whole exclusion in force (consequence test, cakupan seluruh) whatever the row says.
        const whole = await strapi.db
          .getConnection(strapi.db.metadata.get(UID.excludedInformation).tableName)
          .transacting(trx)
          .distinct('item_document_id')
          .where({ item_uid: item, status: 'berlaku', cakupan: 'seluruh' })
          .whereIn('item_document_id', keys.slice(i, i + 500));
        for (const r of whole) out.add(r.item_document_id);
      }
    });
    return out;
  }

  /**
   * A DIP entry keeps its own copy of the item's text (entryFromRow): a partial exclusion on a
   * field it copies blacks out the copy with the same marker as the item (core redactDipCopy;
   * fail closed). A redacted entry gets `catatan`, naming the letters.
   */
  async function redactEntries<E extends DipEntry>(entries: E[]): Promise<(E & { catatan?: string })[]> {
    const item = appTypes(strapi).itemType;
    const keys = entries.map((e) => e.key).filter(Boolean);
    if (!item || !keys.length) return entries;
    const parts = await getService(strapi, 'classification').activeParts(item, keys);
    if (!parts.size) return entries;
    return entries.map((e) => {
      const mine = parts.get(e.key) ?? [];
      const { entry, changed } = redactDipCopy(e, mine);
      if (!changed) return e;
      const letters = [...new Set(mine.map((p) => p.hurufPasal17))].sort().join(', ');
      return { ...entry, catatan: `Sebagian isi entri ini dikecualikan berdasarkan UU 14/2008 Pasal 17 huruf ${letters}` };
    });
  }

  /** Keeps only what may be public: a DIP class, and no link to an excluded item. */
  async function withoutExcluded(entries: DipEntry[]): Promise<{ kept: DipEntry[]; dropped: DipEntry[] }> {
    const excluded = await excludedKeys(entries.map((e) => e.key).filter(Boolean));
    const kept: DipEntry[] = [];
    const dropped: DipEntry[] = [];
    for (const e of entries) (isDipClassification(e.klasifikasi) && !excluded.has(e.key) ? kept : dropped).push(e);
    return { kept, dropped };
  }

  async function loadEdition(documentId: string, opts: { established?: boolean } = {}): Promise<EditionRow> {
    const row = (await editions().findOne({
      where: opts.established
        ? { documentId, publishedAt: { $notNull: true }, editionStatus: 'established' }
        : { documentId, publishedAt: { $null: true } },
    })) as EditionRow | null;
    if (!row) throw notFound(`Edisi DIP ${documentId} tidak ditemukan / DIP edition not found`);
    return row;
  }

  return { strapi, settings, verificationUrl, afterCommit, excludedKeys, withoutExcluded, redactEntries, loadEdition };
}

export interface DipContext {
  strapi: Core.Strapi;
  settings(): DipSettings;
  verificationUrl(code: string): string;
  afterCommit(fn: () => Promise<unknown>): void;
  excludedKeys(keys: string[]): Promise<Set<string>>;
  withoutExcluded(entries: DipEntry[]): Promise<{ kept: DipEntry[]; dropped: DipEntry[] }>;
  redactEntries<E extends DipEntry>(entries: E[]): Promise<(E & { catatan?: string })[]>;
  loadEdition(documentId: string, opts?: { established?: boolean }): Promise<EditionRow>;
}
