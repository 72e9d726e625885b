import { setupChecklist, type SetupFacts } from '../setup';

const NOW = new Date('2026-12-01T00:00:00Z');
const ITEM = 'api::information-item.information-item';
const DIP = 'plugin::ppid.dip-edition';

/** A body that has done everything. */
const ready = (): SetupFacts => ({
  production: true,
  kop: { stored: true, nama: 'Kecamatan Palaran', pemerintah: 'Pemerintah Kota Samarinda', alamat: 'Jalan Ampera No. 1', tempat: 'Samarinda', hasLogo: true },
  calendar: { configured: true, timeZone: 'Asia/Makassar' },
  units: [
    { id: 1, code: 'PEMDA', name: 'Pemerintah Kota', parentId: null },
    { id: 2, code: 'PALARAN', name: 'Kecamatan Palaran', parentId: 1 },
    { id: 3, code: 'RAWA', name: 'Kelurahan Rawa Makmur', parentId: 2 },
  ],
  officials: [
    { id: 1, nama: 'Staf', nip: '198001152005031001', jabatan: 'JFU', active: true, unitId: 2, userId: 10 },
    { id: 2, nama: 'Camat', nip: '198001152005031002', jabatan: 'Camat', active: true, unitId: 2, userId: 11 },
  ],
  users: [
    { id: 10, name: 'Staf Palaran', isActive: true, roleIds: [100] },
    { id: 11, name: 'Camat Palaran', isActive: true, roleIds: [101] },
    { id: 1, name: 'Super Admin', isActive: true, roleIds: [1] },
  ],
  adminRoles: [
    { id: 1, name: 'Super Admin' },
    { id: 100, name: 'Staf' },
    { id: 101, name: 'Camat' },
  ],
  sops: [
    { code: 'pub', name: 'Publikasi Website', roles: [{ key: 'staf', label: 'Staf' }, { key: 'camat', label: 'Camat' }] },
    { code: 'dip', name: 'Penetapan DIP', roles: [{ key: 'camat', label: 'Camat' }] },
    { code: 'unused', name: 'Tidak dipakai', roles: [{ key: 'x', label: 'X' }] },
  ],
  bindings: [
    { contentType: ITEM, sopCode: 'pub', isDefault: true },
    { contentType: DIP, sopCode: 'dip', isDefault: true },
  ],
  governedTypes: [
    { uid: ITEM, label: 'Informasi Publik' },
    { uid: DIP, label: 'Edisi DIP' },
  ],
  mappings: [
    { sopCode: 'pub', sopRole: 'staf', adminRoleId: 100, unitId: 2 },
    { sopCode: 'pub', sopRole: 'camat', adminRoleId: 101, unitId: 2 },
    { sopCode: 'dip', sopRole: 'camat', adminRoleId: 101, unitId: null },
  ],
  signingKey: { present: true, keyId: 'k1', source: 'file', error: null },
  publicUrl: 'https://ppid.samarindakota.go.id',
});

const codes = (f: SetupFacts) => setupChecklist(f, NOW).missing.map((m) => m.code);
const byKey = (f: SetupFacts, key: string) => setupChecklist(f, NOW).items.find((i) => i.key === key)!;

describe('first-run checklist', () => {
  it('a body with everything in place is ready, every item done', () => {
    const c = setupChecklist(ready(), NOW);
    expect(c.ready).toBe(true);
    expect(c.missing).toEqual([]);
    expect(c.items.map((i) => [i.key, i.status])).toEqual([
      ['kop', 'done'], ['timeZone', 'done'], ['units', 'done'], ['officials', 'done'],
      ['roleMappings', 'done'], ['bindings', 'done'], ['signingKey', 'done'], ['publicUrl', 'done'],
    ]);
    expect(byKey(ready(), 'roleMappings').summary).toEqual({ sops: 2, roles: 3 });
    // The zone as WIB/WITA/WIT first, the IANA name beside it (the fixture's body is in WITA).
    expect(byKey(ready(), 'timeZone').summary).toEqual({ timeZone: 'WITA (Asia/Makassar)', zone: 'Asia/Makassar' });
  });

  it('an empty database: no kop, units, officials or mappings; everything named', () => {
    const f: SetupFacts = {
      ...ready(),
      kop: { stored: false, nama: 'Pemerintah Kota Samarinda', hasLogo: false },
      calendar: { configured: false, timeZone: 'Asia/Jakarta' },
      units: [],
      officials: [],
      users: [{ id: 1, name: 'Super Admin', isActive: true, roleIds: [1] }],
      adminRoles: [{ id: 1, name: 'Super Admin' }],
      mappings: [],
      publicUrl: null,
    };
    const c = setupChecklist(f, NOW);
    expect(c.ready).toBe(false);
    expect(c.missing.map((m) => [m.item, m.code, m.params])).toEqual([
      ['kop', 'kop.field', { field: 'pemerintah' }],
      ['kop', 'kop.field', { field: 'alamat' }],
      ['kop', 'kop.field', { field: 'tempat' }],
      ['units', 'units.none', {}],
      ['officials', 'officials.none', {}],
      ['roleMappings', 'roleMappings.unmapped', { sop: 'Publikasi Website', sopCode: 'pub', role: 'Staf' }],
      ['roleMappings', 'roleMappings.unmapped', { sop: 'Publikasi Website', sopCode: 'pub', role: 'Camat' }],
      ['roleMappings', 'roleMappings.unmapped', { sop: 'Penetapan DIP', sopCode: 'dip', role: 'Camat' }],
      ['publicUrl', 'publicUrl.required', {}],
    ]);
    expect(c.missing.find((m) => m.code === 'roleMappings.unmapped')!.href).toBe('/plugins/ppid/sops/pub');
    expect(byKey(f, 'timeZone')).toMatchObject({ status: 'warning', setting: 'PPID_CALENDAR', problems: [{ code: 'timeZone.default', params: { timeZone: 'WIB (Asia/Jakarta)', zone: 'Asia/Jakarta' } }] });
    expect(byKey(f, 'kop').problems.map((p) => p.code)).toContain('kop.logo');
  });

  it('PUBLIC_URL blocks only in production', () => {
    const dev = { ...ready(), production: false, publicUrl: '' };
    expect(byKey(dev, 'publicUrl')).toMatchObject({ status: 'warning', problems: [{ code: 'publicUrl.unset' }] });
    expect(setupChecklist(dev, NOW).ready).toBe(true);
    expect(codes({ ...ready(), publicUrl: 'localhost:1337' })).toEqual(['publicUrl.required']);
  });

  it('a mapped role whose admin role has no active user is missing, with the users page to fix it', () => {
    const f = ready();
    f.users[1].isActive = false;
    const c = setupChecklist(f, NOW);
    expect(c.missing.filter((m) => m.item === 'roleMappings').map((m) => [m.code, m.params.sop, m.params.role, m.href])).toEqual([
      ['roleMappings.noUser', 'Publikasi Website', 'Camat', '/settings/users'],
      ['roleMappings.noUser', 'Penetapan DIP', 'Camat', '/settings/users'],
    ]);
  });

  it('per unit: a unit named in the SOP\'s mappings needs every role; a parent unit\'s mapping covers a sub-unit', () => {
    const f = ready();
    f.mappings.push({ sopCode: 'pub', sopRole: 'staf', adminRoleId: 100, unitId: 3 });
    // The camat of Palaran (unit 2) covers Rawa Makmur (unit 3, under 2).
    expect(codes(f)).toEqual([]);
    f.units[2].parentId = 1;
    expect(setupChecklist(f, NOW).missing.map((m) => [m.code, m.params.role, m.params.unit])).toEqual([['roleMappings.unitUncovered', 'Camat', 'Kelurahan Rawa Makmur']]);
  });

  it('an unbound SOP is not asked for; an SOP bound but unknown, or a type without binding or default, is missing', () => {
    const f = ready();
    expect(codes(f)).not.toContain('roleMappings.unmapped'); // 'unused' has no binding
    f.bindings = [{ contentType: ITEM, sopCode: 'pub', isDefault: false }, { contentType: ITEM, sopCode: 'gone', isDefault: false }];
    expect(setupChecklist(f, NOW).missing.map((m) => [m.code, m.params])).toEqual([
      ['bindings.unknownSop', { type: 'Informasi Publik', sopCode: 'gone' }],
      ['bindings.noDefault', { type: 'Informasi Publik' }],
      ['bindings.unbound', { type: 'Edisi DIP' }],
    ]);
  });

  it('officials: an invalid NIP, and an acting admin user with no official row, are missing', () => {
    const f = ready();
    f.officials[0].nip = '123456789012345678';
    f.officials.pop();
    expect(setupChecklist(f, NOW).missing.map((m) => [m.code, m.params])).toEqual([
      ['officials.invalidNip', { nama: 'Staf', nip: '123456789012345678' }],
      ['officials.userWithoutOfficial', { user: 'Camat Palaran', role: 'Camat' }],
    ]);
    // The super admin maps to no SOP role: not asked for an official row.
    expect(codes(f).filter((c) => c === 'officials.userWithoutOfficial')).toHaveLength(1);
  });

  it('no signing key is missing and carries the reason', () => {
    const f = { ...ready(), signingKey: { present: false, keyId: null, source: null, error: 'no signing key' } };
    expect(byKey(f, 'signingKey')).toMatchObject({ status: 'missing', setting: 'PPID_SIGNING_KEY', problems: [{ code: 'signingKey.absent', params: { error: 'no signing key' } }] });
  });

  it('kop: complete from the configuration only is a warning, a missing field blocks', () => {
    const f = ready();
    f.kop.stored = false;
    expect(byKey(f, 'kop')).toMatchObject({ status: 'warning', problems: [{ code: 'kop.fromConfig' }] });
    f.kop.alamat = '  ';
    expect(codes(f)).toEqual(['kop.field']);
  });
});
