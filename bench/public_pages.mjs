// The public result pages under load (issue 12): the release server with a fresh database, 290
// kommuner each with its own token and one published eBlomlådan result (deterministic answers),
// then wrk at 200 connections on /resultat and /resultat/1880 (budget p99 ≤ 20 ms), the
// server's memory, and Lighthouse's mobile preset on both pages (budget performance ≥ 98,
// accessibility 100). Prints the figures and writes them into BENCHMARKS.md between markers
// (`make bench` runs it after bench/run.mjs, which writes the rest of the file).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const SERVER = path.join(root, 'target/release/blomlada-server');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS || 10);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS || 3);
const OUT = path.join(root, 'BENCHMARKS.md');
const log = (s) => console.log(s);
const ms = (v) => (v === undefined || Number.isNaN(v) ? '–' : `${v.toFixed(1)} ms`);
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// ---- 290 results with deterministic answers ----
const index = JSON.parse(fs.readFileSync('indicators/index.json', 'utf8'));
const setRef = index.default;
const entry = index.sets.find((s) => s.id === setRef.set).versions.find((v) => v.version === setRef.version);
const set = JSON.parse(fs.readFileSync(path.join('indicators', entry.file), 'utf8'));
const ids = set.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => i.id)));
const keys = set.scale.options.map((o) => o.key);
const kommuner = fs.readFileSync('crates/domain/kommuner.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
let seed = 12;
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
function result([code, name], i) {
  const answers = {};
  for (const id of ids) {
    answers[id] = { answer: keys[Math.floor(random() * keys.length)] };
    if (random() < 0.15) answers[id].evidence = `https://www.example.se/${code}/${id}`;
  }
  return {
    format: 'blomlada-result', format_version: 1, app_version: 'bench', set: setRef, kommun: { code, name },
    population: 3000 + ((i * 7919) % 200000), title: `Värdering ${name}`, created: '2026-01-01T08:00:00Z',
    updated: '2026-02-01T08:00:00Z', approval: 'KS 2026-03-04 § 41', answers,
  };
}

function rss(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kbOf = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+) kB`)) || [])[1] || 0) * 1024;
  return { rss: kbOf('VmRSS'), hwm: kbOf('VmHWM') };
}

function wrk(url, connections) {
  const out = execFileSync('wrk', ['-t2', `-c${connections}`, `-d${WRK_SECONDS}s`, '--latency', '--timeout', '10s', url], { encoding: 'utf8' });
  const unit = { us: 0.001, ms: 1, s: 1000, m: 60000 };
  const pct = {};
  for (const m of out.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$/gm)) pct[m[1]] = Number(m[2]) * unit[m[3]];
  const rps = Number((out.match(/Requests\/sec:\s+([\d.]+)/) || [])[1] || 0);
  const non2xx = Number((out.match(/Non-2xx or 3xx responses: (\d+)/) || [])[1] || 0);
  const errors = (out.match(/Socket errors:.*/) || [''])[0];
  return { connections, p50: pct['50'], p99: pct['99'], rps, non2xx, errors };
}

function lighthouse(url, file) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      execFileSync(path.join(root, 'node_modules/.bin/lighthouse'), [url, '--output=json', `--output-path=${file}`, '--quiet',
        '--only-categories=performance,accessibility', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
      { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'pipe'] });
      const r = JSON.parse(fs.readFileSync(file, 'utf8'));
      const failing = (c) => (r.categories[c]?.auditRefs || []).filter((a) => a.weight > 0).map((a) => r.audits[a.id])
        .filter((a) => a && a.score !== null && a.score < 1).map((a) => a.id);
      return {
        performance: Math.round(r.categories.performance.score * 100), accessibility: Math.round(r.categories.accessibility.score * 100),
        fcp: r.audits['first-contentful-paint'].numericValue, lcp: r.audits['largest-contentful-paint'].numericValue,
        tbt: r.audits['total-blocking-time'].numericValue, cls: r.audits['cumulative-layout-shift'].numericValue,
        failing: [...failing('performance'), ...failing('accessibility')],
      };
    } catch (e) {
      log(`  lighthouse ${url} failed (attempt ${attempt}): ${`${e.stderr || e.message}`.trim().split('\n')[0]}`);
    }
  }
  return null;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blomlada-public-bench-'));
const db = path.join(tmp, 'bench.sqlite');
const figures = { set: `${setRef.set} ${setRef.version}`, indicators: ids.length, wrkSeconds: WRK_SECONDS };
log(`== Public pages: ${kommuner.length} kommuner publish ${setRef.set} ${setRef.version} (${ids.length} indicators)`);
const tokens = kommuner.map(([code]) => execFileSync(SERVER, ['token', 'issue', code, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
const server = spawn(SERVER, ['--addr', '127.0.0.1:0', '--db', db, '--indicators', 'indicators', '--dist', 'dist'],
  { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, RUST_LOG: 'warn' } });
try {
  const base = (await readline.createInterface({ input: server.stdout })[Symbol.asyncIterator]().next()).value.trim();
  for (let i = 0; i < kommuner.length; i++) {
    const res = await fetch(`${base}/api/v1/published`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' }, body: JSON.stringify(result(kommuner[i], i)),
    });
    if (res.status !== 201) throw new Error(`publishing ${kommuner[i][0]}: ${res.status} ${await res.text()}`);
  }
  figures.memory = { seeded: rss(server.pid) };
  if (process.env.BENCH_SERVE_ONLY) {
    // For looking at the pages by hand: keep serving until interrupted.
    log(`  serving ${base} (BENCH_SERVE_ONLY); stop with ctrl-c`);
    await new Promise(() => {});
  }
  const pages = ['/resultat', '/resultat/1880'];
  for (const p of pages) {
    const res = await fetch(`${base}${p}`, { headers: { 'accept-encoding': 'gzip' } });
    const raw = (await res.arrayBuffer()).byteLength;
    figures[p] = { status: res.status, bytes: raw };
  }
  log(`  published ${kommuner.length}; ${pages.map((p) => `${p} ${res_kb(figures[p].bytes)}`).join(', ')} (HTML, uncompressed; browsers get it gzipped)`);

  log(`\n== wrk (${WRK_SECONDS} s, 2 threads, loopback)`);
  figures.wrk = [];
  for (const p of pages) {
    wrk(`${base}${p}`, 10); // warm-up: renders once, then served from the rendered cache
    for (const c of [50, 200]) {
      const r = { page: p, ...wrk(`${base}${p}`, c) };
      figures.wrk.push(r);
      log(`  ${p.padEnd(16)} c=${String(c).padStart(3)}: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${Math.round(r.rps)} req/s, non-2xx ${r.non2xx} ${r.errors}`);
      execFileSync('sleep', ['2']);
    }
  }
  figures.memory.afterLoad = rss(server.pid);
  figures.loadDuringWrk = os.loadavg();
  log(`  RSS after seeding ${mb(figures.memory.seeded.rss)}, after the load ${mb(figures.memory.afterLoad.rss)}, peak ${mb(figures.memory.afterLoad.hwm)}`);

  log(`\n== Lighthouse (mobile preset, ${LIGHTHOUSE_RUNS} runs each)`);
  figures.lighthouse = [];
  for (const p of pages) {
    const runs = [];
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      const r = lighthouse(`${base}${p}`, path.join(tmp, `lh-${i}.json`));
      if (r) runs.push(r);
    }
    if (!runs.length) continue;
    const summary = {
      page: p, runs: runs.length, performance: median(runs.map((r) => r.performance)), accessibility: median(runs.map((r) => r.accessibility)),
      fcp: median(runs.map((r) => r.fcp)), lcp: median(runs.map((r) => r.lcp)), tbt: median(runs.map((r) => r.tbt)), cls: median(runs.map((r) => r.cls)),
      failing: [...new Set(runs.flatMap((r) => r.failing))],
    };
    figures.lighthouse.push(summary);
    log(`  ${p.padEnd(16)} performance ${summary.performance}, accessibility ${summary.accessibility}; FCP ${ms(summary.fcp)}, LCP ${ms(summary.lcp)}, TBT ${ms(summary.tbt)}, CLS ${summary.cls.toFixed(3)}${summary.failing.length ? `; below full marks: ${summary.failing.join(', ')}` : ''}`);
  }
} finally {
  server.kill('SIGTERM');
}

function res_kb(b) {
  return `${(b / 1024).toFixed(0)} KB`;
}

// ---- BENCHMARKS.md: this section between its markers ----
const ok = (v, limit, above = false) => (v === undefined ? '–' : (above ? v >= limit : v <= limit) ? 'within' : '**missed**');
const lines = [
  '<!-- public-pages -->',
  '## Public result pages (`bench/public_pages.mjs`)',
  '',
  `${kommuner.length} kommuner with one published ${figures.set} result each (${figures.indicators} indicators, deterministic answers), the release server with a fresh database; wrk ${WRK_SECONDS} s per run, 2 threads, loopback. Pages are rendered once after a publish and then served from the server's rendered cache; the HTML (\`/resultat\` ${res_kb(figures['/resultat'].bytes)}, \`/resultat/1880\` ${res_kb(figures['/resultat/1880'].bytes)} uncompressed, as wrk fetches it; browsers get it gzipped) holds no picture: the flower boxes are separate SVG files. The machine's load average right after the wrk runs was ${figures.loadDuringWrk.map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores (other engineers compiling), which the p99 figures reflect.`,
  '',
  '| page | connections | p50 | p99 | budget p99 ≤ 20 ms | req/s | non-2xx |',
  '| --- | ---: | ---: | ---: | --- | ---: | ---: |',
  ...figures.wrk.map((r) => `| \`${r.page}\` | ${r.connections} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.connections === 200 ? ok(r.p99, 20) : ''} | ${Math.round(r.rps)} | ${r.non2xx} |`),
  '',
  `Server memory: ${mb(figures.memory.seeded.rss)} after seeding, ${mb(figures.memory.afterLoad.rss)} after the load, peak ${mb(figures.memory.afterLoad.hwm)}.`,
  '',
  '| page (Lighthouse mobile, median) | performance (≥ 98) | accessibility (100) | FCP | LCP | TBT | CLS | audits below full marks |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...figures.lighthouse.map((l) => `| \`${l.page}\` | ${l.performance} (${ok(l.performance, 98, true)}) | ${l.accessibility} (${ok(l.accessibility, 100, true)}) | ${ms(l.fcp)} | ${ms(l.lcp)} | ${ms(l.tbt)} | ${l.cls.toFixed(3)} | ${l.failing.join(', ') || '–'} |`),
  '<!-- /public-pages -->',
];
const section = lines.join('\n');
const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
const marked = /<!-- public-pages -->[\s\S]*<!-- \/public-pages -->/;
fs.writeFileSync(OUT, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
fs.writeFileSync(path.join(tmp, 'public-pages.json'), JSON.stringify(figures, null, 2));
log(`\nWrote the public pages' section of ${path.relative(root, OUT)} (raw figures: ${path.join(tmp, 'public-pages.json')})`);
fs.rmSync(db, { force: true });
