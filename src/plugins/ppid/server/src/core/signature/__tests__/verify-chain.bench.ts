/**
 * Timing check for verifyChains (not a test: no assertions, run by hand).
 *   npx esbuild --bundle --platform=node --outfile=/tmp/bench.js \
 *     src/plugins/ppid/server/src/core/signature/__tests__/verify-chain.bench.ts && node /tmp/bench.js [n]
 */
import { createKeyRing, generateKeyPair } from '../keys';
import { verifyChains } from '../verify-chain';
import { buildChain } from './fixtures';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const ring = createKeyRing(generateKeyPair().privateKey);
  let t = Date.now();
  const records = buildChain(n, () => ring.active, 500);
  console.log(`sealed ${n} records in ${Date.now() - t} ms`);
  for (const concurrency of [0, 64]) {
    t = Date.now();
    const report = await verifyChains(records, ring, { concurrency });
    console.log(`verified ${report.checked} (ok=${report.ok}) concurrency=${concurrency} in ${Date.now() - t} ms`);
  }
}

void main();
