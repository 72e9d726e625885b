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
