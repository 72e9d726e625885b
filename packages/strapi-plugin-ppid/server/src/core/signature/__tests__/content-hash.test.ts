import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, contentHashBody, EXCLUDED_FIELDS, fileSha256, normalizeForHash, sha256Hex } from '../content-hash';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

const base = () => ({
  uid: 'api::informasi.informasi',
  fields: {
    judul: 'Laporan Keuangan 2025',
    ringkasan: 'Ringkasan',
    klasifikasi: 'berkala',
    blocks: [
      { __component: 'ppid.paragraf', id: 7, teks: 'satu' },
      { __component: 'ppid.tautan', id: 8, url: 'https://example.go.id' },
    ],
  } as Record<string, unknown>,
  attachments: [
    { name: 'lampiran-b.pdf', sha256: B },
    { name: 'lampiran-a.pdf', sha256: A },
  ],
});

describe('contentHash', () => {
  it('is sha256 of the canonical JSON', () => {
    const body = contentHashBody(base());
    expect(Object.keys(body)).toEqual(['uid', 'fields', 'attachments']);
    expect(body.attachments.map((a) => a.sha256)).toEqual([A, B]);
    expect(contentHash(base())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable under key order and attachment order', () => {
    const x = base();
    const reordered = {
      uid: x.uid,
      fields: Object.fromEntries(Object.entries(x.fields).reverse()),
      attachments: [...x.attachments].reverse(),
    };
    expect(contentHash(reordered)).toBe(contentHash(x));
  });

  it('ignores every excluded field, at any depth', () => {
    const h = contentHash(base());
    const x = base();
    for (const key of EXCLUDED_FIELDS) x.fields[key] = `changed-${key}`;
    (x.fields.blocks as Record<string, unknown>[])[0].id = 999;
    (x.fields.blocks as Record<string, unknown>[])[0].updatedAt = '2030-01-01T00:00:00.000Z';
    expect(contentHash(x)).toBe(h);
    expect(EXCLUDED_FIELDS).toEqual(expect.arrayContaining(['ppidStage', 'ppidRunStatus', 'documentId', 'locale']));
  });

  it('changes when content changes', () => {
    const h = contentHash(base());
    const x = base();
    x.fields.judul = 'Laporan Keuangan 2026';
    expect(contentHash(x)).not.toBe(h);
  });

  it('keeps dynamic-zone order', () => {
    const x = base();
    x.fields.blocks = [...(x.fields.blocks as unknown[])].reverse();
    expect(contentHash(x)).not.toBe(contentHash(base()));
  });

  it('changes when an attachment changes or is added', () => {
    const h = contentHash(base());
    const x = base();
    x.attachments[0] = { name: 'lampiran-b.pdf', sha256: 'c'.repeat(64) };
    expect(contentHash(x)).not.toBe(h);
    const y = base();
    y.attachments.push({ name: 'baru.pdf', sha256: 'd'.repeat(64) });
    expect(contentHash(y)).not.toBe(h);
  });

  it('rejects a malformed attachment digest', () => {
    const x = base();
    x.attachments[0].sha256 = 'nothex';
    expect(() => contentHash(x)).toThrow(/invalid sha256/);
  });
});

describe('normalizeForHash', () => {
  it('reduces relations to documentId and media to their hash', () => {
    const value = {
      unit: { id: 3, documentId: 'unit-1', nama: 'Dinas', updatedAt: 'x' },
      cover: { id: 4, documentId: 'file-1', name: 'a.png', mime: 'image/png', url: '/uploads/a.png', hash: 'a_123', sha256: A },
      legacy: { id: 5, name: 'b.png', mime: 'image/png', url: '/uploads/b.png', hash: 'b_456' },
      when: new Date('2026-11-23T07:05:00Z'),
      nothing: undefined,
    };
    expect(normalizeForHash(value)).toEqual({
      unit: { $ref: 'unit-1' },
      cover: { $media: A },
      legacy: { $media: 'b_456' },
      when: '2026-11-23T07:05:00.000Z',
    });
  });

  it('makes a related document edit invisible but a relation change visible', () => {
    const x = base();
    x.fields.unit = { documentId: 'unit-1', nama: 'Dinas A' };
    const h = contentHash(x);
    x.fields.unit = { documentId: 'unit-1', nama: 'Dinas A (renamed)' };
    expect(contentHash(x)).toBe(h);
    x.fields.unit = { documentId: 'unit-2', nama: 'Dinas B' };
    expect(contentHash(x)).not.toBe(h);
  });
});

describe('sha256Hex / fileSha256', () => {
  it('agree on the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ppid-hash-'));
    const file = join(dir, 'x.bin');
    const bytes = Buffer.alloc(300_000, 7);
    writeFileSync(file, bytes);
    await expect(fileSha256(file)).resolves.toBe(sha256Hex(bytes));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
