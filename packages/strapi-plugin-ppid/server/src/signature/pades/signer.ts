/**
 * The CMS signer of a PAdES signature (ETSI EN 319 142-1 baseline B-B over CAdES, EN 319 122-1):
 * a detached SignedData over the PDF's ByteRange, SHA-256 with RSA (PKCS#1 v1.5), signed
 * attributes content-type, message-digest and ESS signing-certificate-v2 (RFC 5035) naming the
 * signer's certificate by its SHA-256 and issuer/serial. The claimed signing time is the
 * signature dictionary's /M, not a CMS signing-time attribute: PAdES baseline says that
 * attribute shall not be present (EN 319 142-1, 6.3), and a baseline validator reports a
 * signature carrying it as not B-B.
 *
 * Why pkijs (with asn1js) and not node-forge: forge's PKCS#7 signer (1.4.3, the published
 * release) writes only content-type, message-digest and signing-time as signed attributes; any
 * other attribute, such as signing-certificate-v2, is encoded as an empty value, so B-B cannot be
 * made with it. pkijs takes any attribute as an ASN.1 value, signs through WebCrypto (node's
 * native RSA) and is maintained by PeculiarVentures for exactly this (CMS, CAdES). node-forge is
 * still what builds the internal certificates and reads PKCS#12 (certificates.ts), which pkijs
 * makes long-winded. The digest is node's crypto; nothing cryptographic is written here, only
 * the attribute structures of RFC 5652 and RFC 5035.
 */
import { createHash, createPrivateKey, webcrypto } from 'crypto';
import { loadAsn1js, loadPkijs, loadSignpdfUtils } from '../../core/lazy-libs';
import type { PdfSigningIdentity } from './certificates';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  /** id-aa-signingCertificateV2 (RFC 5035). */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

/** The DER of a PEM certificate (the first one in the text). */
export function pemToDer(pem: string): Buffer {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem);
  if (!m) throw new Error('not a PEM certificate');
  return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

/**
 * A @signpdf Signer: its `sign(bytes)` gets the PDF without the /Contents hole and returns the
 * DER CMS. The class is made on first use because its base class lives in a library that is
 * loaded lazily (issue #17: nothing PDF-related is required at boot).
 */
export async function createCadesSigner(identity: PdfSigningIdentity) {
  const pkijs = await loadPkijs();
  const asn1js = await loadAsn1js();
  const { Signer } = await loadSignpdfUtils();
  const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as any });
  const parse = (der: Buffer) => pkijs.Certificate.fromBER(new Uint8Array(der));
  const cert = parse(pemToDer(identity.certificatePem));
  const chain = identity.chainPem.map((p) => parse(pemToDer(p)));
  // The bytes pkijs embeds (its re-encoding keeps the signed TBS as read): the ESS hash names these.
  const embeddedDer = new Uint8Array(cert.toSchema().toBER(false));
  const pkcs8 = createPrivateKey(identity.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);

  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::=
  // SEQUENCE { hashAlgorithm DEFAULT sha256 (so left out), certHash, issuerSerial
  // { issuer GeneralNames (one directoryName, [4]), serialNumber } }.
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: sha256(embeddedDer) }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
          new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView }),
        ],
      }),
    ],
  });
  const signingCertificateV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });

  class CadesDetachedSigner extends Signer {
    async sign(signedBytes: Buffer): Promise<Buffer> {
      const attributes = [
        new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
        new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: sha256(signedBytes) })] }),
        new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
      ];
      // DER orders a SET OF by the encodings of its members. Verifiers that re-encode the signed
      // attributes before hashing (OpenSSL does) would otherwise hash other bytes than were signed.
      const der = (a: (typeof attributes)[number]) => Buffer.from(a.toSchema().toBER(false));
      attributes.sort((a, b) => Buffer.compare(der(a), der(b)));

      const signedData = new pkijs.SignedData({
        version: 1,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
        signerInfos: [
          new pkijs.SignerInfo({
            version: 1,
            sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
            signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
          }),
        ],
        certificates: [cert, ...chain],
      });
      await signedData.sign(key, 0, 'SHA-256', undefined, engine);
      const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
      return Buffer.from(contentInfo.toSchema().toBER(false));
    }
  }
  return new CadesDetachedSigner();
}

