import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
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
 * `pixelmatch` (mapbox, ISC; v5 is CommonJS; a devDependency). Where it is missing (an install
 * without dev packages) this falls back to the same per-pixel colour-distance test (YIQ,
 * pixelmatch's `threshold` scale), without pixelmatch's antialiasing detection: stricter, never
 * looser. The failure message names the comparison used.
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

/** One word of a PDF page as poppler reads it, in points from the page's top left. */
export type PdfWord = { page: number; line: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]
  );

const poppler = (cmd: string, args: string[], cwd: string) => {
  try {
    return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  } catch (e: any) {
    if (e.code === 'ENOENT') throw new Error(`${cmd} not found: the PDF comparison needs poppler-utils and fontconfig (apt-get install poppler-utils fonts-liberation)`);
    throw new Error(`${cmd} failed: ${e.stderr?.toString() || e.message}`);
  }
};

/** The words of a PDF, page by page and line by line (`pdftotext -bbox-layout`). */
function pdfWordsIn(dir: string, file: string): PdfWord[] {
  const html = poppler('pdftotext', ['-bbox-layout', file, '-'], dir);
  const words: PdfWord[] = [];
  const num = (attrs: string, k: string) => Number(new RegExp(`${k}="([-\\d.]+)"`).exec(attrs)![1]);
  let line = 0;
  html.split(/<page\b/).slice(1).forEach((pageHtml, i) => {
    for (const l of pageHtml.matchAll(/<line\b[^>]*>([\s\S]*?)<\/line>/g)) {
      line++;
      for (const w of l[1].matchAll(/<word\b([^>]*)>([\s\S]*?)<\/word>/g)) {
        words.push({ page: i + 1, line, text: decodeEntities(w[2]), xMin: num(w[1], 'xMin'), yMin: num(w[1], 'yMin'), xMax: num(w[1], 'xMax'), yMax: num(w[1], 'yMax') });
      }
    }
  });
  return words;
}

/** The words of a PDF with their boxes (poppler's pdftotext), e.g. to find a code printed in it. */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visual-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    return pdfWordsIn(dir, 'doc.pdf');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Renders a PDF's pages to PNG images with poppler (`pdftoppm -png -r DPI`; poppler-utils, in
 * CI too). Dynamic parts are painted grey so only the layout and the fixed text are compared:
 * - every raster image (QR codes, which encode random codes, and logos), at the positions
 *   `pdftohtml -xml` reports;
 * - every text line (as `pdftotext -bbox-layout` groups words) with a word that matches
 *   `maskText` (a regular expression tested against each word, or a predicate): the whole
 *   line, because a dynamic word in proportional type moves the words after it.
 */
export function renderPdfPages(pdf: Buffer, opts: { dpi?: number; maskText?: RegExp | ((word: string) => boolean) } = {}): Buffer[] {
  const dpi = opts.dpi ?? 100;
  const px = dpi / 72;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visual-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    // The PDFs do not embed the standard fonts: poppler substitutes them through fontconfig,
    // and the baselines were drawn with Liberation Sans (fonts-liberation, in CI too).
    const helvetica = poppler('fc-match', ['-f', '%{family}', 'Helvetica'], dir);
    if (!/Liberation Sans/.test(helvetica)) throw new Error(`Helvetica is drawn with ${helvetica || 'nothing'} here, not Liberation Sans: install fonts-liberation`);
    poppler('pdftoppm', ['-png', '-r', String(dpi), 'doc.pdf', 'page'], dir);
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^page-\d+\.png$/.test(f))
      .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    if (!files.length) throw new Error('pdftoppm rendered no page');

    // Rectangles to paint, per page, in points.
    const rects = new Map<number, Array<[number, number, number, number]>>();
    const add = (page: number, r: [number, number, number, number]) => rects.set(page, [...(rects.get(page) ?? []), r]);
    const xml = poppler('pdftohtml', ['-xml', '-zoom', '1', '-q', 'doc.pdf', 'images'], dir) + fs.readFileSync(path.join(dir, 'images.xml'), 'utf8');
    let page = 0;
    for (const m of xml.matchAll(/<page number="(\d+)"|<image\b([^>]*)\/>/g)) {
      if (m[1]) page = Number(m[1]);
      else {
        const a = (k: string) => Number(new RegExp(`${k}="([-\\d.]+)"`).exec(m[2])![1]);
        add(page, [a('left'), a('top'), a('left') + a('width'), a('top') + a('height')]);
      }
    }
    if (opts.maskText) {
      const test = typeof opts.maskText === 'function' ? opts.maskText : (w: string) => new RegExp((opts.maskText as RegExp).source, (opts.maskText as RegExp).flags.replace('g', '')).test(w);
      const words = pdfWordsIn(dir, 'doc.pdf');
      const dynamicLines = new Set(words.filter((w) => test(w.text)).map((w) => w.line));
      // poppler's word box is the font's, which ascenders (Courier's) overshoot: padded. A
      // dynamic line alone in its band of the page (a footer, a URL) is masked across the whole
      // text width, so that its length, which varies with the code in it, shows nowhere.
      const pad = (w: PdfWord): [number, number] => [w.yMin - 0.3 * (w.yMax - w.yMin), w.yMax + 0.15 * (w.yMax - w.yMin)];
      for (const line of dynamicLines) {
        const ws = words.filter((w) => w.line === line);
        const pageWords = words.filter((w) => w.page === ws[0].page);
        const top = Math.min(...ws.map((w) => pad(w)[0]));
        const bottom = Math.max(...ws.map((w) => pad(w)[1]));
        const [y0, y1] = [Math.min(...ws.map((w) => w.yMin)), Math.max(...ws.map((w) => w.yMax))];
        const alone = !pageWords.some((w) => !dynamicLines.has(w.line) && w.yMax > y0 + 0.5 && w.yMin < y1 - 0.5);
        if (alone) add(ws[0].page, [Math.min(...pageWords.map((w) => w.xMin)), top, Math.max(...pageWords.map((w) => w.xMax)), bottom]);
        else for (const w of ws) add(w.page, [w.xMin - 0.1 * (w.yMax - w.yMin), pad(w)[0], w.xMax + 0.1 * (w.yMax - w.yMin), pad(w)[1]]);
      }
    }

    return files.map((f, i) => {
      const png = PNG.sync.read(fs.readFileSync(path.join(dir, f)));
      for (const [x0, y0, x1, y1] of rects.get(i + 1) ?? []) {
        // In pixels, one pixel wider on every side (antialiased edges).
        const left = Math.max(0, Math.floor(x0 * px) - 1);
        const top = Math.max(0, Math.floor(y0 * px) - 1);
        const right = Math.min(png.width, Math.ceil(x1 * px) + 1);
        const bottom = Math.min(png.height, Math.ceil(y1 * px) + 1);
        for (let y = top; y < bottom; y++) {
          for (let x = left; x < right; x++) {
            const o = (y * png.width + x) * 4;
            png.data[o] = png.data[o + 1] = png.data[o + 2] = 0x9a;
            png.data[o + 3] = 255;
          }
        }
      }
      return PNG.sync.write(png);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
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
