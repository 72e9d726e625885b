#!/usr/bin/env node
// Administrator command line: boots the compiled app (quietly), runs one ppid command, exits
// with its code. `npm run ppid -- help` lists the commands.
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
process.chdir(root);
require(path.join(root, 'scripts', 'ensure-env.js'))();

// Compile the server code when it is missing or older than the sources.
const fs = require('fs');
if (!fs.existsSync(path.join(root, 'dist', 'config')) || !fs.existsSync(path.join(root, 'packages/strapi-plugin-ppid/dist/server'))) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-server.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
process.env.STARTUP_MESSAGE = 'false';
require('dotenv').config({ path: path.join(root, '.env') });

(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const app = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  let code = 1;
  try {
    code = await app.plugin('ppid').service('cli').run(process.argv.slice(2), {
      out: (l) => process.stdout.write(l + '\n'),
      err: (l) => process.stderr.write(l + '\n'),
    });
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    code = 1;
  } finally {
    await app.destroy();
  }
  process.exit(code);
})();
