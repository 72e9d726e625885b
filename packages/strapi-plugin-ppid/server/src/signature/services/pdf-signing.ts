import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import {
  checkIdentity,
  createInternalCa,
  describeCertificate,
  fromPkcs12,
  issueDocumentSigningCertificate,
  signPdf,
  type PdfSigningIdentity,
} from '../pades';
import { getService } from '../../services/get-service';

const FILES = {
  caCert: 'internal-ca.crt.pem',
  caKey: 'internal-ca.key.pem',
  cert: 'signing.crt.pem',
  key: 'signing.key.pem',
} as const;

/**
 * The body's document-signing certificate for PAdES (issue #13), kept like the body's Ed25519
 * key (keys.ts): PPID_PDF_SIGNING_P12 (path to a PKCS#12, relative to the app) with
 * PPID_PDF_SIGNING_P12_PASSPHRASE wins everywhere and is required in production. Outside
 * production, with PPID_DEV_KEYS=true, a missing certificate is made under <PPID_KEY_DIR>/pdf/:
 * an internal CA and a certificate issued by it, both "TIDAK TERSERTIFIKASI / not certified".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let loaded: Promise<{ identity: PdfSigningIdentity; source: 'pkcs12' | 'internal' }> | null = null;
  // What the identity was read under: another configuration (a test changing the environment) reads again.
  let loadedFor = '';
  const configKey = () => [process.env.PPID_PDF_SIGNING_P12, process.env.PPID_PDF_SIGNING_P12_PASSPHRASE, process.env.NODE_ENV, process.env.PPID_DEV_KEYS, pdfDir()].join('\u0000');
  const pdfDir = () => path.resolve(strapi.dirs.app.root, process.env.PPID_KEY_DIR || 'keys', 'pdf');
  const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

  async function fromP12(file: string) {
    const full = path.resolve(strapi.dirs.app.root, file);
    if (!fs.existsSync(full)) throw new Error(`[ppid] PPID_PDF_SIGNING_P12: ${full} does not exist`);
    try {
      const identity = await fromPkcs12(fs.readFileSync(full), process.env.PPID_PDF_SIGNING_P12_PASSPHRASE ?? '');
      checkIdentity(identity);
      return identity;
    } catch (e) {
      throw new Error(`[ppid] PPID_PDF_SIGNING_P12 (${full}): ${(e as Error).message}`);
    }
  }

  async function internal(): Promise<PdfSigningIdentity> {
    const dir = pdfDir();
    if (!fs.existsSync(path.join(dir, FILES.cert))) {
      if (process.env.PPID_DEV_KEYS !== 'true') {
        throw new Error(
          `[ppid] no PDF signing certificate: set PPID_PDF_SIGNING_P12 and PPID_PDF_SIGNING_P12_PASSPHRASE, or provide ${dir}; for development, PPID_DEV_KEYS=true creates an internal one (not certified)`
        );
      }
      const { kop } = await getService(strapi, 'kop').block(null);
      const bodyName = kop.pemerintah ? `${kop.nama}, ${kop.pemerintah}` : kop.nama || 'Badan Publik';
      const ca = await createInternalCa({ bodyName });
      const id = await issueDocumentSigningCertificate(ca, { bodyName });
      // Written to a temporary directory and renamed into place: of two instances making one at
      // once, one rename wins and the other reads what it wrote.
      fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
      const tmp = fs.mkdtempSync(`${dir}.tmp-`);
      fs.writeFileSync(path.join(tmp, FILES.caCert), ca.certificatePem);
      fs.writeFileSync(path.join(tmp, FILES.caKey), ca.privateKeyPem, { mode: 0o600 });
      fs.writeFileSync(path.join(tmp, FILES.cert), id.certificatePem);
      fs.writeFileSync(path.join(tmp, FILES.key), id.privateKeyPem, { mode: 0o600 });
      try {
        fs.renameSync(tmp, dir);
        strapi.log.info(`[ppid] created an internal CA and a PDF signing certificate (TIDAK TERSERTIFIKASI / not certified) in ${dir}`);
      } catch {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
    const identity = { privateKeyPem: read(dir, FILES.key), certificatePem: read(dir, FILES.cert), chainPem: [read(dir, FILES.caCert)] };
    checkIdentity(identity);
    return identity;
  }

  const self = {
    /** The identity, read once per process (replace the PKCS#12, then restart). */
    identity() {
      if (loadedFor !== configKey()) loaded = null;
      loadedFor = configKey();
      loaded ??= (async () => {
        const p12 = process.env.PPID_PDF_SIGNING_P12;
        if (p12) return { identity: await fromP12(p12), source: 'pkcs12' as const };
        if (process.env.NODE_ENV === 'production') {
          throw new Error(
            '[ppid] no PDF signing certificate: in production set PPID_PDF_SIGNING_P12 (path to the body\'s PKCS#12) and PPID_PDF_SIGNING_P12_PASSPHRASE; the internal, not certified CA is for development only'
          );
        }
        return { identity: await internal(), source: 'internal' as const };
      })();
      const current = loaded;
      // A failed read is tried again on the next use (the configuration may have been fixed).
      current.catch(() => {
        if (loaded === current) loaded = null;
      });
      return current;
    },

    /** In production, at boot: a missing or unreadable PKCS#12 stops the start with the reason. */
    async checkAtBoot(): Promise<void> {
      if (process.env.NODE_ENV !== 'production') return;
      const { identity } = await self.identity();
      const c = describeCertificate(identity.certificatePem);
      if (new Date(c.validTo).getTime() - Date.now() < 30 * 86400_000) {
        strapi.log.warn(`[ppid] the PDF signing certificate (${c.subject}) expires on ${c.validTo}: renew it`);
      }
    },

    /** The certificate that signs (public), e.g. for docs or the verify answer. */
    async certificate() {
      const { identity, source } = await self.identity();
      return { source, ...describeCertificate(identity.certificatePem), chain: identity.chainPem.map((p) => describeCertificate(p)) };
    },

    /**
     * Signs a PDF the product stores (PAdES B-B, one incremental signature, the body's
     * certificate). `name` and `location` default to the body's kop.
     */
    async sign(pdf: Buffer, opts: { reason: string; signingTime: Date | string; name?: string }): Promise<Buffer> {
      const { identity } = await self.identity();
      const { kop } = await getService(strapi, 'kop').block(null);
      return signPdf(pdf, identity, {
        signingTime: new Date(opts.signingTime),
        reason: opts.reason,
        name: opts.name ?? kop.nama ?? '',
        location: kop.tempat ?? '',
      });
    },
  };
  return self;
};
