// Libraries that serve exports, imports and PDFs only, loaded on their first use instead of at
// every boot: exceljs, pdfkit and qrcode took about 1.5 s of CPU to require (issue #17: boot with
// the plugin within 10 % of boot without it). The promise is kept, so each loads once.
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type QRCode from 'qrcode';

/** `require` where there is one (the CommonJS build Strapi loads, and Jest), else import(). */
function load(id: string): Promise<any> {
  return typeof require === 'function' ? Promise.resolve().then(() => require(id)) : import(/* @vite-ignore */ id);
}

function once<T>(id: string): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load(id).then((m) => (m && m.default ? m.default : m) as T));
}

export const loadExcel = once<typeof ExcelJS>('exceljs');
export const loadPdfKit = once<typeof PDFDocument>('pdfkit');
export const loadQrCode = once<typeof QRCode>('qrcode');

// PDF signatures (signature/pades): node-forge for certificates and PKCS#12, pkijs and asn1js for
// the CMS, @signpdf for the placeholder and the ByteRange. Loaded on first use, never at boot.
export const loadPkijs = once<typeof import('pkijs')>('pkijs');
export const loadAsn1js = once<typeof import('asn1js')>('asn1js');
export const loadForge = once<typeof import('node-forge')>('node-forge');
export const loadSignpdfUtils = once<typeof import('@signpdf/utils')>('@signpdf/utils');
export const loadSignPdf = once<typeof import('@signpdf/signpdf').default>('@signpdf/signpdf');
export const loadPlaceholderPlain = once<typeof import('@signpdf/placeholder-plain')>('@signpdf/placeholder-plain');
