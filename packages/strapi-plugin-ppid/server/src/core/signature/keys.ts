/**
 * Ed25519 keys for sealing signature records. The private key stays with the server; the
 * public keys (current and retired) are published so anyone can verify a record.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/**
 * The active signing key plus every public key that may appear on a stored record.
 * Rotation adds a new active key and keeps the old public keys, so old records still verify.
 */
export interface KeyRing {
  active: SigningKey;
  public: Map<string, KeyObject>;
}

export interface Ed25519KeyPair {
  keyId: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** Public keys by keyId, as accepted by the verifiers. */
export type PublicKeySet = KeyRing | Map<string, KeyObject>;

export function generateKeyPair(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** First 16 hex of SHA-256 over the public key's SPKI DER: stable, short, derived (not chosen). */
export function keyIdOf(publicKey: KeyObject): string {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

function assertEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  }
  return key;
}

export function loadPrivateKey(pem: string | Buffer): KeyObject {
  return assertEd25519(createPrivateKey(pem));
}

/** Accepts a public key PEM (SPKI) or a private key PEM (the public half is derived). */
export function loadPublicKey(pem: string | Buffer): KeyObject {
  return assertEd25519(createPublicKey(pem));
}

export function loadPrivateKeyFile(path: string): KeyObject {
  return loadPrivateKey(readFileSync(path));
}

export function loadPublicKeyFile(path: string): KeyObject {
  return loadPublicKey(readFileSync(path));
}

export function exportPrivateKeyPem(privateKey: KeyObject): string {
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function exportPublicKeyPem(publicKey: KeyObject): string {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

export interface PublicJwk extends JsonWebKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export function exportPublicKeyJwk(publicKey: KeyObject): PublicJwk {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  const jwk = key.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), kid: keyIdOf(key), alg: 'EdDSA', use: 'sig' };
}

/** JWKS document for a public keys route: every key a stored record may reference. */
export function publicJwks(keys: PublicKeySet): { keys: PublicJwk[] } {
  return { keys: [...publicKeyMap(keys).values()].map(exportPublicKeyJwk) };
}

/** Build a key ring from the active private key and any retired public keys. */
export function createKeyRing(activePrivateKey: KeyObject, retiredPublicKeys: KeyObject[] = []): KeyRing {
  assertEd25519(activePrivateKey);
  const activePublic = createPublicKey(activePrivateKey);
  const active: SigningKey = { keyId: keyIdOf(activePublic), privateKey: activePrivateKey };
  const pub = new Map<string, KeyObject>();
  for (const k of retiredPublicKeys) pub.set(keyIdOf(assertEd25519(k)), k);
  pub.set(active.keyId, activePublic);
  return { active, public: pub };
}

/** Same, from PEM text (e.g. environment variables or mounted secrets). */
export function keyRingFromPem(activePrivateKeyPem: string, retiredPublicKeyPems: string[] = []): KeyRing {
  return createKeyRing(loadPrivateKey(activePrivateKeyPem), retiredPublicKeyPems.map(loadPublicKey));
}

/** Rotate: the new key signs from now on; the previous keys keep verifying. Returns a new ring. */
export function rotateKeyRing(ring: KeyRing, newPrivateKey: KeyObject): KeyRing {
  return createKeyRing(newPrivateKey, [...ring.public.values()]);
}

export function publicKeyMap(keys: PublicKeySet): Map<string, KeyObject> {
  return keys instanceof Map ? keys : keys.public;
}
