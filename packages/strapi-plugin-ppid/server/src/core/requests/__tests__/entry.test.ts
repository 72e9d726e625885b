import { validateEntry } from '../entry';

const filing = {
  applicant: { type: 'perorangan', name: 'Siti Aminah', address: 'Jl. Merdeka No. 1', email: 'siti@example.id', phone: '0812 3456 7890', identityNumber: '6472011234560001' },
  information: 'Daftar penerima bantuan sosial 2025',
  purpose: 'Pengawasan',
  obtainBy: 'salinan_hardcopy',
  deliverBy: 'langsung',
};

describe('validateEntry (a request received in person or by letter)', () => {
  it('takes the channel out and checks the rest as a public filing', () => {
    const r = validateEntry({ ...filing, channel: 'surat' });
    expect(r).toMatchObject({ ok: true, channel: 'surat', value: { applicant: { name: 'Siti Aminah' }, obtainBy: 'salinan_hardcopy' } });
  });

  it('names the channel and the filing’s fields together', () => {
    const r = validateEntry({ ...filing, channel: 'portal', applicant: { ...filing.applicant, identityNumber: '123' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['channel', 'applicant.identityNumber']);
    const missing = validateEntry(filing);
    expect(!missing.ok && missing.errors.map((e) => e.path)).toEqual(['channel']);
    expect(validateEntry([]).ok).toBe(false);
  });
});
