// Bytes a reader downloads from search/ for a first query typed letter by
// letter, in Chromium with an empty cache: every keystroke waits for its
// results before the next (a slow typist, the worst case for the
// debounce). Not a test: run it on a built site by hand.
//
//   node tests/browser/bench/search-bytes.mjs OUTPUT_DIR [query ...]
//
// Without queries it types the 50 common queries below. Prints each
// query's bytes (raw and gzip -9 of the same bodies) and the median, p90
// and max.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { serve, launchBrowser, searchTyper } from '../lib/harness.mjs';

const QUERIES = [
  'replication', 'backtracking', 'deadlock', 'cache', 'consistency', 'index', 'transaction',
  'partition', 'latency', 'throughput', 'consensus', 'leader election', 'binary search',
  'hash table', 'generators', 'decorators', 'asyncio', 'kubernetes', 'docker', 'container',
  'load balancer', 'tcp handshake', 'dns', 'tls', 'http', 'memory', 'virtual memory', 'mutex',
  'race condition', 'thread pool', 'gradient descent', 'overfitting', 'regularization',
  'embeddings', 'sql injection', 'password hashing', 'oauth', 'jwt', 'rate limiter',
  'pagination', 'webhooks', 'rebasing', 'merge conflicts', 'bloom filter', 'lru eviction',
  'event sourcing', 'message queue', 'tracing', 'O(n log n)', 'p99 latency',
];

const [dir, ...asked] = process.argv.slice(2);
if (!dir || !fs.existsSync(`${dir}/search/meta.json`)) {
  console.error('usage: node search-bytes.mjs OUTPUT_DIR [query ...] (a built site with search/)');
  process.exit(2);
}
const queries = asked.length ? asked : QUERIES;
const server = await serve(dir);
const browser = await launchBrowser();

async function measure(query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let inFlight = 0, raw = 0, gzip = 0, files = 0;
  page.on('request', (r) => { if (r.url().includes('/search/')) inFlight++; });
  page.on('requestfailed', (r) => { if (r.url().includes('/search/')) inFlight--; });
  page.on('requestfinished', async (r) => {
    if (!r.url().includes('/search/')) return;
    const body = await (await r.response()).body();
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
    files++;
    inFlight--;
  });
  await page.goto(`${server.origin}/`);
  const type = await searchTyper(page);
  for (const ch of query) {
    await type(ch);
    while (inFlight > 0) await page.waitForTimeout(20);
  }
  const shown = await page.locator('#syl-search-results [role=option]').count();
  await context.close();
  return { query, raw, gzip, files, shown };
}

const rows = [];
for (const q of queries) {
  const r = await measure(q);
  rows.push(r);
  console.log(`${q.padEnd(18)} ${String(r.raw).padStart(8)} B  gzip ${String(r.gzip).padStart(7)} B  ${r.files} files, ${r.shown} shown`);
}
const stat = (key) => {
  const v = rows.map((r) => r[key]).sort((a, b) => a - b);
  const at = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  return `median ${at(0.5)} B, p90 ${at(0.9)} B, max ${v[v.length - 1]} B`;
};
console.log(`raw:  ${stat('raw')}\ngzip: ${stat('gzip')}`);
await browser.close();
await server.close();
