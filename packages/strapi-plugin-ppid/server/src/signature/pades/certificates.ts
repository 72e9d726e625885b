/**
 * The body's document-signing certificate for PAdES (issue #13): an internal CA and a
 * certificate issued by it, made outside production and marked "TIDAK TERSERTIFIKASI / not
 * certified" in both subjects; in production a PKCS#12 the body obtained from a certification
 * authority. Keys are made by node's crypto (fast, native); certificates and PKCS#12 are built
 * and read with node-forge (maintained, already the CMS library here, see signer.ts). No
 * cryptography is written here, only the fields of the certificates.
 */
import { createHash, createPrivateKey, generateKeyPair as generateKeyPairCb, randomBytes, X509Certificate } from 'crypto';
import { promisify } from 'util';
import { loadForge } from '../../core/lazy-libs';

const generateKeyPair = promisify(generateKeyPairCb);

/** What signs a PDF: the private key, its certificate and the issuers up to the root (PEM). */
export interface PdfSigningIdentity {
  privateKeyPem: string;
  certificatePem: string;
  /** Issuer certificates, the signer's issuer first; embedded in each signature. */
  chainPem: string[];
}

/** The internal CA: its certificate (to give to verifiers) and its key (to issue the body's). */
export interface InternalCa {
  certificatePem: string;
  privateKeyPem: string;
}

/** The words every internal certificate carries in its subject (OU; the CN says TIDAK TERSERTIFIKASI too). */
export const NOT_CERTIFIED = 'TIDAK TERSERTIFIKASI / not certified';

const RSA_BITS = 3072;
// X.520 upper bound of a common name / organization name.
const UB_NAME = 64;

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/** A positive, 128-bit serial whose DER encoding is minimal (first byte 0x40..0x7f). */
function serialHex(): string {
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x40;
  return b.toString('hex');
}

async function rsaKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPair('rsa', { modulusLength: RSA_BITS, publicExponent: 0x10001 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function subject(commonName: string, bodyName: string, unit: string) {
  // UTF8String for every value: body names carry characters PrintableString has not.
  const utf8 = 12;
  return [
    { shortName: 'C', value: 'ID' },
    { shortName: 'O', value: clip(bodyName, UB_NAME), valueTagClass: utf8 },
    { shortName: 'OU', value: clip(unit, UB_NAME), valueTagClass: utf8 },
    { shortName: 'CN', value: clip(commonName, UB_NAME), valueTagClass: utf8 },
  ] as any[];
}

function validity(cert: { validity: { notBefore: Date; notAfter: Date } }, now: Date, years: number) {
  // An hour back: a verifier whose clock is a little behind still sees a valid certificate.
  cert.validity.notBefore = new Date(now.getTime() - 3600_000);
  const end = new Date(now.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + years);
  cert.validity.notAfter = end;
}

/** A self-signed root for development and tests: never a certified authority. */
export async function createInternalCa(opts: { bodyName: string; now?: Date; years?: number }): Promise<InternalCa> {
  const forge = await loadForge();
  const privateKeyPem = await rsaKeyPem();
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as any;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serialHex();
  validity(cert, opts.now ?? new Date(), opts.years ?? 10);
  const name = subject('CA Internal PPID (TIDAK TERSERTIFIKASI)', opts.bodyName, NOT_CERTIFIED);
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem };
}

/**
 * The body's document-signing certificate, issued by the internal CA. Key usage
 * digitalSignature + nonRepudiation (content commitment) as for a signature on a document; no
 * extended key usage, which verifiers would otherwise check against their own lists.
 */
export async function issueDocumentSigningCertificate(
  ca: InternalCa,
  opts: { bodyName: string; now?: Date; years?: number }
): Promise<PdfSigningIdentity> {
  const forge = await loadForge();
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const caKey = forge.pki.privateKeyFromPem(ca.privateKeyPem);
  const privateKeyPem = await rsaKeyPem();
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as any;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serialHex();
  validity(cert, opts.now ?? new Date(), opts.years ?? 3);
  cert.setSubject(subject(`${clip(opts.bodyName, 40)} (TIDAK TERSERTIFIKASI)`, opts.bodyName, NOT_CERTIFIED));
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(cert), chainPem: [ca.certificatePem] };
}

/** A PKCS#12 of the identity (key, certificate, chain), e.g. to hand to another tool. */
export async function toPkcs12(identity: PdfSigningIdentity, passphrase: string): Promise<Buffer> {
  const forge = await loadForge();
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(identity.privateKeyPem),
    [identity.certificatePem, ...identity.chainPem].map((p) => forge.pki.certificateFromPem(p)),
    passphrase,
    { algorithm: 'aes256', friendlyName: 'ppid-pdf-signing' }
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/**
 * Reads a PKCS#12 (.p12 / .pfx) as an identity. Exactly one private key; the signer's certificate
 * is the one whose public key matches it; the others form the chain. Errors say what is wrong
 * without the passphrase.
 */
export async function fromPkcs12(p12: Buffer, passphrase: string): Promise<PdfSigningIdentity> {
  const forge = await loadForge();
  let parsed: any;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch (e) {
    throw new Error(`the PKCS#12 cannot be read (wrong passphrase or not a PKCS#12 file): ${(e as Error).message}`);
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ].filter((b: any) => b.key);
  if (keyBags.length !== 1) throw new Error(`the PKCS#12 must hold exactly one private key (it holds ${keyBags.length})`);
  const key = keyBags[0].key;
  if (!key.n) throw new Error('the PKCS#12 key is not an RSA key (only RSA is supported for PDF signatures)');
  const certs: any[] = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b: any) => b.cert).filter(Boolean);
  const own = certs.find((c) => c.publicKey?.n && c.publicKey.n.equals(key.n) && c.publicKey.e.equals(key.e));
  if (!own) throw new Error('the PKCS#12 holds no certificate for its private key');
  return {
    privateKeyPem: forge.pki.privateKeyToPem(key),
    certificatePem: forge.pki.certificateToPem(own),
    chainPem: certs.filter((c) => c !== own).map((c) => forge.pki.certificateToPem(c)),
  };
}

/** What people are shown of a certificate (docs, logs, the verify answer later). */
export function describeCertificate(pem: string) {
  const x = new X509Certificate(pem);
  return {
    subject: x.subject,
    issuer: x.issuer,
    serialNumber: x.serialNumber,
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    sha256: createHash('sha256').update(x.raw).digest('hex'),
  };
}

/** Refuses an identity whose key does not match its certificate, or whose certificate is not valid now. */
export function checkIdentity(identity: PdfSigningIdentity, now: Date = new Date()): void {
  const x = new X509Certificate(identity.certificatePem);
  if (!x.checkPrivateKey(createPrivateKey(identity.privateKeyPem))) {
    throw new Error('the private key does not belong to the certificate');
  }
  if (now.getTime() < new Date(x.validFrom).getTime() || now.getTime() > new Date(x.validTo).getTime()) {
    throw new Error(`the certificate is not valid now (valid ${x.validFrom} to ${x.validTo})`);
  }
}
