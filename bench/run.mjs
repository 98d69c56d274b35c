// Blomlådan's benchmark (`make bench`, via bench/run.sh which builds and installs first):
// bundle sizes, loads and redraws in Chromium, the comparison natively and in WASM, the server
// under wrk on loopback, Lighthouse, and the fuzz run's counts. Prints every figure and writes
// them, with the machine and the date, to BENCHMARKS.md.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, coldLoads, warmLoads, answerToRedraw, compareInWasm } from './browser.mjs';
import { wireBytesPerPage, lighthousePages, lighthouseMedians, logLoad, pageChunks } from './load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const RUNS = Number(process.env.BENCH_RUNS || 7);
const CLICKS = Number(process.env.BENCH_CLICKS || 40);
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS || 10);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS || 3);
const OUT = process.env.BENCH_OUT || path.join(root, 'BENCHMARKS.md');
const SERVER = path.join(root, 'target/release/blomlada-server');
const BENCH_COMPARE = path.join(root, 'target/bench/release/bench-compare');
const PKG = path.join(root, 'target/bench/pkg');
const CHROME = process.env.CHROMIUM || '/usr/bin/chromium';

const log = (...a) => console.log(...a);
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts }).trim();
const tryRun = (cmd, args) => { try { return sh(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }); } catch (e) { return `${e.stdout || ''}`.trim() || '?'; } };

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const q = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  return { n: v.length, median: q(0.5), p95: q(0.95), p99: q(0.99), min: v[0], max: v[v.length - 1] };
}
const ms = (x) => (x === undefined || Number.isNaN(x) ? '–' : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const figures = {};

// ---- machine ----
function machine() {
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1] || os.cpus()[0]?.model;
  const osName = (fs.readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="(.*)"/) || [])[1] || os.type();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: `${cpu}, ${os.cpus().length} cores`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${osName}, Linux ${os.release()}`,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    chromium: tryRun(CHROME, ['--version']),
    node: process.version,
    rustc: tryRun('rustc', ['--version']),
    wrk: (tryRun('wrk', ['--version']).match(/wrk [^ ]+/) || ['wrk'])[0],
    lighthouse: tryRun(path.join(root, 'node_modules/.bin/lighthouse'), ['--version']),
    commit: tryRun('git', ['rev-parse', '--short', 'HEAD']),
    dirty: tryRun('git', ['status', '--porcelain', '--untracked-files=no']) !== '',
  };
}

// ---- bundle ----
function bundle() {
  const dist = path.join(root, 'dist');
  const files = fs.readdirSync(dist);
  const index = JSON.parse(fs.readFileSync('indicators/index.json', 'utf8'));
  const set = index.sets.find((s) => s.id === index.default.set);
  const setFile = set.versions.find((v) => v.version === index.default.version).file;
  const pick = (re) => files.filter((f) => re.test(f)).map((f) => path.join(dist, f));
  const parts = [
    ['wasm', pick(/^blomlada-.*_bg\.wasm$/)],
    ['wasm chunks (every lazily loaded page)', pick(/^(split|chunk)_.*\.wasm$/)],
    ['js', pick(/^(blomlada|__wasm_split)-.*\.js$/)],
    ['css', pick(/\.css$/)],
    ['index.html', pick(/^index\.html$/)],
    ['service worker', pick(/^sw\.js$/)],
    [`default indicator set (${index.default.set} ${index.default.version})`, [fs.existsSync(path.join(dist, 'indicators', setFile)) ? path.join(dist, 'indicators', setFile) : path.join('indicators', setFile)]],
  ];
  const size = (paths) => {
    const buf = Buffer.concat(paths.map((p) => fs.readFileSync(p)));
    return { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, brotli: zlib.brotliCompressSync(buf).length };
  };
  return { parts: parts.map(([name, paths]) => ({ name, ...size(paths) })), setFile, gzipOf: (p) => zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length };
}

// ---- server ----
async function startServer(db, logFile) {
  const child = spawn(SERVER, ['--addr', '127.0.0.1:0', '--db', db, '--dist', 'dist', '--indicators', 'indicators'],
    { stdio: ['ignore', 'pipe', fs.openSync(logFile, 'a')] });
  const line = await new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited (${code}); see ${logFile}`)));
  });
  return { child, base: line.trim() };
}

function rss(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kbOf = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+) kB`)) || [])[1] || 0) * 1024;
  return { rss: kbOf('VmRSS'), hwm: kbOf('VmHWM') };
}

function wrk(url, connections, script = null) {
  const scriptArgs = script ? ['-s', script.file, url, '--', ...script.args] : [url];
  const out = sh('wrk', ['-t2', `-c${connections}`, `-d${WRK_SECONDS}s`, '--latency', '--timeout', '10s', ...scriptArgs]);
  const unit = { us: 0.001, ms: 1, s: 1000, m: 60000 };
  const pct = {};
  for (const m of out.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$/gm)) pct[m[1]] = Number(m[2]) * unit[m[3]];
  const requests = Number((out.match(/(\d+) requests in/) || [])[1] || 0);
  const rps = Number((out.match(/Requests\/sec:\s+([\d.]+)/) || [])[1] || 0);
  const non2xx = Number((out.match(/Non-2xx or 3xx responses: (\d+)/) || [])[1] || 0);
  const errors = (out.match(/Socket errors:.*/) || [''])[0];
  return { connections, p50: pct['50'], p75: pct['75'], p90: pct['90'], p99: pct['99'], rps, requests, non2xx, errors };
}

// ---- fuzz log (written by bench/run.sh) ----
function fuzz() {
  const file = process.env.BENCH_FUZZ_LOG;
  if (!file || !fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('fuzz '));
  const runs = lines.map((l) => {
    const m = l.match(/^fuzz (.*): (\d+) cases, (\d+) parser executions, (\d+) imports through a concordance, ([\d.]+) s, (.*)$/);
    return m ? { name: m[1], cases: Number(m[2]), executions: Number(m[3]), imports: Number(m[4]), seconds: Number(m[5]), outcome: m[6] } : null;
  }).filter(Boolean);
  const corpus = fs.readdirSync('tests/corpus').filter((f) => f.endsWith('.json'));
  return { runs, executions: runs.reduce((s, r) => s + r.executions, 0), imports: runs.reduce((s, r) => s + r.imports, 0), ok: runs.length > 0 && runs.every((r) => r.outcome === 'no panic'), corpus: corpus.length };
}

// ---- main ----
const m = machine();
log(`Blomlådan benchmark, ${m.date}, ${m.cpu}, load ${m.load}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blomlada-bench-'));
const serverLog = path.join(tmp, 'server.log');

const b = bundle();
figures.bundle = b.parts;
log('\n== Release bundle');
for (const p of b.parts) log(`  ${p.name.padEnd(40)} raw ${kb(p.raw).padStart(10)}  gzip ${kb(p.gzip).padStart(9)}  brotli ${kb(p.brotli).padStart(9)}`);

log('\n== Comparison, native');
const setPath = path.join('indicators', b.setFile);
const setJson = fs.readFileSync(setPath, 'utf8');
figures.compareNative = JSON.parse(sh(BENCH_COMPARE, ['compare', setPath, '290']));
log(`  ${figures.compareNative.results} results × ${figures.compareNative.indicators} indicators: all ${ms(figures.compareNative.compare_all.median_ms)} median, ${ms(figures.compareNative.compare_all.p95_ms)} p95; parse JSON + compare ${ms(figures.compareNative.parse_and_compare.median_ms)}`);

// Server with a temporary database, 290 kommuner with their own tokens and one result each.
const db = path.join(tmp, 'bench.sqlite');
const resultsDir = path.join(tmp, 'results');
sh(BENCH_COMPARE, ['results', setPath, resultsDir, '290']);
const files = fs.readdirSync(resultsDir).sort();
const tokens = files.map((f) => sh(SERVER, ['--db', db, '--indicators', 'indicators', 'token', 'issue', f.replace('.json', '')], { stdio: ['ignore', 'pipe', 'ignore'] }));
const listFile = path.join(tmp, 'tokens.txt');
fs.writeFileSync(listFile, files.map((f, i) => `${tokens[i]} ${path.join(resultsDir, f)}`).join('\n') + '\n');
const { child: server, base } = await startServer(db, serverLog);
let browser;
try {
  figures.memory = { idle: rss(server.pid) };
  log(`\n== Server on ${base}: ${files.length} tokens issued; RSS idle ${mb(figures.memory.idle.rss)}`);
  const seedTimes = [];
  const statuses = {};
  for (let i = 0; i < files.length; i++) {
    const body = fs.readFileSync(path.join(resultsDir, files[i]));
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/published`, { method: 'POST', headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    seedTimes.push(performance.now() - t);
    statuses[res.status] = (statuses[res.status] || 0) + 1;
  }
  figures.seed = { ...stats(seedTimes), statuses };
  if ((statuses[201] || 0) !== files.length) throw new Error(`seeding: expected ${files.length} × 201, got ${JSON.stringify(statuses)}`);
  const listUrl = `${base}/api/v1/published?set=${encodeURIComponent(b.setFile.split('/')[0])}&version=${encodeURIComponent(path.basename(b.setFile, '.json'))}`;
  const listed = await (await fetch(listUrl)).json();
  const listedCount = Array.isArray(listed) ? listed.length : (listed.results || listed.published || []).length;
  figures.memory.seeded = rss(server.pid);
  log(`  seeded ${files.length} results one by one: ${ms(figures.seed.median)} median, ${ms(figures.seed.p99)} p99; the list holds ${listedCount}`);

  // ---- browser ----
  browser = await launch();
  log('\n== Cold loads (fresh contexts)');
  const cold = await coldLoads(browser, base, RUNS);
  figures.cold = {
    interactive: stats(cold.map((c) => c.interactive)), painted: stats(cold.map((c) => c.painted)),
    fcp: stats(cold.map((c) => c['first-contentful-paint'])), lcp: stats(cold.map((c) => c.lcp)),
    transfer: stats(cold.map((c) => c.transfer)),
    heap: stats(cold.map((c) => c.heap.jsHeapUsed)), heapBeforeGc: stats(cold.map((c) => c.heap.jsHeapUsedBeforeGc)),
    backing: stats(cold.map((c) => c.heap.backingStorage)),
    resources: cold[0].resources.map((r) => new URL(r.url).pathname),
  };
  // What the first load fetched, compressed as a gzip-serving host would send it.
  const firstLoad = ['/index.html', ...figures.cold.resources].map((p) => {
    const f = path.join('dist', decodeURIComponent(p));
    return fs.existsSync(f) && fs.statSync(f).isFile() ? { path: p, raw: fs.statSync(f).size, gzip: b.gzipOf(f) } : { path: p, raw: 0, gzip: 0 };
  });
  figures.firstLoad = { files: firstLoad, raw: firstLoad.reduce((s, f) => s + f.raw, 0), gzip: firstLoad.reduce((s, f) => s + f.gzip, 0) };
  log(`  interactive ${ms(figures.cold.interactive.median)} median (${cold.map((c) => Math.round(c.interactive)).join(', ')}), painted ${ms(figures.cold.painted.median)}, FCP ${ms(figures.cold.fcp.median)}`);
  log(`  transferred ${kb(figures.cold.transfer.median)} (as the browser received it); the same files gzip ${kb(figures.firstLoad.gzip)}`);
  log(`  JS heap after load ${mb(figures.cold.heap.median)} after GC (${mb(figures.cold.heapBeforeGc.median)} before); ArrayBuffers (WASM memory) ${mb(figures.cold.backing.median)}`);

  // Bytes on the wire as Chromium counts them (brotli from the server's precompressed files).
  figures.wirePages = await wireBytesPerPage(browser, base);
  figures.wire = figures.wirePages[0];
  figures.chunks = pageChunks(path.join(root, 'dist'));
  log(`  on the wire (Chromium, headers included): ${kb(figures.wire.pageTotal)} for the page; the service worker then precached ${kb(figures.wire.workerTotal)}`);

  log('\n== Loads with the service worker warm');
  const warm = await warmLoads(browser, base, RUNS);
  figures.warm = {
    interactive: stats(warm.map((c) => c.interactive)), painted: stats(warm.map((c) => c.painted)),
    transfer: stats(warm.map((c) => c.transfer)), controlled: warm.every((c) => c.controlled),
  };
  log(`  interactive ${ms(figures.warm.interactive.median)} median (${warm.map((c) => Math.round(c.interactive)).join(', ')}), controlled by the service worker: ${figures.warm.controlled}`);

  log('\n== Answer → redraw (full default set)');
  const redraw = await answerToRedraw(browser, base, CLICKS);
  figures.redraw = {
    indicators: redraw.indicators, redraw: stats(redraw.redraw), redrawPainted: stats(redraw.redrawPainted),
    toStorage: stats(redraw.toStorage), storageToDrawn: stats(redraw.storageToDrawn),
    pageDom: stats(redraw.pageDom), pageUpdate: stats(redraw.pageUpdate), onePage: stats(redraw.onePage), onePageDrawn: stats(redraw.onePageDrawn),
  };
  log(`  ${redraw.indicators} indicators; answer → flower box redrawn (other tab) ${ms(figures.redraw.redraw.median)} median, ${ms(figures.redraw.redraw.p95)} p95; to its next frame ${ms(figures.redraw.redrawPainted.median)} / ${ms(figures.redraw.redrawPainted.p95)}`);
  log(`  of which click → storage event in the other tab ${ms(figures.redraw.toStorage.median)} / ${ms(figures.redraw.toStorage.p95)}, storage event → drawn ${ms(figures.redraw.storageToDrawn.median)} / ${ms(figures.redraw.storageToDrawn.p95)}`);
  log(`  answer → answering page's DOM changed ${ms(figures.redraw.pageDom.median)} / ${ms(figures.redraw.pageDom.p95)}, next frame ${ms(figures.redraw.pageUpdate.median)} / ${ms(figures.redraw.pageUpdate.p95)}`);
  log(`  click on the overview → relaid out and redrawn ${ms(figures.redraw.onePageDrawn.median)} / ${ms(figures.redraw.onePageDrawn.p95)}, next frame ${ms(figures.redraw.onePage.median)} / ${ms(figures.redraw.onePage.p95)}`);

  log('\n== Comparison in the browser (WASM)');
  const wasm = await compareInWasm(browser, base, PKG, setJson, 290);
  figures.compareWasm = { results: wasm.results, indicators: wasm.indicators, jsonBytes: wasm.jsonBytes, all: stats(wasm.compareAll), sizeGroup: stats(wasm.compareSizeGroup), parse: stats(wasm.parseAndCompare) };
  log(`  ${wasm.results} results × ${wasm.indicators} indicators: all ${ms(figures.compareWasm.all.median)} median, ${ms(figures.compareWasm.all.p95)} p95; parse ${kb(wasm.jsonBytes)} JSON + compare ${ms(figures.compareWasm.parse.median)}`);
  await browser.close();
  browser = undefined;

  // ---- load generator ----
  log(`\n== Server under wrk (${WRK_SECONDS} s each, 2 threads, loopback)`);
  // A pause after each run lets requests still in flight finish before the next one starts.
  const pause = () => sh('sleep', ['2']);
  wrk(listUrl, 10); // warm-up
  pause();
  figures.list = [50, 200].map((c) => { const r = wrk(listUrl, c); pause(); return r; });
  figures.memory.afterList = rss(server.pid);
  const resultsUrl = listUrl.replace('/published?', '/results?');
  figures.results = [wrk(resultsUrl, 50)];
  pause();
  figures.memory.afterReads = rss(server.pid);
  figures.publish = [50, 200].map((c) => { const r = wrk(`${base}/api/v1/published`, c, { file: 'bench/publish.lua', args: [listFile] }); pause(); return r; });
  figures.rowsAfterPublish = figures.publish.reduce((s, r) => s + r.requests, files.length);
  figures.memory.afterLoad = rss(server.pid);
  for (const [name, runs] of [['list 290 (GET /published)', figures.list], ['results with answers (GET /results)', figures.results], ['publish (POST /published)', figures.publish]]) {
    for (const r of runs) log(`  ${name.padEnd(38)} c=${String(r.connections).padStart(3)}: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${Math.round(r.rps)} req/s, non-2xx ${r.non2xx} ${r.errors}`);
  }
  log(`  RSS: idle ${mb(figures.memory.idle.rss)}, seeded ${mb(figures.memory.seeded.rss)}, after listing ${mb(figures.memory.afterList.rss)} (peak ${mb(figures.memory.afterList.hwm)}), after /results ${mb(figures.memory.afterReads.rss)}, after publishing ${mb(figures.memory.afterLoad.rss)}, peak ${mb(figures.memory.afterLoad.hwm)}`);

  // ---- lighthouse ----
  log('\n== Lighthouse (mobile preset): /, /ny and an answering page');
  figures.lighthouse = await lighthousePages(base, tmp, LIGHTHOUSE_RUNS, log);
  figures.lighthouseMedians = lighthouseMedians(figures.lighthouse);
  logLoad({ wire: figures.wire, wirePages: figures.wirePages, chunks: figures.chunks, lighthouse: figures.lighthouseMedians }, log);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
}
m.loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(' ');
figures.fuzz = fuzz();
if (figures.fuzz) log(`\n== Fuzz: ${figures.fuzz.executions} parser executions, ${figures.fuzz.imports} imports through a concordance, ${figures.fuzz.ok ? 'no panic' : 'FAILED'}; corpus ${figures.fuzz.corpus} files`);

fs.writeFileSync(path.join(tmp, 'figures.json'), JSON.stringify({ machine: m, figures, options: { RUNS, CLICKS, WRK_SECONDS } }, null, 2));
const { render } = await import('./report.mjs');
fs.writeFileSync(OUT, render(m, figures, { RUNS, CLICKS, WRK_SECONDS }));
log(`\nWrote ${path.relative(root, OUT)} (raw figures: ${path.join(tmp, 'figures.json')})`);
fs.rmSync(db, { force: true });
