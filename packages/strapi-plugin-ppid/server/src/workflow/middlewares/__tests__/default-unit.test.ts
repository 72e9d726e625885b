import { unitIsEmpty } from '../default-unit';

describe('unitIsEmpty: when a new item gets its drafting official’s unit', () => {
  it('absent, null and the Content Manager’s empty relation payload name no unit', () => {
    expect(unitIsEmpty(undefined)).toBe(true);
    expect(unitIsEmpty(null)).toBe(true);
    expect(unitIsEmpty({ connect: [], disconnect: [] })).toBe(true);
    expect(unitIsEmpty({ set: [] })).toBe(true);
  });
  it('a picked unit is kept, whatever its form', () => {
    expect(unitIsEmpty(5)).toBe(false);
    expect(unitIsEmpty('abc123')).toBe(false);
    expect(unitIsEmpty({ connect: [{ documentId: 'abc' }] })).toBe(false);
    expect(unitIsEmpty({ set: [{ id: 3 }] })).toBe(false);
    expect(unitIsEmpty({ documentId: 'abc' })).toBe(false);
  });
});
