import { writingRoles } from '..';
import { loadSeed } from './fixtures';

describe('writingRoles: the SOP roles that fill content', () => {
  it('seed 000: only the JFU (staf) drafts; the Kasi, Sekretaris and Camat examine and sign', () => {
    expect([...writingRoles(loadSeed('palaran'))]).toEqual(['staf']);
  });
  it('seed 002: the petugas collects, the PPID Pelaksana drafts, the PPID classifies (editable); the Atasan PPID only establishes', () => {
    expect([...writingRoles(loadSeed('kutim'))].sort()).toEqual(['petugas-informasi', 'ppid', 'ppid-pelaksana']);
  });
});
