// The first visit as a person on a phone gets it: bytes on the wire (what Chromium reports it
// received, headers included, for the page and, apart, for the service worker's precaching),
// and Lighthouse 12's mobile preset on the start page, the new-assessment page and an answering
// page, three runs each, medians. Used by bench/run.mjs (`make bench`); also runs alone against
// a built dist/ and server: `node bench/load.mjs` (prints the figures and saves them as JSON;
// BENCH_DIST names another build directory, BENCH_LIGHTHOUSE_RUNS=0 counts bytes only).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createAssessment } from '../tests/e2e/helpers.mjs';
import { launch, CHROMIUM_ARGS } from './browser.mjs';
import { startServer } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROME = process.env.CHROMIUM || '/usr/bin/chromium';
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x) => (x === undefined || Number.isNaN(x) ? '–' : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

/**
 * A cold first visit to `/` in a fresh context: every response the page received, with its
 * size on the wire (CDP `Network.loadingFinished` encodedDataLength: headers and compressed
 * body) and its Content-Encoding; then what the service worker fetched to precache (after the
 * page was interactive, in the background).
 */
export async function wireBytes(browser, base, { path: at = '/', withAssessment = false } = {}) {
  const context = await browser.newContext({ locale: 'sv-SE', baseURL: base });
  let target = at;
  if (withAssessment) {
    // An assessment in this browser's storage, and nothing cached: the answering page's first
    // visit on a new phone that was given its data (e.g. joined or imported) is this.
    const setup = await context.newPage();
    target = await createAssessment(setup);
    await dropCaches(context, setup);
    await setup.close();
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    requests.set(e.requestId, { url: e.response.url, encoding: h['content-encoding'] || 'none', status: e.response.status });
  });
  const page_ = [];
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) page_.push({ ...r, path: new URL(r.url).pathname, wire: e.encodedDataLength });
  });
  const worker = [];
  context.on('requestfinished', async (request) => {
    if (!request.serviceWorker()) return;
    const sizes = await request.sizes().catch(() => null);
    const response = await request.response().catch(() => null);
    if (sizes && response) {
      worker.push({ path: new URL(request.url()).pathname, wire: sizes.responseHeadersSize + sizes.responseBodySize,
        encoding: (await response.allHeaders())['content-encoding'] || 'none', fromCache: response.fromServiceWorker() });
    }
  });
  await page.goto(`${base}${target}`, { waitUntil: 'load' });
  // The app has replaced index.html's first paint, and the answering page has every group.
  await page.waitForFunction(() => !document.querySelector('[data-first-paint]') && !document.querySelector('[aria-busy="true"]'), null, { timeout: 30_000 });
  // The service worker precaches in the background; wait until it controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await page.waitForTimeout(500);
  await context.close();
  const sum = (list) => list.reduce((s, r) => s + r.wire, 0);
  return { path: at, page: page_, pageTotal: sum(page_), worker, workerTotal: sum(worker) };
}

/** The first visit's bytes on `/`, `/ny` and an answering page. */
export async function wireBytesPerPage(browser, base) {
  return [
    await wireBytes(browser, base),
    await wireBytes(browser, base, { path: '/ny' }),
    await wireBytes(browser, base, { path: '/vardering/:id', withAssessment: true }),
  ];
}

/** Leaves the browser of `page` its storage and nothing cached: no service worker, no Cache
 * Storage, no HTTP cache, so the next load of a page is a first visit with data. */
async function dropCaches(context, page) {
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
  });
  await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
}

/** Lighthouse sometimes fails to record a trace; each run is tried three times. */
function lighthouseOnce(url, file, extra = []) {
  execFileSync(path.join(root, 'node_modules/.bin/lighthouse'), [url, '--output=json', `--output-path=${file}`, '--quiet',
    '--only-categories=performance,accessibility,best-practices', ...extra],
  { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'pipe'] });
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const score = (c) => Math.round((r.categories[c]?.score ?? NaN) * 100);
  const failing = (c) => (r.categories[c]?.auditRefs || [])
    .filter((a) => a.weight > 0)
    .map((a) => r.audits[a.id])
    .filter((a) => a && a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
    .map((a) => a.id);
  const opportunities = Object.values(r.audits)
    .filter((a) => a.details?.type === 'opportunity' && (a.details.overallSavingsMs > 0 || a.details.overallSavingsBytes > 0))
    .map((a) => `${a.id} (${a.displayValue || ''})`.replace(' ()', ''));
  const num = (id) => r.audits[id]?.numericValue;
  return {
    url, performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'),
    fcp: num('first-contentful-paint'), lcp: num('largest-contentful-paint'), tbt: num('total-blocking-time'),
    si: num('speed-index'), cls: num('cumulative-layout-shift'), tti: num('interactive'),
    lcpElement: r.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
    failingAccessibility: failing('accessibility'), failingBestPractices: failing('best-practices'),
    failingPerformance: failing('performance'), opportunities,
  };
}

function lighthouse(url, file, extra, log) {
  for (let attempt = 1; ; attempt++) {
    try {
      return lighthouseOnce(url, file, extra);
    } catch (e) {
      const why = `${e.stderr || e.message}`.trim().split('\n')[0];
      log(`  lighthouse ${url} failed (attempt ${attempt}): ${why}`);
      if (attempt >= 3) return { url, failed: why };
    }
  }
}

/**
 * A Chromium profile holding one assessment in localStorage and nothing else (no service worker,
 * no cached files), so Lighthouse (told not to reset storage) loads its answering page cold.
 */
async function profileWithAssessment(base, dir) {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROME, args: CHROMIUM_ARGS, baseURL: base, locale: 'sv-SE' });
  const page = context.pages()[0] || await context.newPage();
  const assessment = await createAssessment(page);
  await dropCaches(context, page);
  await context.close();
  return assessment;
}

/** Lighthouse mobile on `/`, `/ny` and an answering page, `runs` times each. */
export async function lighthousePages(base, tmp, runs, log = console.log) {
  const flags = '--chrome-flags=--headless=new --no-sandbox --disable-gpu';
  const results = [];
  for (let i = 0; i < runs; i++) {
    for (const p of ['/', '/ny']) {
      results.push({ page: p, ...lighthouse(`${base}${p}`, path.join(tmp, `lighthouse-${p.slice(1) || 'start'}-${i}.json`), [flags], log) });
    }
    const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
    const assessment = await profileWithAssessment(base, profile);
    results.push({ page: '/vardering/:id', ...lighthouse(`${base}${assessment}`, path.join(tmp, `lighthouse-answering-${i}.json`),
      ['--disable-storage-reset', `--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir=${profile}`], log) });
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

/** Per page: the run with the median performance score, and the medians of each metric. */
export function lighthouseMedians(results) {
  const pages = [...new Set(results.map((r) => r.page))];
  return pages.map((p) => {
    const ok = results.filter((r) => r.page === p && !r.failed);
    if (!ok.length) return { page: p, runs: 0, failed: results.find((r) => r.page === p)?.failed };
    const m = (k) => median(ok.map((r) => r[k]));
    return {
      page: p, runs: ok.length, performance: m('performance'), accessibility: m('accessibility'), bestPractices: m('bestPractices'),
      fcp: m('fcp'), lcp: m('lcp'), tbt: m('tbt'), si: m('si'), cls: m('cls'),
      lcpElement: ok[0].lcpElement,
      failingAccessibility: [...new Set(ok.flatMap((r) => r.failingAccessibility))],
      failingPerformance: [...new Set(ok.flatMap((r) => r.failingPerformance))],
      opportunities: [...new Set(ok.flatMap((r) => r.opportunities))],
    };
  });
}

/**
 * What opening each lazily loaded page fetches, from the build's chunk loader
 * (`__wasm_split-<hash>.js`, written by wasm_split_cli_support): its own chunk and the chunks it
 * shares with other pages, by the brotli copies the server sends. `pages` is sorted by size.
 */
export function pageChunks(dist) {
  const loaderName = fs.readdirSync(dist).find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  if (!loaderName) return { pages: [], files: 0 };
  const js = fs.readFileSync(path.join(dist, loaderName), 'utf8');
  const fileOf = (body) => body.match(/new URL\("\.\/([^"]+)"/)?.[1];
  const shared = new Map([...js.matchAll(/const (__chunk_\d+) = makeLoad\(([\s\S]*?)\n, \[\]\);/g)].map(([, name, body]) => [name, fileOf(body)]));
  const br = (f) => { const p = path.join(dist, f); return fs.statSync(fs.existsSync(`${p}.br`) ? `${p}.br` : p).size; };
  const pages = [...js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)\)/g)].map(([, page, body, deps]) => {
    const files = [fileOf(body), ...deps.split(',').map((d) => shared.get(d.trim()))].filter(Boolean);
    return { page, files: files.length, brotli: files.reduce((sum, f) => sum + br(f), 0), own: fileOf(body) ? br(fileOf(body)) : 0 };
  });
  pages.sort((a, b) => b.brotli - a.brotli);
  const files = fs.readdirSync(dist).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f));
  return { pages, files: files.length, brotli: files.reduce((sum, f) => sum + br(f), 0) };
}

export function logLoad(load, log = console.log) {
  log(`  cold first visit to /: ${kb(load.wire.pageTotal)} on the wire (${load.wire.page.length} responses), then the service worker precached ${kb(load.wire.workerTotal)} (${load.wire.worker.length} requests)`);
  for (const r of load.wire.page) log(`    ${r.path.padEnd(48)} ${kb(r.wire).padStart(9)}  ${r.encoding}`);
  for (const w of load.wirePages || []) log(`  cold first visit to ${w.path}: ${kb(w.pageTotal)} on the wire (${w.page.length} responses)`);
  if (load.chunks) {
    log(`  pages loaded when opened: ${load.chunks.files} chunk files, ${kb(load.chunks.brotli)} brotli in all; opening each fetches`);
    for (const c of load.chunks.pages) log(`    ${c.page.padEnd(20)} ${kb(c.brotli).padStart(9)} in ${c.files} files (its own chunk ${kb(c.own)})`);
  }
  for (const r of load.lighthouse) {
    if (r.failed) log(`  ${r.page.padEnd(15)} Lighthouse failed: ${r.failed}`);
    else log(`  ${r.page.padEnd(15)} performance ${r.performance}, accessibility ${r.accessibility}; FCP ${ms(r.fcp)}, LCP ${ms(r.lcp)}, TBT ${ms(r.tbt)}, CLS ${r.cls?.toFixed(3)} (median of ${r.runs})`);
  }
}

/**
 * One published result (Örebro, every indicator of the default set answered), so the start
 * page's picture of published results is the real one, as on a site in use.
 */
export async function publishOne(base, db) {
  const index = JSON.parse(fs.readFileSync(path.join(root, 'indicators/index.json'), 'utf8'));
  const ref = index.default;
  const set = JSON.parse(fs.readFileSync(path.join(root, 'indicators', index.sets.find((s) => s.id === ref.set).versions.find((v) => v.version === ref.version).file), 'utf8'));
  const keys = set.scale.options.map((o) => o.key);
  const ids = set.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => i.id)));
  const result = {
    format: 'blomlada-result', format_version: 1, app_version: '0.1.0', set: ref,
    kommun: { code: '1880', name: 'Örebro' }, population: 160000, title: 'Värdering', created: '2026-03-01T09:00:00Z',
    updated: '2026-03-04T15:30:00Z', approval: '', answers: Object.fromEntries(ids.map((id, i) => [id, { answer: keys[i % keys.length] }])),
  };
  const server = process.env.BENCH_SERVER || path.join(root, 'target/release/blomlada-server');
  const token = execFileSync(server, ['--db', db, '--indicators', path.join(root, 'indicators'), 'token', 'issue', '1880'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const res = await fetch(`${base}/api/v1/published`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(result) });
  if (res.status !== 201) throw new Error(`publishing the bench's result: HTTP ${res.status} ${await res.text()}`);
}

// `node bench/load.mjs`: against the built dist/ and target/release/blomlada-server, with one
// published result.
if (import.meta.url === `file://${process.argv[1]}`) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blomlada-load-'));
  const server = await startServer({ db: path.join(tmp, 'db.sqlite') });
  const base = server.base;
  await publishOne(base, server.db);
  const runs = Number(process.env.BENCH_LIGHTHOUSE_RUNS || 3);
  try {
    const browser = await launch();
    const wirePages = await wireBytesPerPage(browser, base);
    const wire = wirePages[0];
    await browser.close();
    const all = await lighthousePages(base, tmp, runs);
    const load = { wire, wirePages, chunks: pageChunks(path.resolve(root, process.env.BENCH_DIST || 'dist')), lighthouse: lighthouseMedians(all), lighthouseRuns: all };
    logLoad(load);
    const out = path.join(tmp, 'load.json');
    fs.writeFileSync(out, JSON.stringify(load, null, 2));
    console.log(`figures: ${out}`);
  } finally {
    server.child.kill('SIGTERM');
  }
}
