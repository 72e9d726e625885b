import path from 'path';
import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { contentHash, fileSha256, type AttachmentDigest } from '../../core/signature';
import { badRequest, notFound } from '../../errors';
import { UID } from '../../platform/uids';
import { defaultBinding } from '../../core/workflow/bindings';

type Binding = { id?: number; contentType: string; sopCode: string; isDefault: boolean };

/** Governed content types, their SOPs, and the one content hash every approval is bound to. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let governed = new Map<string, Binding[]>();

  const isMediaAttr = (a: any) => a?.type === 'media';
  const populateFor = (uid: string) => {
    const attrs = strapi.contentType(uid as any)?.attributes ?? {};
    const populate: Record<string, true> = {};
    for (const [name, a] of Object.entries<any>(attrs)) {
      if (['component', 'dynamiczone', 'media', 'relation'].includes(a.type) && !['createdBy', 'updatedBy', 'localizations'].includes(name)) {
        populate[name] = true;
      }
    }
    return populate;
  };

  async function fileDigest(file: any): Promise<string> {
    // Local provider: the bytes are under public/; other providers: the provider's own hash.
    if (file?.provider === 'local' && typeof file.url === 'string') {
      const p = path.join(strapi.dirs.static.public, file.url);
      if (fs.existsSync(p)) return fileSha256(p);
    }
    return require('crypto').createHash('sha256').update(`${file?.hash ?? ''}:${file?.url ?? ''}:${file?.size ?? ''}`).digest('hex');
  }

  const self = {
    async refreshBindings() {
      const rows = (await strapi.db.query(UID.binding).findMany({ orderBy: { id: 'asc' } })) as Binding[];
      const next = new Map<string, Binding[]>();
      for (const r of rows) next.set(r.contentType, [...(next.get(r.contentType) ?? []), r]);
      governed = next;
      return next;
    },
    isGoverned: (uid: string) => governed.has(uid),
    governedTypes: () => [...governed.keys()],
    bindings: (uid: string) => governed.get(uid) ?? [],

    /** The SOP an item of this type runs: the requested one if bound to the type, else the default. */
    sopCodeFor(uid: string, requested?: string | null): string {
      const bindings = self.bindings(uid);
      if (!bindings.length) throw badRequest(`Tipe konten ${uid} tidak diatur SOP / is not governed by an SOP`);
      if (requested) {
        if (!bindings.some((b) => b.sopCode === requested)) {
          throw badRequest(`sopCode: SOP "${requested}" tidak berlaku untuk ${uid} / not bound to this type`, { field: 'sopCode' });
        }
        return requested;
      }
      return defaultBinding(bindings)!.sopCode;
    },

    async loadDraft(uid: string, documentId: string, locale?: string | null) {
      const doc = await strapi.documents(uid as any).findOne({
        documentId,
        ...(locale ? { locale } : {}),
        status: 'draft',
        populate: populateFor(uid) as any,
      });
      if (!doc) throw notFound(`Item ${documentId} tidak ditemukan / not found`);
      return doc as Record<string, any>;
    },

    async loadPublished(uid: string, documentId: string, locale?: string | null) {
      return (await strapi.documents(uid as any).findOne({
        documentId,
        ...(locale ? { locale } : {}),
        status: 'published',
        populate: populateFor(uid) as any,
      })) as Record<string, any> | null;
    },

    /** SHA-256 over the canonical item and the bytes of its attachments (core/signature). */
    async hashOf(uid: string, doc: Record<string, any>): Promise<string> {
      const attrs = strapi.contentType(uid as any)?.attributes ?? {};
      const fields: Record<string, unknown> = {};
      const attachments: AttachmentDigest[] = [];
      for (const [name, value] of Object.entries(doc)) {
        const attr = (attrs as any)[name];
        if (!attr) continue; // id, documentId, timestamps... are not attributes of the schema
        // Facts the system stamps at signing (a decree's number and date) are not what is signed.
        if (attr.pluginOptions?.ppid?.unsigned) continue;
        if (isMediaAttr(attr) && value) {
          const files = Array.isArray(value) ? value : [value];
          const withDigest: Record<string, unknown>[] = [];
          for (const f of files) {
            const sha256 = await fileDigest(f);
            attachments.push({ name: f.name ?? f.url, sha256 });
            withDigest.push({ mime: f.mime, url: f.url, sha256 });
          }
          fields[name] = Array.isArray(value) ? withDigest : withDigest[0];
          continue;
        }
        fields[name] = value;
      }
      return contentHash({ uid, fields, attachments });
    },

    unitIdOf(doc: Record<string, any>): number | null {
      return doc?.unit?.id ?? null;
    },

    titleOf(doc: Record<string, any>): string {
      // A consequence test (uji konsekuensi) has no title: its uraian informasi names it.
      const test = doc.informasi && doc.itemDocumentId ? `Uji konsekuensi: ${doc.informasi}` : null;
      return String(doc.title ?? doc.name ?? doc.ringkasan ?? test ?? doc.documentId).slice(0, 300);
    },
  };
  return self;
};
