// Debian's nginx (nginx-light) in front of several app instances, started as this process's
// own child with a generated configuration on a free loopback port. Shared by
// tests/integration/instances.test.ts and bench/instances.js; docs/deployment.md shows the same
// configuration for a real host.
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');

const NGINX = process.env.NGINX_BIN || '/usr/sbin/nginx';

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * The configuration: one upstream of the instances, HTTP/1.1 keep-alive to them, the client's
 * address and scheme passed on, and no retry of a request an instance may have acted on (nginx
 * never retries a POST unless told to with `non_idempotent`: an act is sent once). The
 * `X-Upstream` header names the instance that answered (tests count the spread; drop it in
 * production).
 */
function nginxConfig({ port, upstreams, dir, workers = 1 }) {
  const t = (name) => path.join(dir, name);
  return `worker_processes ${workers};
daemon off;
pid ${t('nginx.pid')};
error_log ${t('error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  client_max_body_size 50m;
  upstream ppid {
${upstreams.map((u) => `    server ${u} max_fails=0;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://ppid;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`nginx did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts nginx in front of `upstreams` ("127.0.0.1:PORT" each). Returns { url, port, stop() }.
 * Throws when nginx is not installed (apt-get install nginx-light; .ci/run installs it).
 */
async function startNginx(upstreams, opts = {}) {
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} not found: apt-get install -y nginx-light`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-nginx-'));
  // Run as root, nginx's workers drop to `nobody`: they must be able to write the temp paths.
  fs.chmodSync(dir, 0o777);
  const port = opts.port || (await freePort());
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig({ port, upstreams, dir, workers: opts.workers || 1 }));
  const child = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await Promise.race([
      waitForPort(port, 10000),
      exited.then((code) => {
        throw new Error(`nginx exited (${code}): ${stderr}${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
      }),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    config: fs.readFileSync(conf, 'utf8'),
    errorLog: () => (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT'); // graceful: finish the requests under way
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startNginx, nginxConfig, freePort };
