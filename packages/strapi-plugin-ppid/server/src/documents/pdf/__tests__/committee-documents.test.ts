// Committee steps in the documents: the approval form shows every member who acted in the
// step's latest round, and the SOP document names the committee's members and rule (issue #16).
import { join } from 'node:path';
import { createKeyRing, generateKeyPair } from '../../../core/signature/keys';
import { buildChain } from '../../../core/signature/__tests__/fixtures';
import { loadSopDirectory } from '../../../core/workflow';
import { approvalRowsFromRecords, renderApprovalForm } from '../approval-form';
import { renderSopHtml, renderSopPdf } from '../../sop-document';
import { formData } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
const squash = (s: string) => s.replace(/\s+/g, '');

const ring = createKeyRing(generateKeyPair().privateKey);
/** Records at the given steps with the given decisions (kind paraf). */
function records(spec: [number, string, string?][]) {
  return buildChain(spec.length, () => ring.active, 1).map((r, i) => ({
    ...r,
    stepNumber: spec[i]![0],
    decision: spec[i]![1],
    kind: (spec[i]![2] ?? 'paraf') as any,
  }));
}
const steps = [1, 2, 3].map((n) => ({ stepNumber: n, activity: `Tahap ${n}` }));

describe('approvalRowsFromRecords with a committee step', () => {
  it('one row per member of the latest round, the completing act included', () => {
    const recs = records([
      [1, 'approved', 'submit'],
      [2, 'member_approved'],
      [2, 'returned_to_1', 'return'], // round 1 ended by a member's return
      [1, 'approved', 'submit'],
      [2, 'member_approved'],
      [2, 'member_approved'],
      [2, 'approved'],
    ]);
    const rows = approvalRowsFromRecords(steps, recs);
    expect(rows.map((r) => [r.no, r.signer?.nama ?? null])).toEqual([
      [1, 'Pejabat 4'],
      [2, 'Pejabat 5'],
      [2, 'Pejabat 6'],
      [2, 'Pejabat 7'],
      [3, null],
    ]);
  });

  it('a round in progress shows the members who have acted; a return shows the return', () => {
    expect(approvalRowsFromRecords(steps, records([[1, 'approved', 'submit'], [2, 'member_approved']])).map((r) => r.no)).toEqual([1, 2, 3]);
    const back = approvalRowsFromRecords(steps, records([[1, 'approved', 'submit'], [2, 'member_approved'], [2, 'returned_to_1', 'return']]));
    expect(back.map((r) => r.kind)).toEqual(['submit', 'return', null]);
  });

  it('the printed form carries a signer block for every member', async () => {
    const data = formData(true);
    data.rows = [
      ...data.rows.slice(0, 1),
      ...['Anggota Satu', 'Anggota Dua', 'Anggota Tiga'].map((nama, i) => ({
        no: 2,
        activity: 'Membahas dan memparaf (Tim Pertimbangan)',
        signer: { nama, nip: null, jabatan: 'Anggota Tim Pertimbangan' },
        kind: 'paraf' as const,
        signedAt: `2026-11-23T0${6 + i}:00:00Z`,
        hash: String(i).repeat(64),
      })),
    ];
    const { text } = await pdfParse(new Uint8Array(await renderApprovalForm(data)));
    for (const nama of ['Anggota Satu', 'Anggota Dua', 'Anggota Tiga']) expect(squash(text).split(squash(nama)).length - 1).toBe(2); // table row + signer block
  });
});

describe('SOP document of the fixtures', () => {
  const fixtures = loadSopDirectory(join(__dirname, '../../../../../../../tests/fixtures/sops'));
  it.each(fixtures.map((f) => [f.file, f] as const))('%s names the committee, its rule and every member role', async (_file, f) => {
    if (!f.result.ok) throw new Error(JSON.stringify(f.result.errors));
    const def = f.result.value;
    const html = renderSopHtml(def);
    const text = squash((await pdfParse(new Uint8Array(await renderSopPdf(def)))).text);
    const expected = def.code === 'contoh-uji-konsekuensi-tim'
      ? 'Tim: paraf seluruh anggota (Tim Pertimbangan)'
      : 'Tim: paraf sekurang-kurangnya 2 anggota (Kepala Bidang BID-IKP; Kepala Bidang BID-APTIKA; Sekretaris)';
    expect(html).toContain(expected);
    expect(text).toContain(squash(expected));
    // Every step is in the table, the recording step after the decision included.
    for (const s of def.steps) expect(html).toContain(`data-step="${s.number}"`);
    expect(html).toContain('memutakhirkan DIP');
  });
});

describe('SOP flowchart of a committee spread over columns', () => {
  it('links the step to each member column that is not its own', () => {
    const { buildFlow } = require('../../sop-document/flow');
    const f = loadSopDirectory(join(__dirname, '../../../../../../../tests/fixtures/sops')).find((x) => x.file.startsWith('111'))!;
    if (!f.result.ok) throw new Error('fixture 111 does not validate');
    const rows = buildFlow(f.result.value);
    const panel = rows[1];
    expect(panel.col).toBe(1); // the Kepala Bidang column
    expect(panel.marks).toEqual(
      expect.arrayContaining([
        { kind: 'hline', y: 'symMid', from: { col: 1, at: 'sym', side: 1 }, to: { col: 2, at: 'center', side: 1 } },
        { kind: 'vline', x: { col: 2, at: 'center', side: 1 }, from: 'symTop', to: 'symBottom' },
      ]),
    );
    // Nothing else touches the Sekretaris column: it acts only as a panel member.
    expect(rows.flatMap((r: any) => r.marks).filter((m: any) => m.x?.col === 2 || m.to?.col === 2)).toHaveLength(2);
  });
});
