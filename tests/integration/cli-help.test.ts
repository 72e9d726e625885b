import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';

// The administrator command line answers help and bad usage from its plain command table
// (packages/strapi-plugin-ppid/server/src/cli/commands.json) without booting Strapi: no database
// is opened (the SQLite file named in the environment is never created) and nothing is compiled
// (a node_modules path that would make a boot or a build fail is given, and the answer still comes).
const ROOT = path.resolve(__dirname, '..', '..');
const TABLE = require('../../packages/strapi-plugin-ppid/server/src/cli/commands.json');

const dbFile = path.join(ROOT, '.tmp', `cli-help-${process.pid}.db`);
const env = {
  ...process.env,
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: path.relative(ROOT, dbFile),
  // Strapi would log its startup at info level: any boot would show on stdout/stderr.
  LOG_LEVEL: 'info',
};
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/ppid.js'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60000 });

afterEach(() => fs.rmSync(dbFile, { force: true }));

const everyUsageLine = (text: string) => {
  for (const [group, g] of Object.entries<any>(TABLE)) {
    expect(text).toContain(`${group}: ${g.description}`);
    for (const usage of Object.values<string>(g.commands)) expect(text).toContain(usage);
  }
};

describe('npm run ppid -- help and bad usage (no Strapi boot)', () => {
  it.each(['--help', 'help', '-h', '(no arguments)'])('%s prints every group and command and exits 0', (arg) => {
    const r = cli(...(arg.startsWith('(') ? [] : [arg]));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run ppid -- <group> <command>/);
    everyUsageLine(r.stdout);
    expect(r.stderr).toBe('');
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('a group with --help prints that group only', () => {
    const r = cli('dip', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('dip export [--edition DOCUMENT_ID]');
    expect(r.stdout).not.toContain('sop validate');
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('a bad group prints the groups on stderr and exits 2', () => {
    const r = cli('tidak-ada', 'list');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^unknown group "tidak-ada"/);
    everyUsageLine(r.stderr);
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('a bad command of a good group prints that group and exits 2', () => {
    const r = cli('sop', 'hapus', '--out', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unknown command "sop hapus"/);
    expect(r.stderr).toContain('sop validate FILE');
    expect(r.stderr).not.toContain('keys rotate');
    const none = cli('keys');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('keys: a command is needed');
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('the answer needs neither a build nor Strapi: with @strapi/strapi unloadable it still comes', () => {
    // A preload that makes requiring Strapi (or the compiler) throw: help must not touch them.
    const guard = path.join(ROOT, '.tmp', `no-strapi-${process.pid}.js`);
    fs.mkdirSync(path.dirname(guard), { recursive: true });
    fs.writeFileSync(
      guard,
      `const M = require('module'); const load = M._load;
       M._load = function (req, ...rest) { if (/^@strapi\\/(strapi|core|typescript-utils|sdk-plugin)/.test(req)) throw new Error('booted ' + req); return load.call(this, req, ...rest); };`,
    );
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--require', guard, path.join(ROOT, 'scripts/ppid.js'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60000 });
      expect(run('--help').status).toBe(0);
      expect(run('nope').status).toBe(2);
      // The guard works: a real command does reach Strapi, and fails on the guard.
      const real = run('keys', 'list');
      expect(real.status).not.toBe(0);
      expect(real.stderr).toMatch(/booted @strapi\/(strapi|core|typescript-utils|sdk-plugin)/);
    } finally {
      fs.rmSync(guard, { force: true });
    }
  });
});
