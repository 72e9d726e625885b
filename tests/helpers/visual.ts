import fs from 'fs';
import path from 'path';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

// Visual regression for the browser tests (issue #18): a screenshot of a key screen is compared
// with the baseline committed under tests/browser/baselines/NAME.png. Screens are made
// deterministic first (fixed clock, fixed font, no animation, dynamic regions masked); the
// comparison tolerates antialiasing (pixelmatch threshold 0.1) and a small share of differing
// pixels (0.5 % by default). A mismatch writes NAME.actual.png / NAME.expected.png /
// NAME.diff.png to tests/artifacts/visual/ and fails with the percentage.
// Baselines change only deliberately: `npm run test:visual:update` (UPDATE_BASELINES=1).

const ROOT = path.resolve(__dirname, '..', '..');
export const BASELINES = path.join(ROOT, 'tests', 'browser', 'baselines');
export const VISUAL_ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'visual');
export const updating = () => process.env.UPDATE_BASELINES === '1' || process.env.UPDATE_BASELINES === 'true';

type Pixelmatch = (
  a: Uint8Array,
  b: Uint8Array,
  out: Uint8Array | null,
  width: number,
  height: number,
  options?: { threshold?: number; includeAA?: boolean; alpha?: number; diffColor?: [number, number, number] }
) => number;

/**
 * `pixelmatch` (mapbox, ISC; v5 is CommonJS). Until the package is a devDependency this falls
 * back to the same per-pixel colour-distance test (YIQ, pixelmatch's `threshold` scale), without
 * pixelmatch's antialiasing detection: stricter, never looser.
 */
function loadPixelmatch(): { fn: Pixelmatch; name: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require('pixelmatch');
    return { fn: (mod.default ?? mod) as Pixelmatch, name: 'pixelmatch' };
  } catch {
    return { fn: yiqPixelmatch, name: 'built-in YIQ comparison (pixelmatch not installed)' };
  }
}

function yiqPixelmatch(a: Uint8Array, b: Uint8Array, out: Uint8Array | null, width: number, height: number, options: { threshold?: number } = {}) {
  const maxDelta = 35215 * (options.threshold ?? 0.1) * (options.threshold ?? 0.1);
  const blend = (c: number, alpha: number) => 255 + (c - 255) * alpha;
  let diff = 0;
  for (let i = 0; i < width * height * 4; i += 4) {
    const aa = a[i + 3] / 255;
    const ba = b[i + 3] / 255;
    const r1 = blend(a[i], aa), g1 = blend(a[i + 1], aa), b1 = blend(a[i + 2], aa);
    const r2 = blend(b[i], ba), g2 = blend(b[i + 1], ba), b2 = blend(b[i + 2], ba);
    const y = (r1 - r2) * 0.29889531 + (g1 - g2) * 0.58662247 + (b1 - b2) * 0.11448223;
    const ii = (r1 - r2) * 0.59597799 - (g1 - g2) * 0.2741761 - (b1 - b2) * 0.32180189;
    const q = (r1 - r2) * 0.21147017 - (g1 - g2) * 0.52261711 + (b1 - b2) * 0.31114694;
    const delta = 0.5053 * y * y + 0.299 * ii * ii + 0.1957 * q * q;
    const differs = delta > maxDelta;
    if (differs) diff++;
    if (out) {
      const grey = 255 + ((r1 * 0.29889531 + g1 * 0.58662247 + b1 * 0.11448223) - 255) * 0.1;
      out[i] = differs ? 255 : grey;
      out[i + 1] = differs ? 0 : grey;
      out[i + 2] = differs ? 0 : grey;
      out[i + 3] = 255;
    }
  }
  return diff;
}

export const pixelmatch = loadPixelmatch();

export type CompareResult = { name: string; updated: boolean; diffPixels: number; ratio: number };

/**
 * Compares a PNG with its baseline; with UPDATE_BASELINES=1 writes it as the new baseline.
 * Throws (test fails) when the baseline is missing, the size differs, or more than
 * `maxDiffRatio` of the pixels differ.
 */
export function expectMatchesBaseline(name: string, png: Buffer, opts: { maxDiffRatio?: number; threshold?: number } = {}): CompareResult {
  const maxDiffRatio = opts.maxDiffRatio ?? 0.005;
  const file = path.join(BASELINES, `${name}.png`);
  fs.mkdirSync(VISUAL_ARTIFACTS, { recursive: true });
  const artifact = (suffix: string) => path.join(VISUAL_ARTIFACTS, `${name}.${suffix}.png`);
  for (const s of ['actual', 'expected', 'diff']) fs.rmSync(artifact(s), { force: true });
  if (updating()) {
    fs.mkdirSync(BASELINES, { recursive: true });
    fs.writeFileSync(file, png);
    return { name, updated: true, diffPixels: 0, ratio: 0 };
  }
  if (!fs.existsSync(file)) {
    fs.writeFileSync(artifact('actual'), png);
    throw new Error(`visual ${name}: no baseline ${path.relative(ROOT, file)} (create it deliberately: npm run test:visual:update); screenshot in ${path.relative(ROOT, artifact('actual'))}`);
  }
  const actual = PNG.sync.read(png);
  const expected = PNG.sync.read(fs.readFileSync(file));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    fs.writeFileSync(artifact('actual'), png);
    fs.copyFileSync(file, artifact('expected'));
    throw new Error(`visual ${name}: size ${actual.width}x${actual.height} differs from the baseline's ${expected.width}x${expected.height} (see ${path.relative(ROOT, VISUAL_ARTIFACTS)})`);
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const diffPixels = pixelmatch.fn(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: opts.threshold ?? 0.1 });
  const ratio = diffPixels / (actual.width * actual.height);
  if (ratio > maxDiffRatio) {
    fs.writeFileSync(artifact('actual'), png);
    fs.copyFileSync(file, artifact('expected'));
    fs.writeFileSync(artifact('diff'), PNG.sync.write(diff));
    throw new Error(
      `visual ${name}: ${(ratio * 100).toFixed(3)} % of the pixels differ (${diffPixels}; allowed ${(maxDiffRatio * 100).toFixed(2)} %, ${pixelmatch.name}); ` +
        `diff image ${path.relative(ROOT, artifact('diff'))}. If the change is intended: npm run test:visual:update`
    );
  }
  return { name, updated: false, diffPixels, ratio };
}

/**
 * CSS that takes the moving and machine-dependent parts out of a screenshot: no animation or
 * transition, no caret, no scrollbars, one font everywhere (DejaVu, fonts-dejavu-core in CI).
 */
export const STABLE_CSS = `
*, *::before, *::after {
  animation-duration: 0s !important; animation-delay: 0s !important; transition: none !important;
  caret-color: transparent !important; scroll-behavior: auto !important;
}
*:not(code):not(pre):not(kbd) { font-family: 'DejaVu Sans', sans-serif !important; }
code, pre, kbd { font-family: 'DejaVu Sans Mono', monospace !important; }
::-webkit-scrollbar { display: none !important; }
html { scrollbar-width: none !important; }
`;

/**
 * A context for visual screenshots: device scale 1, Jakarta time, and a page clock that starts
 * at `now` on every page load and runs ten times slower than real time. Relative times ("5 menit
 * lagi") read the same on every run, and time still moves forward: a frozen Date.now stalls
 * Strapi's throttled side-panel updates (lodash throttle waits for the clock to pass 60 ms).
 */
export async function visualContext(browser: Browser, viewport: { width: number; height: number }, now: Date, opts: { isMobile?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    reducedMotion: 'reduce',
    isMobile: opts.isMobile ?? false,
    hasTouch: opts.isMobile ?? false,
    acceptDownloads: true,
  });
  await context.addInitScript((base: number) => {
    const RealDate = Date;
    const realNow = RealDate.now.bind(RealDate);
    const start = realNow();
    const fakeNow = () => base + Math.floor((realNow() - start) / 10);
    class SlowDate extends RealDate {
      constructor(...args: any[]) {
        if (args.length === 0) super(fakeNow());
        else super(...(args as [any]));
      }
      static now() {
        return fakeNow();
      }
    }
    (window as any).Date = SlowDate;
  }, now.getTime());
  await context.addInitScript((css: string) => {
    localStorage.setItem('strapi-admin-language', 'id');
    const add = () => {
      if (document.getElementById('visual-stable-css')) return;
      const style = document.createElement('style');
      style.id = 'visual-stable-css';
      style.textContent = css;
      (document.head ?? document.documentElement).appendChild(style);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', add);
    else add();
  }, STABLE_CSS);
  return context;
}

/**
 * Waits until fonts are loaded and nothing moves, then takes a screenshot with masks.
 * `fullPage`: Strapi's admin scrolls inside its own containers, not the document, so the
 * viewport is made as tall as the longest scrolled content for the shot, then restored.
 */
export async function stableScreenshot(page: Page, opts: { mask?: Locator[]; fullPage?: boolean; target?: Locator } = {}): Promise<Buffer> {
  await page.evaluate(() => (document as any).fonts?.ready);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.mouse.move(0, 0);
  const common = { animations: 'disabled' as const, caret: 'hide' as const, mask: opts.mask ?? [], maskColor: '#FF00FF', scale: 'css' as const };
  if (opts.target) return opts.target.screenshot(common);
  const viewport = page.viewportSize()!;
  if (opts.fullPage) {
    const extra = await page.evaluate(() => {
      let most = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
        const oy = getComputedStyle(el).overflowY;
        if ((oy === 'auto' || oy === 'scroll') && el.scrollHeight > el.clientHeight + 1) most = Math.max(most, el.scrollHeight - el.clientHeight);
      }
      return most;
    });
    if (extra > 0) {
      await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + extra, 6000) });
      await page.waitForTimeout(300);
    }
  }
  try {
    return await page.screenshot({ ...common, fullPage: Boolean(opts.fullPage) });
  } finally {
    if (opts.fullPage) await page.setViewportSize(viewport);
  }
}

/**
 * Renders a PDF's pages to PNG images in the browser with pdf.js (the build shipped inside
 * pdf-parse, already a dependency; no poppler needed). Raster images (QR codes, which encode
 * random ids, and logos) are painted over with grey, and text matching `maskText` (ids,
 * hashes) is boxed out, so only the document's layout and fixed text are compared.
 */
export async function renderPdf(browser: Browser, pdf: Buffer, opts: { scale?: number; maskText?: RegExp } = {}): Promise<Buffer[]> {
  const pdfjsDir = path.join(ROOT, 'node_modules', 'pdf-parse', 'lib', 'pdf.js', 'v2.0.550', 'build');
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const origin = 'http://pdf.visual';
    await page.route(`${origin}/**`, (route) => {
      const p = new URL(route.request().url()).pathname;
      if (p === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body style="margin:0;background:#fff"><div id="pages"></div></body></html>' });
      if (p === '/pdf.js' || p === '/pdf.worker.js') return route.fulfill({ contentType: 'application/javascript', body: fs.readFileSync(path.join(pdfjsDir, p.slice(1))) });
      if (p === '/doc.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf });
      return route.fulfill({ status: 404, body: '' });
    });
    // pdf.js drops the rest of a page when it cannot build its operator list and only says so
    // on the console: such a rendering is incomplete and must not become (or pass as) a baseline.
    const problems: string[] = [];
    page.on('console', (m) => /ignoring errors|Error/i.test(m.text()) && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${origin}/`);
    await page.addScriptTag({ url: `${origin}/pdf.js` });
    const pages: string[] = await page.evaluate(
      async ({ scale, maskSource, maskFlags }) => {
        const lib = (window as any).pdfjsLib;
        lib.GlobalWorkerOptions.workerSrc = '/pdf.worker.js';
        const doc = await lib.getDocument({ url: '/doc.pdf', disableFontFace: false }).promise;
        const mask = maskSource ? new RegExp(maskSource, maskFlags) : null;
        const out: string[] = [];
        for (let n = 1; n <= doc.numPages; n++) {
          const pg = await doc.getPage(n);
          const viewport = pg.getViewport(scale);
          const canvas = document.createElement('canvas');
          canvas.width = Math.round(viewport.width);
          canvas.height = Math.round(viewport.height);
          const ctx = canvas.getContext('2d')!;
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          await pg.render({ canvasContext: ctx, viewport }).promise;
          const mul = (m: number[], t: number[]) => [
            m[0] * t[0] + m[2] * t[1], m[1] * t[0] + m[3] * t[1],
            m[0] * t[2] + m[2] * t[3], m[1] * t[2] + m[3] * t[3],
            m[0] * t[4] + m[2] * t[5] + m[4], m[1] * t[4] + m[3] * t[5] + m[5],
          ];
          const box = (m: number[]) => {
            // The unit square under m, in canvas pixels.
            const pts = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
            const xs = pts.map((p) => p[0]);
            const ys = pts.map((p) => p[1]);
            return [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
          };
          // Images: follow the operator list's transforms to where each image is painted.
          const ops = await pg.getOperatorList();
          const OPS = lib.OPS;
          const stack: number[][] = [];
          let ctm: number[] = viewport.transform.slice();
          ctx.fillStyle = '#9a9a9a';
          for (let i = 0; i < ops.fnArray.length; i++) {
            const fn = ops.fnArray[i];
            const args = ops.argsArray[i];
            if (fn === OPS.save) stack.push(ctm);
            else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
            else if (fn === OPS.transform) ctm = mul(ctm, args);
            else if (fn === OPS.paintImageXObject || fn === OPS.paintJpegXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
              const [x, y, w, h] = box(ctm);
              ctx.fillRect(x - 1, y - 1, w + 2, h + 2);
            }
          }
          // Dynamic text (ids, hashes): boxed out where it is drawn.
          if (mask) {
            const text = await pg.getTextContent();
            for (const item of text.items as any[]) {
              if (!mask.test(item.str)) continue;
              mask.lastIndex = 0;
              const m = mul(viewport.transform, item.transform);
              const fontHeight = Math.hypot(m[2], m[3]);
              const width = item.width * scale;
              ctx.fillRect(m[4] - 1, m[5] - fontHeight - 1, width + 2, fontHeight * 1.3 + 2);
            }
          }
          out.push(canvas.toDataURL('image/png').split(',')[1]);
        }
        return out;
      },
      { scale: opts.scale ?? 1.5, maskSource: opts.maskText?.source ?? null, maskFlags: opts.maskText?.flags.replace('g', '') ?? '' }
    );
    if (problems.length) throw new Error(`pdf.js could not render the whole document: ${problems.join('; ')}`);
    return pages.map((b64) => Buffer.from(b64, 'base64'));
  } finally {
    await context.close();
  }
}

/** Fails when the page is wider than its viewport (something sticks out sideways). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = (el as HTMLElement).getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > innerWidth + 1 || r.left < -1) {
        // Only the outermost element that sticks out, with what it is.
        const parent = el.parentElement?.getBoundingClientRect();
        if (parent && (parent.right > innerWidth + 1 || parent.left < -1)) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.position === 'fixed') continue;
        culprits.push(`${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}.${(el as HTMLElement).className?.toString().split(' ').slice(0, 2).join('.')} ${Math.round(r.left)}..${Math.round(r.right)} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
      }
    }
    return { scrollWidth, innerWidth, culprits: culprits.slice(0, 10) };
  });
}
