#!/usr/bin/env node
// `npm run dev`: Strapi in development, asking explicitly for what only development may have:
// the demo body (PPID_DEMO_SEED=true: accounts whose password the README prints) and a signing
// key created on first start (PPID_DEV_KEYS=true). `npm start` / `strapi start` never set them.
// A value set in the environment or in .env wins (e.g. PPID_DEMO_SEED=false in .env).
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..');

/** The environment `npm run dev` starts Strapi with: the two flags, unless already chosen. */
function devEnv(base, dotenv) {
  const setInDotenv = (name) => new RegExp(`^\\s*${name}\\s*=`, 'm').test(dotenv);
  const env = { ...base };
  for (const [name, value] of [['PPID_DEMO_SEED', 'true'], ['PPID_DEV_KEYS', 'true']]) {
    if (env[name] === undefined && !setInDotenv(name)) env[name] = value;
  }
  return env;
}
function main() {
  const dotenv = (() => {
    try {
      return fs.readFileSync(path.join(root, '.env'), 'utf8');
    } catch {
      return '';
    }
  })();
  const env = devEnv(process.env, dotenv);
  const bin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [root] })), 'bin', 'strapi.js');
  const child = spawn(process.execPath, [bin, 'develop', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 0)));
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
}

module.exports = { devEnv };
if (require.main === module) main();
