/**
 * The one place that decides what "the content that was approved" is, and hashes it.
 *
 * An approval is bound to SHA-256 over the RFC 8785 (JCS) canonical JSON of
 * `{ uid, fields, attachments }`. Anything that changes without the content changing
 * (ids, timestamps, locale bookkeeping, the workflow's own mirror fields) is left out, so
 * saving or publishing an item does not invalidate its approvals, while any edit does.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import canonicalize from 'canonicalize';

/**
 * Keys never part of the content hash, at any depth.
 * - id, documentId: storage identity, not content (a relation keeps its documentId, see below).
 * - createdAt, updatedAt, publishedAt, createdBy, updatedBy: bookkeeping that moves on save/publish.
 * - locale, localizations: the locale is recorded on the signature record itself (itemLocale);
 *   sibling locales are other documents with their own approvals.
 * - ppidStage, ppidRunStatus: the workflow mirrors its state onto the item; approving must
 *   not change the hash of what was approved.
 */
export const EXCLUDED_FIELDS: readonly string[] = Object.freeze([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'ppidStage',
  'ppidRunStatus',
]);

const EXCLUDED = new Set(EXCLUDED_FIELDS);

export interface AttachmentDigest {
  name: string;
  /** SHA-256 hex of the file bytes. */
  sha256: string;
}

export interface ContentHashInput {
  /** Content-type uid, e.g. `api::informasi.informasi`. */
  uid: string;
  fields: Record<string, unknown>;
  attachments: AttachmentDigest[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/** RFC 8785 canonical JSON. Throws on values JSON cannot represent (NaN, Infinity, bigint). */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value has no JSON representation');
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 hex of a file, streamed so large attachments are not loaded into memory. */
export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Strapi upload file entries carry mime + url; they are content only through their bytes. */
function isMedia(value: Record<string, unknown>): boolean {
  return typeof value.mime === 'string' && typeof value.url === 'string';
}

/**
 * Reduce a field value to what identifies its content:
 * - media → `{ $media: sha256 }` (the file's content hash when the adapter has computed it,
 *   else Strapi's `hash`, which is renewed whenever the file is replaced);
 * - a related document (any object with a documentId, not media) → `{ $ref: documentId }`,
 *   because the related document's own edits are not edits of this item;
 * - components and dynamic zones keep their shape and `__component`; array order is kept
 *   (dynamic-zone and ordered-relation order is meaningful);
 * - excluded keys are dropped at every depth; Dates become ISO strings; undefined is dropped.
 */
export function normalizeForHash(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return { $bytes: sha256Hex(value) };
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalizeForHash(v)));
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return value;
  if (!isPlainObject(value)) return normalizeForHash(JSON.parse(JSON.stringify(value)));

  if (isMedia(value)) {
    const digest = value.sha256 ?? value.hash;
    if (typeof digest !== 'string' || digest === '') {
      throw new TypeError(`media "${String(value.name ?? value.url)}" has no sha256 or hash`);
    }
    return { $media: digest };
  }
  if (typeof value.documentId === 'string' && value.__component === undefined) {
    return { $ref: value.documentId };
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (EXCLUDED.has(key) || v === undefined) continue;
    out[key] = normalizeForHash(v);
  }
  return out;
}

/** The exact object whose canonical JSON is hashed; exposed for debugging and docs. */
export function contentHashBody({ uid, fields, attachments }: ContentHashInput): {
  uid: string;
  fields: Record<string, unknown>;
  attachments: AttachmentDigest[];
} {
  if (!uid) throw new TypeError('uid is required');
  const normalized: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(fields)) {
    if (EXCLUDED.has(key) || v === undefined) continue;
    normalized[key] = normalizeForHash(v);
  }
  const sorted = attachments
    .map((a) => {
      const sha256 = a.sha256.toLowerCase();
      if (!HEX64.test(sha256)) throw new TypeError(`attachment "${a.name}" has an invalid sha256`);
      return { name: a.name, sha256 };
    })
    // Upload order is not content; the name breaks ties between identical files.
    .sort((a, b) => cmp(a.sha256, b.sha256) || cmp(a.name, b.name));
  return { uid, fields: normalized, attachments: sorted };
}

/** SHA-256 hex of the canonical item content: the value every approval of the item is bound to. */
export function contentHash(input: ContentHashInput): string {
  return sha256Hex(canonicalJson(contentHashBody(input)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
