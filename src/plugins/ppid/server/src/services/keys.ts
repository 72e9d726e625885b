import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import {
  createKeyRing,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  loadPrivateKey,
  loadPublicKey,
  publicJwks,
  rotateKeyRing,
  type KeyRing,
} from '../core/signature';

/**
 * The body's Ed25519 signing key. From PPID_SIGNING_KEY (PEM) or a key directory
 * (PPID_KEY_DIR, default ./keys: active.pem + retired/*.pub.pem). Outside production a missing
 * key is created on first start; in production it must be provided.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let ring: KeyRing | null = null;
  const keyDir = () => path.resolve(strapi.dirs.app.root, process.env.PPID_KEY_DIR || 'keys');

  function retiredPublicKeys() {
    const dir = path.join(keyDir(), 'retired');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.pub.pem'))
      .sort()
      .map((f) => loadPublicKey(fs.readFileSync(path.join(dir, f), 'utf8')));
  }

  const self = {
    load(): KeyRing {
      if (ring) return ring;
      const fromEnv = process.env.PPID_SIGNING_KEY;
      if (fromEnv) {
        ring = createKeyRing(loadPrivateKey(fromEnv.replace(/\\n/g, '\n')), retiredPublicKeys());
        return ring;
      }
      const activeFile = path.join(keyDir(), 'active.pem');
      if (!fs.existsSync(activeFile)) {
        if (process.env.NODE_ENV === 'production') {
          throw new Error('[ppid] no signing key: set PPID_SIGNING_KEY or provide keys/active.pem (see README)');
        }
        fs.mkdirSync(keyDir(), { recursive: true, mode: 0o700 });
        const pair = generateKeyPair();
        fs.writeFileSync(activeFile, exportPrivateKeyPem(pair.privateKey), { mode: 0o600 });
        strapi.log.info(`[ppid] created signing key ${pair.keyId} in ${activeFile}`);
      }
      ring = createKeyRing(loadPrivateKey(fs.readFileSync(activeFile, 'utf8')), retiredPublicKeys());
      return ring;
    },

    /** New active key; the old public key moves to retired/ and keeps verifying old records. */
    rotate(): { keyId: string; retired: string } {
      const current = self.load();
      const dir = keyDir();
      fs.mkdirSync(path.join(dir, 'retired'), { recursive: true });
      const oldPublic = current.public.get(current.active.keyId)!;
      fs.writeFileSync(path.join(dir, 'retired', `${current.active.keyId}.pub.pem`), exportPublicKeyPem(oldPublic));
      const pair = generateKeyPair();
      fs.writeFileSync(path.join(dir, 'active.pem'), exportPrivateKeyPem(pair.privateKey), { mode: 0o600 });
      ring = rotateKeyRing(current, pair.privateKey);
      return { keyId: pair.keyId, retired: current.active.keyId };
    },

    jwks() {
      const r = self.load();
      return { activeKeyId: r.active.keyId, ...publicJwks(r) };
    },
  };
  return self;
};
