/**
 * Signs a PDF as PAdES baseline B-B (issue #13): @signpdf/placeholder-plain appends, as an
 * incremental update, a signature field and a signature dictionary (/SubFilter
 * /ETSI.CAdES.detached, /M the claimed signing time) with a /Contents hole; @signpdf/signpdf
 * fills the /ByteRange and puts the CMS of signer.ts in the hole. A PDF that is already signed
 * gets one more incremental update, so the bytes earlier signatures cover are left as they are
 * and those signatures stay valid.
 *
 * placeholder-plain works on the bytes of the PDF (classic xref tables, which is what pdfkit,
 * the product's renderer, writes); it cannot read PDFs with cross-reference streams. Those
 * would need @signpdf/placeholder-pdf-lib, which rewrites the file and so cannot add a second
 * signature without invalidating the first.
 */
import { loadPlaceholderPlain, loadSignPdf, loadSignpdfUtils } from '../../core/lazy-libs';
import { createCadesSigner, pemToDer } from './signer';
import type { PdfSigningIdentity } from './certificates';

export interface PadesSignOptions {
  /** The claimed signing time (/M). */
  signingTime: Date;
  /** Why it is signed, e.g. "Pemberitahuan tertulis PMI-2026-00001". */
  reason: string;
  /** Who signs (the body, or the official on whose act the body signs). */
  name: string;
  location: string;
  contactInfo?: string;
}

/**
 * Plain ASCII for the signature dictionary's text strings: placeholder-plain writes them as
 * UTF-8 bytes inside a PDF literal string, which readers decode as PDFDocEncoding, so anything
 * beyond ASCII would print garbled (the certificate carries the exact names in UTF-8).
 */
export function pdfText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 300);
}

/** Adds one PAdES signature; returns the new PDF (the input followed by the update). */
export async function signPdf(pdf: Buffer, identity: PdfSigningIdentity, opts: PadesSignOptions): Promise<Buffer> {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  const { plainAddPlaceholder } = await loadPlaceholderPlain();
  const { SUBFILTER_ETSI_CADES_DETACHED } = await loadSignpdfUtils();
  // Room for the CMS: the embedded certificates plus signature, attributes and structure.
  let certBytes = 0;
  for (const pem of [identity.certificatePem, ...identity.chainPem]) certBytes += pemToDer(pem).length;
  const signatureLength = Math.ceil((certBytes + 4096) / 1024) * 1024;
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: pdfText(opts.reason),
    contactInfo: pdfText(opts.contactInfo ?? ''),
    name: pdfText(opts.name),
    location: pdfText(opts.location),
    signingTime: opts.signingTime,
    signatureLength,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'strapi-plugin-ppid',
  } as any);
  const signer = await createCadesSigner(identity);
  return (await loadSignPdf()).sign(withPlaceholder, signer);
}
