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
} from '../../core/signature';

/**
 * The body's Ed25519 signing key. From PPID_SIGNING_KEY (PEM) or a key directory
 * (PPID_KEY_DIR, default ./keys: active.pem + retired/*.pub.pem). A missing key is created
 * only with PPID_DEV_KEYS=true outside production (`npm run dev`); otherwise it must be provided.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let ring: KeyRing | null = null;
  // mtime of active.pem when the ring was read: a rotation by another process (the CLI) is
  // picked up on the next use instead of signing on with the retired key until a restart.
  let loadedMtime = 0;
  const keyDir = () => path.resolve(strapi.dirs.app.root, process.env.PPID_KEY_DIR || 'keys');
  const mtimeOf = (file: string) => {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };

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
      const fromEnv = process.env.PPID_SIGNING_KEY;
      if (ring && fromEnv) return ring;
      const activeFile = path.join(keyDir(), 'active.pem');
      if (ring && mtimeOf(activeFile) === loadedMtime) return ring;
      if (fromEnv) {
        ring = createKeyRing(loadPrivateKey(fromEnv.replace(/\\n/g, '\n')), retiredPublicKeys());
        return ring;
      }
      if (!fs.existsSync(activeFile)) {
        // A key is created only when asked for (`npm run dev` sets PPID_DEV_KEYS=true), never in production.
        if (process.env.NODE_ENV === 'production' || process.env.PPID_DEV_KEYS !== 'true') {
          throw new Error(
            `[ppid] no signing key: set PPID_SIGNING_KEY or provide ${activeFile} (see README)` +
              (process.env.NODE_ENV === 'production' ? '' : '; for development, PPID_DEV_KEYS=true creates one')
          );
        }
        fs.mkdirSync(keyDir(), { recursive: true, mode: 0o700 });
        const pair = generateKeyPair();
        fs.writeFileSync(activeFile, exportPrivateKeyPem(pair.privateKey), { mode: 0o600 });
        strapi.log.info(`[ppid] created signing key ${pair.keyId} in ${activeFile}`);
      }
      loadedMtime = mtimeOf(activeFile);
      ring = createKeyRing(loadPrivateKey(fs.readFileSync(activeFile, 'utf8')), retiredPublicKeys());
      return ring;
    },

    /** New active key; the old public key moves to retired/ and keeps verifying old records. */
    rotate(): { keyId: string; retired: string } {
      if (process.env.PPID_SIGNING_KEY) {
        throw new Error(
          '[ppid] the signing key comes from PPID_SIGNING_KEY: set a new key there and put the old public key in keys/retired/<keyId>.pub.pem'
        );
      }
      const current = self.load();
      const dir = keyDir();
      fs.mkdirSync(path.join(dir, 'retired'), { recursive: true });
      const oldPublic = current.public.get(current.active.keyId)!;
      fs.writeFileSync(path.join(dir, 'retired', `${current.active.keyId}.pub.pem`), exportPublicKeyPem(oldPublic));
      const pair = generateKeyPair();
      fs.writeFileSync(path.join(dir, 'active.pem'), exportPrivateKeyPem(pair.privateKey), { mode: 0o600 });
      loadedMtime = mtimeOf(path.join(dir, 'active.pem'));
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
