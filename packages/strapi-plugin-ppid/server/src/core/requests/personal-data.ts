// Applicants' personal data at rest (identity numbers): AES-256-GCM under a key from the
// plugin's configuration (requests.personalDataKey, PPID_PERSONAL_DATA_KEY), never in the
// database. The stored text names the key it was sealed with, so a key can be rotated: the old
// one stays readable while it is listed in `retired`.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export class PersonalDataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataKeyError';
  }
}

export interface PersonalDataKey {
  /** 8 hex digits of the key's SHA-256: which key sealed a value, without revealing it. */
  id: string;
  key: Buffer;
}

/** A 32-byte key written as 64 hex digits or as base64 (44 characters). */
export function parsePersonalDataKey(text: unknown): PersonalDataKey {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new PersonalDataKeyError('requests.personalDataKey (PPID_PERSONAL_DATA_KEY) is not set: 32 random bytes as hex or base64, e.g. `openssl rand -base64 32`');
  }
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!key || key.length !== 32) {
    throw new PersonalDataKeyError('requests.personalDataKey (PPID_PERSONAL_DATA_KEY) must be 32 bytes, as 64 hex digits or base64');
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

const PREFIX = 'pd1';
const b64 = (b: Buffer) => b.toString('base64url');

/** Seals a value: `pd1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealPersonalData(plain: string, key: PersonalDataKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  // The key id is bound to the ciphertext: a value cannot be passed off as another key's.
  cipher.setAAD(Buffer.from(`${PREFIX}.${key.id}`));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [PREFIX, key.id, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join('.');
}

export function isSealed(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(`${PREFIX}.`) && value.split('.').length === 5;
}

/** Opens a sealed value with the active key or a retired one; throws if none fits or it was altered. */
export function openPersonalData(sealed: string, keys: PersonalDataKey[]): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new PersonalDataKeyError('not a sealed personal-data value');
  const [, id, iv, tag, ct] = parts as [string, string, string, string, string];
  const key = keys.find((k) => k.id === id);
  if (!key) throw new PersonalDataKeyError(`the key ${id} that sealed this value is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${PREFIX}.${id}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Seals bytes (the identity scan) for a binary column: the ASCII header `pd1.<keyId>.`, then
 * the IV (12 bytes), the tag (16 bytes) and the ciphertext, under the same key and AAD as
 * sealPersonalData.
 */
export function sealPersonalBytes(plain: Buffer, key: PersonalDataKey): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(`${PREFIX}.${key.id}`));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from(`${PREFIX}.${key.id}.`, 'latin1'), iv, cipher.getAuthTag(), ct]);
}

/** Opens what sealPersonalBytes sealed, with the active key or a retired one. */
export function openPersonalBytes(sealed: Buffer, keys: PersonalDataKey[]): Buffer {
  const head = sealed.subarray(0, PREFIX.length + 10).toString('latin1');
  const m = new RegExp(`^${PREFIX}\\.([0-9a-f]{8})\\.$`).exec(head);
  if (!m) throw new PersonalDataKeyError('not sealed personal-data bytes');
  const key = keys.find((k) => k.id === m[1]);
  if (!key) throw new PersonalDataKeyError(`the key ${m[1]} that sealed this value is not configured`);
  const at = head.length;
  const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.subarray(at, at + 12));
  decipher.setAAD(Buffer.from(`${PREFIX}.${key.id}`));
  decipher.setAuthTag(sealed.subarray(at + 12, at + 28));
  return Buffer.concat([decipher.update(sealed.subarray(at + 28)), decipher.final()]);
}
