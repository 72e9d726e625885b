// Starts bench/server.js as a child process (its own Strapi, 127.0.0.1 only) and talks to it
// over IPC. Shared by the benchmarks and the crash/second-instance hardening tests.
const path = require('path');
const crypto = require('crypto');
const { fork } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const secret = () => crypto.randomBytes(16).toString('base64');

/** Fresh secrets and quiet defaults for a bench/test server. */
function baseEnv() {
  return {
    NODE_ENV: 'test',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'error',
    STARTUP_MESSAGE: 'false',
    PPID_DEMO_SEED: 'false',
    PPID_DEV_KEYS: 'true',
    PPID_REMINDERS: 'false',
    HOST: '127.0.0.1',
  };
}

/**
 * @param {Record<string,string>} env  database and app settings (merged over process.env)
 * @param {{ timeoutMs?: number }} [opts]
 */
function startServer(env, opts = {}) {
  const child = fork(path.join(ROOT, 'bench', 'server.js'), [], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: env.PORT || '0' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.stdout.on('data', () => {});
  const pending = new Map();
  let seq = 0;
  child.on('message', (m) => {
    if (m && m.type === 'result' && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) reject(new Error(m.error));
      else resolve(m.result);
    }
  });
  child.on('exit', () => {
    for (const { reject } of pending.values()) reject(new Error(`server exited: ${stderr}`));
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time: ${stderr}`));
    }, opts.timeoutMs || 180000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before ready: ${stderr}`));
    });
    child.on('message', (m) => {
      if (!m || m.type !== 'ready') return;
      clearTimeout(timer);
      const server = {
        pid: child.pid,
        port: m.port,
        url: `http://127.0.0.1:${m.port}`,
        bootMs: m.bootMs,
        /** Runs require(module)[fn](strapi, ...args) inside the server. */
        call(module, fn, ...args) {
          const id = ++seq;
          return new Promise((res, rej) => {
            pending.set(id, { resolve: res, reject: rej });
            child.send({ type: 'call', id, module, fn, args });
          });
        },
        /** Graceful stop. */
        stop() {
          if (child.exitCode !== null) return Promise.resolve();
          return new Promise((res) => {
            const t = setTimeout(() => child.kill('SIGKILL'), 15000);
            child.once('exit', () => {
              clearTimeout(t);
              res();
            });
            child.kill('SIGTERM');
          });
        },
        /** kill -9: no cleanup, no destroy. */
        kill9() {
          if (child.exitCode !== null) return Promise.resolve();
          return new Promise((res) => {
            child.once('exit', () => res());
            child.kill('SIGKILL');
          });
        },
      };
      resolve(server);
    });
  });
}

module.exports = { startServer, baseEnv, ROOT };
