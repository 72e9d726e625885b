#!/usr/bin/env node
// Compiles the server code: the ppid plugin (its own tsconfig, into src/plugins/ppid/dist)
// and the app (Strapi's compileStrapi, into dist/). The admin panel is built separately.
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'src/plugins/ppid'], {
  cwd: root,
  stdio: 'inherit',
});
require('@strapi/strapi')
  .compileStrapi({ appDir: root })
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
