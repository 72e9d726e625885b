#!/usr/bin/env node
// Administrator command line of the reference app: `npm run ppid -- <group> <command> [args]`.
// The same command line a host app runs as `npx strapi-plugin-ppid <group> <command>` (the
// package's bin/cli.js): help and bad usage are answered from the plain command table without
// compiling or booting Strapi; a real command compiles this app when needed, then boots it.
// Exit codes: 0 success (and help), 1 the command failed, 2 bad usage.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pluginDir = path.dirname(require.resolve('strapi-plugin-ppid/package.json', { paths: [root] }));
const cli = require(path.join(pluginDir, 'bin', 'cli.js'));
const PROGRAM = 'npm run ppid --';

const resolve = (argv) => cli.resolve(argv, PROGRAM);
module.exports = { parseArgs: cli.parseArgs, usage: (only) => cli.usage(only, PROGRAM), resolve, TABLE: cli.TABLE };

if (require.main === module) {
  const r = resolve(process.argv.slice(2));
  if (!r.command) {
    (r.code === 0 ? process.stdout : process.stderr).write(r.text + '\n');
    process.exit(r.code);
  }

  process.chdir(root);
  require(path.join(root, 'scripts', 'ensure-env.js'))();

  // Compile the server code (the plugin package and the app) when it is missing.
  const { spawnSync } = require('child_process');
  if (!fs.existsSync(path.join(root, 'dist', 'config')) || !fs.existsSync(path.join(pluginDir, 'dist/server'))) {
    const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-server.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  require('dotenv').config({ path: path.join(root, '.env') });
  cli.runInApp(root, r.command).then((code) => process.exit(code));
}
