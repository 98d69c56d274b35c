// The server's memory under the benchmark's load, alone (no browser, no Lighthouse): the same
// steps as the server part of bench/run.mjs — 290 kommuner each with a token and one result,
// wrk on the list (50 and 200 connections), on /results (50) and on publishing (50 and 200),
// 10 s each — with the resident memory (VmRSS) and its peak (VmHWM) read from /proc after each.
//
//   node bench/server_memory.mjs                 # target/release/blomlada-server
//   BENCH_SERVER=/path/to/binary node bench/server_memory.mjs
//
// Needs wrk (Debian) and bench/compare built (make bench builds both). Prints the figures and
// writes them as JSON to $BENCH_MEMORY_OUT when set. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const SERVER = process.env.BENCH_SERVER || path.join(root, 'target/release/blomlada-server');
const BENCH_COMPARE = path.join(root, 'target/bench/release/bench-compare');
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS || 10);
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts }).trim();

function rss(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kbOf = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+) kB`)) || [])[1] || 0) * 1024;
  return { rss: kbOf('VmRSS'), hwm: kbOf('VmHWM'), threads: Number((status.match(/Threads:\s+(\d+)/) || [])[1] || 0) };
}

function wrk(url, connections, script = null) {
  const scriptArgs = script ? ['-s', script.file, url, '--', ...script.args] : [url];
  const out = sh('wrk', ['-t2', `-c${connections}`, `-d${WRK_SECONDS}s`, '--latency', '--timeout', '10s', ...scriptArgs]);
  const rps = Number((out.match(/Requests\/sec:\s+([\d.]+)/) || [])[1] || 0);
  const non2xx = Number((out.match(/Non-2xx or 3xx responses: (\d+)/) || [])[1] || 0);
  const p99 = (out.match(/^\s+99%\s+(\S+)\s*$/m) || [])[1];
  return { connections, rps, non2xx, p99 };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blomlada-memory-'));
const index = JSON.parse(fs.readFileSync('indicators/index.json', 'utf8'));
const set = index.sets.find((s) => s.id === index.default.set);
const setFile = set.versions.find((v) => v.version === index.default.version).file;
const resultsDir = path.join(tmp, 'results');
sh(BENCH_COMPARE, ['results', path.join('indicators', setFile), resultsDir, '290']);
const files = fs.readdirSync(resultsDir).sort();
const db = path.join(tmp, 'bench.sqlite');
const tokens = files.map((f) => sh(SERVER, ['--db', db, '--indicators', 'indicators', 'token', 'issue', f.replace('.json', '')], { stdio: ['ignore', 'pipe', 'ignore'] }));
const listFile = path.join(tmp, 'tokens.txt');
fs.writeFileSync(listFile, files.map((f, i) => `${tokens[i]} ${path.join(resultsDir, f)}`).join('\n') + '\n');

const child = spawn(SERVER, ['--addr', '127.0.0.1:0', '--metrics-addr', 'off', '--db', db, '--dist', 'dist', '--indicators', 'indicators'],
  { stdio: ['ignore', 'pipe', fs.openSync(path.join(tmp, 'server.log'), 'a')], env: { ...process.env, RUST_LOG: 'warn' } });
const base = (await new Promise((resolve, reject) => {
  readline.createInterface({ input: child.stdout }).once('line', resolve);
  child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
})).trim();
const figures = { server: SERVER };
try {
  figures.idle = rss(child.pid);
  for (let i = 0; i < files.length; i++) {
    const res = await fetch(`${base}/api/v1/published`, { method: 'POST', headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' }, body: fs.readFileSync(path.join(resultsDir, files[i])) });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`seeding ${files[i]}: ${res.status}`);
  }
  figures.seeded = rss(child.pid);
  const [setId, version] = [setFile.split('/')[0], path.basename(setFile, '.json')];
  const listUrl = `${base}/api/v1/published?set=${encodeURIComponent(setId)}&version=${encodeURIComponent(version)}`;
  const pause = () => sh('sleep', ['2']);
  wrk(listUrl, 10);
  pause();
  figures.list = [50, 200].map((c) => { const r = wrk(listUrl, c); pause(); return r; });
  figures.afterList = rss(child.pid);
  figures.results = [wrk(listUrl.replace('/published?', '/results?'), 50)];
  pause();
  figures.afterReads = rss(child.pid);
  figures.publish = [50, 200].map((c) => { const r = wrk(`${base}/api/v1/published`, c, { file: 'bench/publish.lua', args: [listFile] }); pause(); return r; });
  figures.afterLoad = rss(child.pid);
} finally {
  child.kill('SIGTERM');
}
for (const [name, runs] of [['list', figures.list], ['results', figures.results], ['publish', figures.publish]]) {
  for (const r of runs) console.log(`  ${name.padEnd(8)} c=${String(r.connections).padStart(3)}: ${Math.round(r.rps)} req/s, p99 ${r.p99}, non-2xx ${r.non2xx}`);
}
console.log(`RSS: idle ${mb(figures.idle.rss)}, seeded ${mb(figures.seeded.rss)}, after listing ${mb(figures.afterList.rss)} (peak ${mb(figures.afterList.hwm)}), ` +
  `after /results ${mb(figures.afterReads.rss)} (peak ${mb(figures.afterReads.hwm)}), after publishing ${mb(figures.afterLoad.rss)}; ` +
  `peak (VmHWM) ${mb(figures.afterLoad.hwm)}; ${figures.afterLoad.threads} threads`);
if (process.env.BENCH_MEMORY_OUT) fs.writeFileSync(process.env.BENCH_MEMORY_OUT, JSON.stringify(figures, null, 2));
fs.rmSync(tmp, { recursive: true, force: true });
