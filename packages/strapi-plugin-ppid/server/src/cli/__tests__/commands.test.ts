import path from 'path';
import TABLE from '../commands.json';
import { GROUPS } from '../index';

// The plain command table (read by scripts/ppid.js without Strapi) and the handlers agree, and
// scripts/ppid.js resolves argv against it the way the handlers expect.
const ppid = require(path.resolve(__dirname, '../../../../../../scripts/ppid.js'));

describe('CLI command table', () => {
  it('every command in commands.json has a handler, and every handler a usage line', () => {
    expect(Object.keys(GROUPS)).toEqual(Object.keys(TABLE));
    for (const [name, g] of Object.entries<any>(TABLE)) {
      expect(Object.keys(GROUPS[name].commands)).toEqual(Object.keys(g.commands));
      for (const [c, usage] of Object.entries(g.commands)) {
        expect(GROUPS[name].commands[c].usage).toBe(usage);
        expect(typeof GROUPS[name].commands[c].run).toBe('function');
      }
      if (g.default) expect(g.commands[g.default]).toBeDefined();
    }
  });

  it('scripts/ppid.js resolves commands, defaults, flags and help from the same table', () => {
    expect(ppid.resolve(['sop', 'export', 'kode@2', '--format', 'json', '--out=x.json'])).toEqual({
      command: { group: 'sop', command: 'export', args: { _: ['kode@2'], flags: { format: 'json', out: 'x.json' } } },
    });
    expect(ppid.resolve(['verify', '--json'])).toEqual({ command: { group: 'verify', command: 'all', args: { _: [], flags: { json: true } } } });
    expect(ppid.resolve(['dip', 'export', '--out', 'dip.csv']).command).toMatchObject({ group: 'dip', command: 'export', args: { flags: { out: 'dip.csv' } } });
    for (const argv of [[], ['--help'], ['help'], ['-h']]) expect(ppid.resolve(argv)).toMatchObject({ code: 0 });
    expect(ppid.resolve(['help', 'keys']).text).toBe(ppid.usage('keys'));
    expect(ppid.resolve(['keys', 'list', '--help'])).toEqual({ code: 0, text: ppid.usage('keys') });
    expect(ppid.resolve(['nope'])).toMatchObject({ code: 2, text: expect.stringMatching(/^unknown group "nope"/) });
    expect(ppid.resolve(['keys', 'nope'])).toMatchObject({ code: 2, text: expect.stringMatching(/^unknown command "keys nope"/) });
    expect(ppid.resolve(['keys'])).toMatchObject({ code: 2 });
  });
});
