// HTTP for the benchmark: one request (with status, headers and body), and a bounded autocannon
// load that stops at its first invalid answer (any status outside `expected`, any socket error or
// timeout) and throws BenchAbort naming it, so no invalid run is ever summarised.
const http = require('http');
const autocannon = require('autocannon');
const { BenchAbort } = require('./measure');

// No keep-alive for the single requests: a socket the server closes after its keep-alive timeout,
// reused at that moment, fails with ECONNRESET (between rounds, idle for seconds).
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function request(base, method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : null;
    const req = http.request(
      base + urlPath,
      { method, agent, headers: { 'content-type': 'application/json', ...(data ? { 'content-length': Buffer.byteLength(data) } : {}), ...headers }, timeout: 120000 },
      (res) => {
        let buf = '';
        res.on('data', (d) => (buf += d));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(buf);
          } catch {}
          resolve({ status: res.statusCode, headers: res.headers, body: json, text: buf });
        });
      }
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    req.on('error', (e) => reject(new BenchAbort(`${method} ${urlPath}: ${e.message}`, { method, url: urlPath })));
    if (data) req.write(data);
    req.end();
  });
}

/**
 * `connections` clients for `duration` seconds over `paths` (round robin), optional per-path
 * headers. Resolves { rps, p50, p99, total }; rejects with BenchAbort at the first answer whose
 * status is not in `expected` (default [200]) or the first transport error.
 * @param {{ url: string, paths: string[], duration: number, connections: number, expected?: number[], headersFor?: (path: string) => Record<string,string> }} o
 */
function load(o) {
  const expected = o.expected || [200];
  let i = 0;
  let bad = null;
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.duration,
        timeout: 30,
        requests: [
          {
            setupRequest: (req, context) => {
              const p = o.paths[i++ % o.paths.length];
              context.path = p;
              return { ...req, path: p, headers: { ...(req.headers || {}), ...(o.headersFor ? o.headersFor(p) : {}) } };
            },
            onResponse: (status, body, context) => {
              if (!bad && !expected.includes(status)) {
                bad = new BenchAbort(`GET ${context.path} answered ${status} during the measured run (expected ${expected.join(' or ')})`, { method: 'GET', url: context.path, status, body });
                inst.stop();
              }
            },
          },
        ],
      },
      (err, r) => {
        if (bad) return reject(bad);
        if (err) return reject(err);
        // Belt and braces: autocannon's own counters must agree that every answer was valid.
        const unexpected = expected.every((s) => s >= 200 && s < 300) ? r.non2xx : 0;
        if (r.errors || r.timeouts || unexpected) {
          return reject(new BenchAbort(`load on ${o.paths[0]}…: ${r.errors} errors, ${r.timeouts} timeouts, ${unexpected} non-2xx answers`, { url: o.paths[0] }));
        }
        if (!r.requests.total) return reject(new BenchAbort(`load on ${o.paths[0]}…: no answer in ${o.duration} s`, { url: o.paths[0] }));
        resolve({ rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total });
      }
    );
    inst.on('reqError', (e) => {
      if (!bad) {
        bad = new BenchAbort(`request error during the measured run: ${e && e.message}`, {});
        inst.stop();
      }
    });
  });
}

/** A short unmeasured load of the same paths (JIT, caches, connection pools), validated too. */
function warm(o) {
  return load({ ...o, duration: 1, connections: Math.min(2, o.connections) });
}

module.exports = { request, load, warm };
