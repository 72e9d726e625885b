// Pure helpers of the benchmark: statistics over repeated rounds, and the abort that stops a case
// at its first invalid answer. No Strapi, no I/O (unit-tested in bench/__tests__).

/** A case stops here: its numbers are discarded and the report says why. */
class BenchAbort extends Error {
  /**
   * @param {string} reason  what was wrong, in words
   * @param {{ status?: number, url?: string, body?: unknown, method?: string }} [answer]  the first bad answer
   */
  constructor(reason, answer = {}) {
    super(reason);
    this.name = 'BenchAbort';
    this.answer = {
      ...(answer.method ? { method: answer.method } : {}),
      ...(answer.url ? { url: answer.url } : {}),
      ...(answer.status !== undefined ? { status: answer.status } : {}),
      ...(answer.body !== undefined ? { body: excerpt(answer.body) } : {}),
    };
  }

  /** What the report keeps: the reason and the first bad answer, never numbers. */
  toJSON() {
    return { reason: this.message, ...this.answer };
  }
}

/** At most `n` characters of a body (string or JSON), on one line. */
function excerpt(body, n = 300) {
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  if (s === undefined) return '';
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n)}…` : one;
}

/** Throws BenchAbort unless `status` is one of `expected` (default: any 2xx). */
function expectStatus(res, { url, method = 'GET', expected } = {}) {
  const ok = expected ? expected.includes(res.status) : res.status >= 200 && res.status < 300;
  if (!ok) {
    throw new BenchAbort(`${method} ${url} answered ${res.status}${expected ? ` (expected ${expected.join(' or ')})` : ''}`, {
      method,
      url,
      status: res.status,
      body: res.body ?? res.text,
    });
  }
  return res;
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);

/** Median (mean of the two middle values for an even count); null for no values. */
function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return null;
  const s = sorted(v);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
function percentile(xs, p) {
  if (!xs.length) return null;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** { median, min, max, runs } over the values of repeated rounds. */
function spread(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return { median: median(v), min: v.length ? Math.min(...v) : null, max: v.length ? Math.max(...v) : null, runs: v };
}

/**
 * Ratio a ÷ b of two arms measured in the same rounds: the ratio of the medians, and the range of
 * the per-round ratios (round i of a against round i of b, run next to each other in time).
 */
function ratio(aRuns, bRuns) {
  const per = aRuns.map((a, i) => (b => (b ? a / b : null))(bRuns[i])).filter((x) => x !== null && Number.isFinite(x));
  const ma = median(aRuns);
  const mb = median(bRuns);
  return { ratio: ma !== null && mb ? ma / mb : null, min: per.length ? Math.min(...per) : null, max: per.length ? Math.max(...per) : null, perRound: per };
}

/**
 * The order of the arms in round `r`: rotated each round, so no arm always runs first (warmest
 * caches) or last (hottest CPU).
 */
function roundOrder(arms, r) {
  const k = r % arms.length;
  return [...arms.slice(k), ...arms.slice(0, k)];
}

/**
 * Runs `rounds` rounds of every arm, alternating (roundOrder), and collects what each run
 * returns: { [arm]: [run0, run1, ...] } in round order. An arm's function gets the round index.
 * A throw (BenchAbort) stops everything: no partial rounds reach the caller.
 * @param {Record<string, (round: number) => Promise<any>>} arms
 */
async function alternate(arms, rounds) {
  const names = Object.keys(arms);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of roundOrder(names, r)) out[name][r] = await arms[name](r);
  }
  return out;
}

/** Latency and rate of one batch of timed operations. */
function summarizeBatch(latencies, wallMs) {
  return {
    n: latencies.length,
    perSecond: wallMs > 0 ? latencies.length / (wallMs / 1000) : null,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    wallMs,
  };
}

/** Median/min/max of each named field over rounds: { field: spread } for fields in `fields`. */
function spreadOf(runs, fields) {
  return Object.fromEntries(fields.map((f) => [f, spread(runs.map((r) => r && r[f]))]));
}

module.exports = { BenchAbort, excerpt, expectStatus, median, percentile, spread, ratio, roundOrder, alternate, summarizeBatch, spreadOf };
