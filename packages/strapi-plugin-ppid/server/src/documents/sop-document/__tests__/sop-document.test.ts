import { stackInstansi } from '../../../core/documents';
import { join } from 'node:path';
import { type SopDefinition, loadSopDirectory, writtenReturnOf } from '../../../core/workflow';
import { escapeHtml, formatWaktu, renderSopHtml, renderSopPdf, symbolOf } from '..';
import { labelsFor } from '../labels';
import { buildFlow } from '../flow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePdf: (data: Uint8Array) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js');
// pdf.js reads `data.buffer` and ignores byteOffset: hand it a copy that owns its memory.
const pdfText = async (pdf: Buffer) => (await parsePdf(new Uint8Array(pdf))).text;

const SOPS_DIR = join(__dirname, '../../../../../sops');

const seeds: [string, SopDefinition][] = loadSopDirectory(SOPS_DIR).map((f) => {
  if (!f.result.ok) throw new Error(`${f.file}: ${JSON.stringify(f.result.errors)}`);
  return [f.file, f.result.value];
});

const clone = (d: SopDefinition): SopDefinition => JSON.parse(JSON.stringify(d));
const count = (s: string, needle: string) => s.split(needle).length - 1;
/** pdf-parse breaks wrapped lines anywhere; compare with whitespace removed, case-blind. */
const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

test('the four seeds and the product templates (uji konsekuensi, pelayanan permohonan informasi, penanganan keberatan) load', () => {
  expect(seeds.map(([f]) => f.slice(0, 3))).toEqual(['000', '001', '002', '004', '100', '101', '102']);
});

describe.each(seeds)('renderSopHtml: %s', (_file, def) => {
  const html = renderSopHtml(def);
  const h = def.header;

  it('is a standalone printable page', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="id">');
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4 landscape/);
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('carries the header block', () => {
    for (const label of ['Nomor SOP', 'Tanggal Pembuatan', 'Tanggal Revisi', 'Tanggal Efektif', 'Disahkan Oleh', 'Nama SOP']) {
      expect(html).toContain(`>${label}<`);
    }
    expect(html).toContain(escapeHtml(h.nomorSop));
    expect(html).toContain(escapeHtml(h.namaSop));
    // The body's name stacked as a kop: the parent government over the body.
    for (const line of stackInstansi(h.instansi)) expect(html).toContain(`>${escapeHtml(line)}</div>`);
    expect(html).toContain(escapeHtml(h.disahkanOleh.nama));
    expect(html).toContain(escapeHtml(h.disahkanOleh.jabatan));
    if (h.disahkanOleh.nip) expect(html).toContain(`NIP. ${h.disahkanOleh.nip}`);
    for (const label of ['Dasar Hukum', 'Kualifikasi Pelaksana', 'Keterkaitan', 'Peralatan / Perlengkapan', 'Peringatan', 'Pencatatan dan Pendataan']) {
      expect(html).toContain(`<th>${label}</th>`);
    }
    for (const item of [...h.dasarHukum, ...h.kualifikasiPelaksana, ...h.peralatanPerlengkapan]) {
      expect(html).toContain(`<li>${escapeHtml(item)}</li>`);
    }
  });

  it('has the activity table columns, one per pelaksana', () => {
    for (const label of ['No', 'Kegiatan', 'Pelaksana', 'Mutu Baku', 'Kelengkapan', 'Waktu', 'Output', 'Keterangan']) {
      expect(html).toMatch(new RegExp(`<th[^>]*>${label}</th>`));
    }
    expect(html).toContain(`colspan="${def.roles.length}">Pelaksana<`);
    for (const r of def.roles) expect(html).toContain(`<th class="role">${escapeHtml(r.label)}</th>`);
  });

  it('has every step, with its activity, waktu and one symbol in its role column', () => {
    expect(count(html, '<tr data-step=')).toBe(def.steps.length);
    expect(count(html, '<svg class="sym ')).toBe(def.steps.length);
    for (const s of def.steps) {
      const row = html.split(`<tr data-step="${s.number}">`)[1].split('</tr>')[0];
      expect(row).toContain(`<td class="kegiatan">${escapeHtml(s.activity)}</td>`);
      expect(row).toContain(`<td class="waktu">${formatWaktu(s.standard, labelsFor('id'))}</td>`);
      expect(row).toContain(`<svg class="sym ${symbolOf(def, s)}"`);
      // The symbol sits in the cell of the step's role.
      const cells = row.split('<td class="pl"').slice(1);
      const col = def.roles.findIndex((r) => r.key === s.role);
      cells.forEach((cell, i) => expect(cell.includes('<svg class="sym ')).toBe(i === col));
    }
  });

  it('draws terminators at the ends, decisions where the SOP text sends work back (Ya/Tidak); a body\'s added return is a note, not drawn', () => {
    const first = def.steps[0];
    const last = def.steps[def.steps.length - 1];
    expect(symbolOf(def, first)).toBe('terminator');
    expect(symbolOf(def, last)).toBe('terminator');
    for (const s of def.steps.slice(1, -1)) {
      const written = writtenReturnOf(s);
      expect(symbolOf(def, s)).toBe(written !== null ? 'decision' : 'process');
      const row = html.split(`<tr data-step="${s.number}">`)[1].split('</tr>')[0];
      if (written !== null) {
        expect(row).toContain('>Ya</span>');
        expect(row).toContain('>Tidak</span>');
        expect(row).toContain(`Tidak: kembali ke langkah ${written}`);
      } else if (typeof s.returnTo === 'number') {
        expect(row).not.toContain('>Tidak</span>');
        expect(row).toContain(`Tambahan (bukan teks SOP): dapat dikembalikan ke langkah ${s.returnTo}`);
      }
    }
  });

  it('connects every step to the next, entering each symbol from above with an arrow', () => {
    const rows = buildFlow(def);
    rows.slice(1).forEach((row) => {
      expect(row.marks).toContainEqual({ kind: 'arrow', x: { col: row.col, at: 'center', side: 1 }, y: 'symTop', dir: 'down' });
    });
    rows.slice(0, -1).forEach((row, i) => {
      const next = rows[i + 1];
      const down = row.marks.find((m) => m.kind === 'vline' && m.from === 'symBottom');
      expect(down).toBeDefined();
      if (next.col !== row.col) {
        expect(row.marks).toContainEqual({ kind: 'hline', y: 'elbow', from: { col: row.col, at: 'center', side: 1 }, to: { col: next.col, at: 'center', side: 1 } });
      }
    });
  });
});

describe('renderSopHtml details', () => {
  const def = seeds[0][1];

  it('formats waktu and dates in Indonesian', () => {
    const html = renderSopHtml(def);
    for (const w of ['1 jam', '15 menit', '10 menit', 'Tentatif']) expect(html).toContain(`<td class="waktu">${w}</td>`);
    expect(html).toContain('6 Januari 2025');
    expect(renderSopHtml(seeds[1][1])).toContain('<td class="waktu">1 minggu</td>');
  });

  it('sends the "Tidak" line of a decision into the return target\'s column', () => {
    const rows = buildFlow(def);
    const review = rows.find((r) => r.step.number === 3)!;
    const target = rows.find((r) => r.step.number === 2)!;
    expect(review.symbol).toBe('decision');
    const back = review.marks.find((m) => m.kind === 'hline' && m.y === 'symMid');
    expect(back).toMatchObject({ to: { col: target.col, at: 'lane' } });
    expect(target.marks).toContainEqual(expect.objectContaining({ kind: 'arrow', y: 'symMid', x: expect.objectContaining({ col: target.col, at: 'sym' }) }));
  });

  it('escapes every text against HTML injection', () => {
    const evil = clone(def);
    const payload = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    evil.steps[1].activity = payload;
    evil.steps[1].output = payload;
    evil.steps[1].inputs = [{ label: payload }];
    evil.roles[0].label = payload;
    evil.header.namaSop = payload;
    evil.header.instansi = payload;
    evil.header.disahkanOleh.nama = payload;
    evil.header.dasarHukum = [payload];
    const html = renderSopHtml(evil);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;img src=x onerror=alert(1)&#62;');
  });

  it('speaks English on request', () => {
    const html = renderSopHtml(def, { lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('>Approved By<');
    expect(html).toContain('>15 minutes<');
    expect(html).toContain('6 January 2025');
    expect(html).toContain('No: back to step 2');
  });

  it('prints blank dates and empty lists as a dash', () => {
    const html = renderSopHtml(def);
    expect(html).toMatch(/>Tanggal Revisi<\/th><td class="value">-<\/td>/);
    expect(html).toContain('<span class="empty">-</span>');
  });
});

describe.each(seeds)('renderSopPdf: %s', (_file, def) => {
  it('is an A4 landscape PDF with the header, the role columns and every activity', async () => {
    const pdf = await renderSopPdf(def);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const text = squash(await pdfText(pdf));
    expect(text).toContain(squash('Nomor SOP'));
    expect(text).toContain(squash(def.header.nomorSop));
    expect(text).toContain(squash(def.header.disahkanOleh.nama));
    for (const label of ['Dasar Hukum', 'Kualifikasi Pelaksana', 'Pelaksana', 'Mutu Baku', 'Keterangan']) expect(text).toContain(squash(label));
    for (const r of def.roles) expect(text).toContain(squash(r.label));
    for (const s of def.steps) expect(text).toContain(squash(s.activity.split(/\s+/).slice(0, 4).join(' ')));
  });
});

test('renderSopPdf repeats the table header when the steps run over a page', async () => {
  const long = clone(seeds[0][1]);
  const base = long.steps;
  long.steps = Array.from({ length: 24 }, (_, i) => ({ ...base[i % base.length], number: i + 1, returnTo: undefined }));
  const text = await pdfText(await renderSopPdf(long));
  const pages = text.split(/Halaman \d+ dari \d+/).length - 1;
  expect(pages).toBeGreaterThanOrEqual(3);
  // Page 1 is the header block; every activity page has the table header.
  expect(count(squash(text), squash('Mutu Baku'))).toBe(pages - 1);
});
