#!/usr/bin/env node
// Compiles the server code: the ppid plugin package (packages/strapi-plugin-ppid, built with
// @strapi/sdk-plugin like any published plugin, into its dist/) and the app (Strapi's
// compileStrapi, into dist/). The admin panel is built separately (`strapi build`).
// The plugin is rebuilt only when a source file is newer than its build: a host app installs it
// already built, and a module plugin that was never built would be skipped by Strapi.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const pkg = path.join(root, 'packages', 'strapi-plugin-ppid');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '__tests__') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const built = ['dist/server/index.js', 'dist/admin/index.mjs'].map((f) => path.join(pkg, f));
const stale =
  process.env.PPID_FORCE_PLUGIN_BUILD === '1' ||
  built.some((f) => !fs.existsSync(f)) ||
  Math.max(newest(path.join(pkg, 'server')), newest(path.join(pkg, 'admin')), fs.statSync(path.join(pkg, 'package.json')).mtimeMs) >
    Math.min(...built.map((f) => fs.statSync(f).mtimeMs));
if (stale) {
  execFileSync(process.execPath, [path.join(path.dirname(require.resolve('@strapi/sdk-plugin/package.json')), 'bin', 'strapi-plugin.js'), 'build'], {
    cwd: pkg,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
// compileStrapi is incremental and never deletes: an API whose source folder is gone (e.g. the
// benchmark fixture `plain-item`, now registered by bench/lib/plain-item.js) must not linger in dist.
const distApi = path.join(root, 'dist', 'src', 'api');
if (fs.existsSync(distApi)) {
  for (const name of fs.readdirSync(distApi)) {
    if (!fs.existsSync(path.join(root, 'src', 'api', name))) fs.rmSync(path.join(distApi, name), { recursive: true, force: true });
  }
}
require('@strapi/strapi')
  .compileStrapi({ appDir: root })
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
