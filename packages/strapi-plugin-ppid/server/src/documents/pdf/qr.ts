import { loadQrCode } from '../../core/lazy-libs';

/**
 * PNG of a QR code for a verification URL. Error correction M survives a printed and
 * re-scanned copy; the quiet zone (margin) is needed by phone scanners.
 */
export async function renderQrPng(url: string, opts: { width?: number } = {}): Promise<Buffer> {
  return (await loadQrCode()).toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: opts.width ?? 300 });
}
