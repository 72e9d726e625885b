import zlib from 'zlib';
import jsQR from 'jsqr';

// Reads the images embedded in a PDF written by pdfkit (plain objects, FlateDecode streams,
// optional PNG predictors) and decodes the QR codes among them: a test then checks the QR
// code actually printed on a document, not a second rendering of the same URL.

export type PdfImage = { width: number; height: number; colorSpace: string; rgba: Uint8ClampedArray };

const num = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+)`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** Undo the PNG row filters (Predictor >= 10) of a decoded stream. */
function unpredict(data: Buffer, columns: number, colors: number): Buffer {
  const bpp = colors;
  const stride = columns * colors;
  const rows = Math.floor(data.length / (stride + 1));
  const out = Buffer.alloc(rows * stride);
  for (let y = 0; y < rows; y++) {
    const filter = data[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[src + x];
      const left = x >= bpp ? out[dst + x - bpp] : 0;
      const up = y > 0 ? out[dst - stride + x] : 0;
      const upLeft = y > 0 && x >= bpp ? out[dst - stride + x - bpp] : 0;
      let v: number;
      switch (filter) {
        case 0: v = raw; break;
        case 1: v = raw + left; break;
        case 2: v = raw + up; break;
        case 3: v = raw + ((left + up) >> 1); break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default: throw new Error(`unknown PNG filter ${filter}`);
      }
      out[dst + x] = v & 0xff;
    }
  }
  return out;
}

export function pdfImages(pdf: Buffer): PdfImage[] {
  const text = pdf.toString('latin1');
  const images: PdfImage[] = [];
  const re = /\d+ 0 obj\s*(<<[\s\S]*?>>)\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dict = m[1];
    if (!/\/Subtype\s*\/Image/.test(dict)) continue;
    const length = num(dict, 'Length');
    const width = num(dict, 'Width');
    const height = num(dict, 'Height');
    if (length === null || width === null || height === null || num(dict, 'BitsPerComponent') !== 8) continue;
    const colorSpace = /\/ColorSpace\s*\/(\w+)/.exec(dict)?.[1] ?? 'unknown';
    const colors = colorSpace === 'DeviceRGB' ? 3 : colorSpace === 'DeviceGray' ? 1 : 0;
    if (!colors || !/\/Filter\s*\/FlateDecode/.test(dict)) continue;
    const start = m.index + m[0].length;
    let data = zlib.inflateSync(pdf.subarray(start, start + length));
    if ((num(dict, 'Predictor') ?? 1) >= 10) data = unpredict(data, num(dict, 'Columns') ?? width, num(dict, 'Colors') ?? colors);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = data[i * colors + (colors === 3 ? c : 0)];
      rgba[i * 4 + 3] = 255;
    }
    images.push({ width, height, colorSpace, rgba });
  }
  return images;
}

/** The text of every QR code among the PDF's images. */
export function pdfQrCodes(pdf: Buffer): string[] {
  return pdfImages(pdf)
    .map((img) => jsQR(img.rgba, img.width, img.height)?.data)
    .filter((d): d is string => typeof d === 'string');
}
