import { defaultBinding, planBindingChange, type BindingRow } from '..';

const T = 'api::information-item.information-item';
const rows: BindingRow[] = [
  { id: 1, contentType: T, sopCode: 'a', isDefault: true },
  { id: 2, contentType: T, sopCode: 'b', isDefault: false },
];
const none = () => 0;
const openOn = (sop: string) => (_t: string, s: string) => (s === sop ? 1 : 0);

describe('SOP bindings', () => {
  it('a new default demotes the old one first; the first binding of a type is its default', () => {
    expect(planBindingChange(rows, none, { kind: 'create', contentType: T, sopCode: 'c', isDefault: true })).toEqual({
      ok: true,
      writes: [{ op: 'update', id: 1, data: { isDefault: false } }, { op: 'create', data: { contentType: T, sopCode: 'c', isDefault: true } }],
    });
    expect(planBindingChange(rows, none, { kind: 'create', contentType: 'api::x.x', sopCode: 'c', isDefault: false })).toMatchObject({
      ok: true,
      writes: [{ op: 'create', data: { isDefault: true } }],
    });
    expect(planBindingChange(rows, none, { kind: 'update', id: 2, isDefault: true })).toEqual({
      ok: true,
      writes: [{ op: 'update', id: 1, data: { isDefault: false } }, { op: 'update', id: 2, data: { sopCode: 'b', isDefault: true } }],
    });
  });

  it('refuses a duplicate, unsetting or deleting the default while others remain, and unknown ids', () => {
    expect(planBindingChange(rows, none, { kind: 'create', contentType: T, sopCode: 'b', isDefault: false })).toMatchObject({ ok: false, code: 'conflict', reason: 'duplicate', field: 'sopCode' });
    expect(planBindingChange(rows, none, { kind: 'update', id: 2, sopCode: 'a' })).toMatchObject({ ok: false, code: 'conflict', reason: 'duplicate' });
    expect(planBindingChange(rows, none, { kind: 'update', id: 1, isDefault: false })).toMatchObject({ ok: false, code: 'conflict', reason: 'default_required' });
    expect(planBindingChange(rows, none, { kind: 'delete', id: 1 })).toMatchObject({ ok: false, code: 'conflict', reason: 'default_required' });
    expect(planBindingChange(rows, none, { kind: 'delete', id: 9 })).toMatchObject({ ok: false, code: 'not_found' });
    expect(planBindingChange([rows[0]], none, { kind: 'delete', id: 1 })).toEqual({ ok: true, writes: [{ op: 'delete', id: 1 }] });
  });

  it('refuses what would strand open runs; changing only the default strands nothing', () => {
    expect(planBindingChange(rows, openOn('b'), { kind: 'delete', id: 2 })).toMatchObject({ ok: false, code: 'conflict', reason: 'open_runs' });
    expect(planBindingChange(rows, openOn('b'), { kind: 'update', id: 2, sopCode: 'c' })).toMatchObject({ ok: false, code: 'conflict', reason: 'open_runs', field: 'sopCode' });
    expect(planBindingChange(rows, openOn('b'), { kind: 'update', id: 2, isDefault: true })).toMatchObject({ ok: true });
    expect(planBindingChange(rows, openOn('a'), { kind: 'delete', id: 2 })).toMatchObject({ ok: true });
  });

  it('of several defaults (older data) the newest wins; without one, the first binding', () => {
    expect(defaultBinding([{ id: 1, isDefault: true }, { id: 5, isDefault: true }, { id: 3, isDefault: false }])?.id).toBe(5);
    expect(defaultBinding([{ id: 1, isDefault: false }, { id: 2, isDefault: false }])?.id).toBe(1);
  });
});
