// The benchmark harness checks itself: statistics over alternating rounds, a load that stops at
// its first invalid answer, reports that give aborted cases no numbers, and README's figures
// equal to what the committed bench/results/latest.json says.
import http from 'http';
import type { AddressInfo } from 'net';

const { BenchAbort, median, ratio, roundOrder, alternate, spread, percentile } = require('../lib/measure');
const { load } = require('../lib/load');
const { markdown, readmeBlock } = require('../lib/render');
const { expected } = require('../readme');

describe('statistics over rounds', () => {
  it('median, spread and percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(spread([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: [5, 1, 3] });
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 99)).toBe(40);
  });

  it('a ratio is the ratio of the medians, with the range of the per-round ratios', () => {
    const r = ratio([100, 60, 110], [100, 100, 100]);
    expect(r.ratio).toBeCloseTo(1.0);
    expect(r.min).toBeCloseTo(0.6);
    expect(r.max).toBeCloseTo(1.1);
  });

  it('alternates the arms and rotates who goes first', async () => {
    expect(roundOrder(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    const seen: string[] = [];
    const out = await alternate({ a: async (r: number) => (seen.push(`a${r}`), r), b: async (r: number) => (seen.push(`b${r}`), 10 + r) }, 3);
    expect(seen).toEqual(['a0', 'b0', 'b1', 'a1', 'a2', 'b2']);
    expect(out).toEqual({ a: [0, 1, 2], b: [10, 11, 12] });
  });
});

describe('a measured load', () => {
  let server: http.Server;
  let url: string;
  let served = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      served++;
      if (req.url === '/bad' && served > 5) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'Invalid key id' } }));
      }
      if (req.url === '/cond') {
        res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 200, { etag: '"v1"' });
        return res.end(req.headers['if-none-match'] === '"v1"' ? undefined : 'full');
      }
      res.writeHead(200);
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('stops at the first non-2xx answer and names it (status, URL, body)', async () => {
    const t = Date.now();
    const e = await load({ url, paths: ['/ok', '/bad'], duration: 5, connections: 2 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BenchAbort);
    expect(e.toJSON()).toMatchObject({ status: 400, url: '/bad', body: expect.stringContaining('Invalid key id') });
    expect(Date.now() - t).toBeLessThan(4000); // stopped, not run to the end
  });

  it('counts a 304 as valid only where 304 is the expected answer', async () => {
    const ok = await load({ url, paths: ['/cond'], duration: 1, connections: 1, expected: [304], headersFor: () => ({ 'if-none-match': '"v1"' }) });
    expect(ok.total).toBeGreaterThan(0);
    const e = await load({ url, paths: ['/cond'], duration: 1, connections: 1, expected: [304] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BenchAbort);
    expect(e.toJSON().status).toBe(200);
  });
});

describe('reports', () => {
  const base = {
    schema: 2,
    date: '2026-12-01T00:00:00.000Z',
    quick: false,
    machine: { node: 'v20', platform: 'linux x64', cpu: 'CPU', cores: 2, memGb: 8, loadAvg: [0, 0, 0] },
    config: { rounds: 3, dipEntries: 10000 },
    notes: [],
  };
  const s = (m: number) => ({ median: m, min: m - 1, max: m + 1, runs: [m - 1, m, m + 1] });
  const arm = (m: number) => ({ rps: s(m), p50: s(10), p99: s(20) });

  it('an aborted case carries its reason and no numbers; a valid one its ratios', () => {
    const r = {
      ...base,
      reads: {
        db: 'sqlite', rows: 10000, connections: 10, durationS: 5, rounds: 3,
        cases: [
          { case: 'list filtered by unit', aborted: { reason: 'GET /api/x answered 400 during the measured run', status: 400, url: '/api/x' } },
          { case: 'find-one', arms: { governed: arm(500), indexed: arm(510), plain: arm(400) }, guardOverhead: { ratio: 0.98, min: 0.9, max: 1.02 }, speedUp: { ratio: 1.25, min: 1.1, max: 1.3 } },
        ],
      },
    };
    for (const text of [markdown(r), readmeBlock(r)]) {
      const line = text.split('\n').find((l: string) => l.includes('list filtered by unit'))!;
      expect(line).toContain('aborted');
      expect(line.replace(/HTTP 400|answered 400|\/api\/x/g, '')).not.toMatch(/\d/);
      expect(text).toContain('×0.98 (0.90–1.02)');
      expect(text).toContain('×1.25 (1.10–1.30)');
    }
  });
});

describe('README', () => {
  it('shows the figures of the committed bench/results/latest.json (node bench/readme.js)', () => {
    const { readme, next } = expected();
    expect(readme).toBe(next);
  });
});
