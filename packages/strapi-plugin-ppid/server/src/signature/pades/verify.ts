/**
 * Reads the signatures of an uploaded PDF (issue #13, `POST /api/ppid/verify/pdf`): for each
 * signature dictionary with a /ByteRange, the CMS in its /Contents is checked with pkijs
 * (SignedData.verify: the message-digest attribute against the digest of the ByteRange bytes,
 * then the RSA/ECDSA signature over the signed attributes); the digest is also compared here,
 * with node's crypto, so the answer can say which of the two failed. Nothing cryptographic is
 * written here: only the PDF's byte layout is read.
 *
 * Limits, said in docs/signature-records.md: signature dictionaries are found in the file's
 * bytes, so one kept inside a compressed object stream is not seen (signers, the product's
 * included, write them uncompressed because /Contents must sit at a known byte offset).
 * Certificate chains are not checked against any trust list, only against the body's own
 * certificate and its issuer(s); revocation is not checked.
 */
import { createHash, webcrypto, X509Certificate } from 'crypto';
import { loadAsn1js, loadPkijs } from '../../core/lazy-libs';
import { OID } from './signer';

/** The largest PDF `POST /api/ppid/verify/pdf` reads (413 above it): the product's own PDFs are far smaller. */
export const VERIFY_PDF_MAX_BYTES = 10 * 1024 * 1024;
/** More signatures than any real document carries: an upload with more is refused (work bound). */
export const VERIFY_PDF_MAX_SIGNATURES = 16;
/** How far before its /Contents a signature dictionary may start, and after it may end (bytes). */
const DICT_WINDOW = 4096;
/** The largest /Contents hole read (hex): a CMS with a long certificate chain is well under it. */
const MAX_HOLE = 1024 * 1024;

/** Why an upload cannot be read as a PDF (the controller answers 400 with it). */
export class PdfInputError extends Error {
  constructor(
    public readonly reason: 'not_pdf' | 'empty' | 'too_many_signatures',
    message: string
  ) {
    super(message);
  }
}

export interface PdfCertificateReport {
  subject: string;
  issuer: string;
  commonName: string | null;
  organization: string | null;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate's DER, hex. */
  sha256: string;
  /** The body's current document-signing certificate (same fingerprint). */
  isBodyCertificate: boolean;
  /** Issued (and signed) by one of the body's issuer certificates: the internal CA outside production. */
  issuedByBodyCa: boolean;
}

export interface PdfSignatureReport {
  /** 1-based, in the order the signatures appear in the file (the first signed first). */
  index: number;
  subFilter: string | null;
  signer: { commonName: string | null; organization: string | null } | null;
  certificate: PdfCertificateReport | null;
  /** The claimed signing time, /M of the signature dictionary (ISO), or null. */
  signingTime: string | null;
  reason: string | null;
  name: string | null;
  location: string | null;
  byteRange: number[];
  /** The ByteRange starts at byte 0 and ends at the file's last byte (no later bytes unsigned). */
  coversWholeFile: boolean;
  /** The digest of the ByteRange bytes equals the CMS message-digest attribute. */
  digestMatches: boolean;
  /** pkijs verified the CMS signature with the signer's certificate. */
  signatureVerified: boolean;
  /** digestMatches and signatureVerified: the signed bytes are as they were signed. */
  unchanged: boolean;
  /** Why it is not unchanged (null when it is). */
  problem: string | null;
}

export interface BodyCertificates {
  /** The body's current document-signing certificate (PEM). */
  certificatePem?: string | null;
  /** Its issuers (PEM): the internal CA outside production, the CA chain of the PKCS#12 in production. */
  issuerPems?: string[];
}

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** True when the bytes start as a PDF does ("%PDF-"). */
export function looksLikePdf(b: Buffer): boolean {
  return b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** A PDF literal string's value: the escapes of ISO 32000-1 7.3.4.2 that matter for text. */
function literal(raw: string): string {
  return raw
    .replace(/\\([0-7]{1,3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)))
    .replace(/\\(.)/g, (_, c) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c as 'n'] ?? c);
}

function dictString(dict: string, key: string): string | null {
  // The first `/Key (` only, then its string from there: one pass (an attacker's unterminated
  // strings must not make it quadratic).
  const open = new RegExp(`/${key}\\s*\\(`, 'g');
  if (!open.exec(dict)) return null;
  const body = /((?:\\.|[^\\)])*)\)/sy;
  body.lastIndex = open.lastIndex;
  const m = body.exec(dict);
  return m ? literal(m[1]) : null;
}

/** "D:YYYYMMDDHHmmSS+07'00'" (ISO 32000-1 7.9.4) as ISO 8601, or null. */
export function parsePdfDate(s: string | null): string | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?/.exec(s ?? '');
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const offset = sign === '+' || sign === '-' ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  const t = base - offset;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function nameParts(dn: string): { commonName: string | null; organization: string | null } {
  const get = (k: string) => dn.split('\n').find((l) => l.startsWith(`${k}=`))?.slice(k.length + 1) ?? null;
  return { commonName: get('CN'), organization: get('O') };
}

function describe(der: Buffer, body: BodyCertificates): PdfCertificateReport {
  const x = new X509Certificate(der);
  const sha256 = createHash('sha256').update(x.raw).digest('hex');
  const bodySha = body.certificatePem ? createHash('sha256').update(new X509Certificate(body.certificatePem).raw).digest('hex') : null;
  const issuedByBodyCa = (body.issuerPems ?? []).some((pem) => {
    try {
      const ca = new X509Certificate(pem);
      return x.checkIssued(ca) && x.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
  return {
    subject: x.subject,
    issuer: x.issuer,
    ...nameParts(x.subject),
    serialNumber: x.serialNumber,
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    sha256,
    isBodyCertificate: sha256 === bodySha,
    issuedByBodyCa,
  };
}

/**
 * Every signature of `pdf`, in file order ([] for an unsigned PDF). Throws PdfInputError when
 * the bytes are not a PDF. A signature that cannot be read is reported with its problem, never
 * thrown: the answer is about the file the person holds.
 */
export async function inspectPdfSignatures(pdf: Buffer, body: BodyCertificates = {}): Promise<PdfSignatureReport[]> {
  if (pdf.length === 0) throw new PdfInputError('empty', 'the file is empty');
  if (!looksLikePdf(pdf)) throw new PdfInputError('not_pdf', 'the file does not start with %PDF-');
  const pkijs = await loadPkijs();
  const asn1js = await loadAsn1js();
  const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as any });
  const s = pdf.toString('latin1');
  const reports: PdfSignatureReport[] = [];
  const seen = new Set<string>();
  for (const m of s.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const byteRange = m.slice(1, 5).map(Number);
    const [a, b, c, d] = byteRange;
    // A later revision may repeat an earlier signature dictionary unchanged: one report each.
    if (seen.has(byteRange.join(' '))) continue;
    seen.add(byteRange.join(' '));
    // An attacker's file may hold any number of ByteRange texts: the work per upload is bounded.
    if (seen.size > VERIFY_PDF_MAX_SIGNATURES) {
      throw new PdfInputError('too_many_signatures', `the file holds more than ${VERIFY_PDF_MAX_SIGNATURES} signatures`);
    }
    const report: PdfSignatureReport = {
      index: reports.length + 1,
      subFilter: null,
      signer: null,
      certificate: null,
      signingTime: null,
      reason: null,
      name: null,
      location: null,
      byteRange,
      coversWholeFile: false,
      digestMatches: false,
      signatureVerified: false,
      unchanged: false,
      problem: null,
    };
    reports.push(report);
    if (!(a + b <= c && c + d <= pdf.length)) {
      report.problem = 'the ByteRange does not fit the file';
      continue;
    }
    report.coversWholeFile = a === 0 && c + d === pdf.length;
    try {
      // The signature dictionary: from its object header to its endobj, the /Contents hole left
      // out; both ends within DICT_WINDOW of the hole (a real dictionary is a few hundred bytes).
      const from = Math.max(0, a + b - DICT_WINDOW);
      const objStart = s.lastIndexOf(' obj', a + b);
      const objEnd = s.indexOf('endobj', c);
      const dict = s.slice(objStart >= from ? objStart : from, a + b) + s.slice(c, objEnd >= 0 && objEnd <= c + DICT_WINDOW ? objEnd : Math.min(s.length, c + DICT_WINDOW));
      report.subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dict)?.[1] ?? null;
      report.signingTime = parsePdfDate(dictString(dict, 'M'));
      report.reason = dictString(dict, 'Reason');
      report.name = dictString(dict, 'Name');
      report.location = dictString(dict, 'Location');

      if (c - (a + b) > MAX_HOLE) {
        report.problem = 'the signature (/Contents) is larger than any real signature';
        continue;
      }
      const hole = s.slice(a + b, c).trim();
      if (!/^<[0-9a-fA-F\s]*>$/.test(hole)) {
        report.problem = 'the signature (/Contents) is not where the ByteRange leaves room for it';
        continue;
      }
      const cmsBytes = Buffer.from(hole.slice(1, -1).replace(/\s+/g, ''), 'hex');
      const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
      // The hole is padded with zeros after the CMS: asn1js reads the first element only.
      const asn1 = asn1js.fromBER(new Uint8Array(cmsBytes));
      if (asn1.offset === -1) throw new Error('not DER');
      const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
      if (contentInfo.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
      const signedData = new pkijs.SignedData({ schema: contentInfo.content });
      const signerInfo = signedData.signerInfos[0];
      if (!signerInfo) throw new Error('the CMS has no signer');
      const hash = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
      const md = signerInfo.signedAttrs?.attributes.find((x) => x.type === OID.messageDigest);
      if (hash && md) {
        const claimed = Buffer.from((md.values[0] as any).valueBlock.valueHexView);
        report.digestMatches = claimed.equals(createHash(hash).update(signed).digest());
      }
      let signerCertificate: any = null;
      try {
        const r: any = await signedData.verify({ signer: 0, data: new Uint8Array(signed).buffer, extendedMode: true, checkChain: false }, engine);
        report.signatureVerified = r.signatureVerified === true;
        signerCertificate = r.signerCertificate;
        if (!report.signatureVerified) report.problem = 'the CMS signature does not verify with the signer certificate';
      } catch (e: any) {
        signerCertificate = e?.signerCertificate ?? null;
        report.problem = String(e?.message ?? e).replace(/^Error during verification: /, '');
      }
      if (signerCertificate) {
        report.certificate = describe(Buffer.from(signerCertificate.toSchema().toBER(false)), body);
        report.signer = { commonName: report.certificate.commonName, organization: report.certificate.organization };
      }
      if (!report.digestMatches) report.problem = 'the signed bytes were changed: their digest differs from the one signed';
    } catch (e) {
      report.problem = `the signature cannot be read: ${(e as Error).message}`;
    }
    report.unchanged = report.digestMatches && report.signatureVerified;
    if (report.unchanged) report.problem = null;
  }
  return reports;
}
