#!/usr/bin/env node
// The npm registry reachable here lacks some platform builds of optional native packages
// (e.g. @swc/core-darwin-arm64, @rollup/rollup-win32-*). `npm install` then leaves them out of
// package-lock.json, and `npm ci` refuses the lock as "out of sync". This adds lock entries for
// the missing ones, marked optional and restricted to their os/cpu, so npm ci skips them on
// this platform exactly as it would with a complete lock. Run after any `npm install`.
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'openharmony', 'sunos', 'aix', 'netbsd'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return null;
  const libc = parts.some((p) => p.startsWith('musl')) ? ['musl'] : os === 'linux' && parts.some((p) => p.startsWith('gnu')) ? ['glibc'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [key, entry] of Object.entries(pkgs)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies || {})) {
    const at = `${key ? key + '/' : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (pkgs[at] || pkgs[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    pkgs[hoisted] = { version: spec.replace(/^[\^~=]/, ''), optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`[lock] added ${added} platform-specific optional entries`);
