// `make test-validators` (issue 19): every output checked by its format's own validator.
// Starts the release server on a free port with a new database, publishes a rich result
// (comments, evidence links, an action plan) with a token from the CLI, writes the snapshot,
// then runs:
//   - the W3C Nu HTML Checker (vnu.jar, --errors-only) on the public pages (listing, kommun,
//     indicator, 404s, both languages), the built app's dist/index.html and the snapshot's pages;
//   - an OpenAPI 3.1 validator (@apidevtools/swagger-parser) on the served openapi.json;
//   - Prometheus' `promtool check metrics` on a scrape of /metrics;
//   - Lighthouse's SEO category (must be 100) on /resultat and /resultat/{kod}.
// Prints one line per check and exits non-zero, with the validator's own message, on any failure.
// BLOMLADA_SERVER and BLOMLADA_DIST name another server binary or app build (default: cargo's
// target directory and dist/).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = process.env.BLOMLADA_SERVER || path.join(path.resolve(root, process.env.CARGO_TARGET_DIR || 'target'), 'release/blomlada-server');
const DIST = process.env.BLOMLADA_DIST || path.join(root, 'dist');
const VNU = path.join(root, 'node_modules/vnu-jar/build/dist/vnu.jar');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const KOMMUN = '1880';
const HOSTILE = '0180';
const started = Date.now();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blomlada-validators-'));
const db = path.join(tmp, 'db.sqlite');
const serverArgs = ['--db', db, '--indicators', path.join(root, 'indicators')];
let child;
const results = [];

function check(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail && ok ? ` (${detail})` : ''}`);
  if (!ok && detail) console.log(detail.replace(/^/gm, '     '));
}

function need(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

/** A result for the default set with an answer for every indicator, and on some of them a
 * comment (with characters HTML and CSV must escape), an evidence link and a plan. */
function richResult() {
  const index = JSON.parse(fs.readFileSync(path.join(root, 'indicators/index.json'), 'utf8'));
  const ref = index.default;
  const entry = index.sets.find((s) => s.id === ref.set).versions.find((v) => v.version === ref.version);
  const set = JSON.parse(fs.readFileSync(path.join(root, 'indicators', entry.file), 'utf8'));
  const ids = set.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => i.id)));
  const keys = set.scale.options.map((o) => o.key);
  const best = keys[0];
  const answers = {};
  ids.forEach((id, i) => {
    const answer = keys[i % keys.length];
    answers[id] = { answer };
    if (i % 3 === 0) answers[id].comment = `Beslut i KS; se "plan" <${i}> & rad två\nrad tre`;
    if (i % 4 === 0) answers[id].evidence = `https://www.orebro.se/styrdokument/${i}?a=1&b=två#del-${i}`;
    if (i % 5 === 0 && answer !== best) {
      answers[id].plan = { target: { answer: best, year: 2028 }, responsible: 'IT & digitalisering', action: 'Upphandla "e-tjänst" <snart>', status: 'pagar' };
    }
  });
  return {
    body: {
      format: 'blomlada-result', format_version: 2, app_version: 'validators', set: ref, kommun: { code: KOMMUN, name: 'Örebro' },
      population: 160000, title: 'Värdering 2026 <utkast> & "slutlig"', created: '2026-01-01T08:00:00Z', updated: '2026-02-01T08:00:00Z',
      approval: 'KS 2026-03-04 § 41', answers,
    },
    set: ref,
    indicator: ids[0],
  };
}

async function startServer() {
  child = spawn(SERVER, [...serverArgs, '--addr', '127.0.0.1:0', '--metrics-addr', '127.0.0.1:0', '--dist', DIST],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } });
  const lines = readline.createInterface({ input: child.stdout });
  const [base, metrics] = await new Promise((resolve, reject) => {
    const got = [];
    lines.on('line', (l) => { got.push(l.trim()); if (got.length === 2) resolve(got); });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
  });
  return { base, metrics: metrics.replace(/^metrics /, '') };
}

async function get(url, file) {
  const r = await fetch(url);
  const body = await r.text();
  if (file) fs.writeFileSync(file, body);
  return { status: r.status, type: r.headers.get('content-type'), body };
}

function htmlFiles(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f)).sort();
}

/** The Nu HTML Checker's errors, per file (one Java start for every file). */
function vnu(files) {
  const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`java: ${r.error.message}`);
  let messages;
  try {
    messages = JSON.parse(r.stderr || r.stdout).messages;
  } catch {
    throw new Error(`vnu.jar exited ${r.status}: ${`${r.stdout}${r.stderr}`.trim()}`);
  }
  const byFile = new Map();
  for (const m of messages.filter((m) => m.type === 'error' || m.type === 'non-document-error')) {
    const file = (m.url || '').replace(/^file:/, '');
    const at = m.lastLine ? ` (line ${m.lastLine}, column ${m.firstColumn ?? m.lastColumn})` : '';
    byFile.set(file, [...(byFile.get(file) || []), `${m.message}${at}${m.extract ? `: ${m.extract.trim().slice(0, 160)}` : ''}`]);
  }
  return byFile;
}

function lighthouseSeo(url, file) {
  let last = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      execFileSync(path.join(root, 'node_modules/.bin/lighthouse'), [url, '--output=json', `--output-path=${file}`, '--quiet',
        '--only-categories=seo', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
      { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'pipe'] });
      const r = JSON.parse(fs.readFileSync(file, 'utf8'));
      const seo = r.categories.seo;
      const failing = seo.auditRefs.filter((a) => a.weight > 0).map((a) => r.audits[a.id])
        .filter((a) => a && a.score !== null && a.score < 1).map((a) => `${a.id}: ${a.title}${a.explanation ? ` (${a.explanation})` : ''}`);
      return { score: Math.round(seo.score * 100), failing, version: r.lighthouseVersion };
    } catch (e) {
      last = String(e.stderr || e.message).trim().split('\n').slice(-3).join(' ');
    }
  }
  return { score: 0, failing: [`Lighthouse failed three times: ${last}`] };
}

async function main() {
  need(SERVER, 'run make server');
  need(path.join(DIST, 'index.html'), 'run make build');
  need(VNU, 'run npm ci (vnu-jar)');

  const token = execFileSync(SERVER, [...serverArgs, 'token', 'issue', KOMMUN], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const { base, metrics } = await startServer();
  const { body, set, indicator } = richResult();
  const published = await fetch(`${base}/api/v1/published`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (published.status !== 201) throw new Error(`publishing the test result: ${published.status} ${await published.text()}`);
  // A second kommun whose evidence link holds characters a URL may not (`<`, `>`, `"`, …): if the
  // server takes it as sent, its page must still carry a valid href.
  const hostile = { ...body, kommun: { code: HOSTILE, name: 'Stockholm' }, answers: { ...body.answers } };
  hostile.answers[indicator] = { ...body.answers[indicator], evidence: 'https://example.se/a<b>"c`{d}|e^f?q=<x>&y="z"#"frag"' };
  const token2 = execFileSync(SERVER, [...serverArgs, 'token', 'issue', HOSTILE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const second = await fetch(`${base}/api/v1/published`, {
    method: 'POST', headers: { authorization: `Bearer ${token2}`, 'content-type': 'application/json' }, body: JSON.stringify(hostile),
  });
  const hostileTaken = second.status === 201;
  if (!hostileTaken && second.status !== 422) throw new Error(`publishing the hostile link: ${second.status} ${await second.text()}`);

  // The served pages, saved as files for the checker.
  const pages = path.join(tmp, 'served');
  fs.mkdirSync(pages);
  const served = [
    ['resultat.html', '/resultat', 200], ['resultat-en.html', '/resultat?lang=en', 200],
    ['resultat-filtrerad.html', '/resultat?lan=18&sort=name&order=desc', 200],
    [`resultat-${KOMMUN}.html`, `/resultat/${KOMMUN}`, 200], [`resultat-${KOMMUN}-en.html`, `/resultat/${KOMMUN}?lang=en`, 200],
    ['indikator.html', `/resultat/${set.set}/${set.version}/indikator/${indicator}`, 200],
    ['404-ej-publicerad.html', '/resultat/0114', 404], ['404-okand-kommun.html', '/resultat/9999', 404],
    ['404-okand-version.html', '/resultat/eblomlada/1900', 404], ['400-fel-filter.html', '/resultat?lan=x', 400],
  ];
  if (hostileTaken) served.push([`resultat-${HOSTILE}.html`, `/resultat/${HOSTILE}`, 200]);
  const files = [];
  for (const [file, p, status] of served) {
    const r = await get(`${base}${p}`, path.join(pages, file));
    if (r.status !== status) check(`GET ${p}`, false, `answered ${r.status}, expected ${status}`);
    files.push(path.join(pages, file));
  }
  const appIndex = path.join(DIST, 'index.html');

  const snapshot = path.join(tmp, 'snapshot');
  execFileSync(SERVER, [...serverArgs, 'snapshot', snapshot, '--public-url', base], { stdio: ['ignore', 'ignore', 'inherit'] });
  const snapshotPages = htmlFiles(snapshot);

  // A page with an error goes along: the checker must find it there (and nowhere else).
  const broken = path.join(tmp, 'broken.html');
  fs.writeFileSync(broken, '<!DOCTYPE html><html lang="sv"><head><title>x</title></head><body><a href="https://example.se/a<b">x</a></body></html>');
  const checked = [...files, appIndex, ...snapshotPages];
  const errors = vnu([broken, ...checked]);
  const brokenFound = errors.has(broken);
  errors.delete(broken);
  const report = [...errors].map(([file, list]) => `${path.relative(tmp, file).startsWith('..') ? file : path.relative(tmp, file)}:\n  ${list.join('\n  ')}`).join('\n');
  check('W3C Nu HTML Checker finds the error in a deliberately broken page', brokenFound, brokenFound ? '' : 'it reported nothing for broken.html');
  check(`W3C Nu HTML Checker: ${files.length} served pages${hostileTaken ? ' (one with a hostile evidence link)' : ''}, dist/index.html, ${snapshotPages.length} snapshot pages`,
    errors.size === 0, report);

  const openapiFile = path.join(tmp, 'openapi.json');
  await get(`${base}/api/v1/openapi.json`, openapiFile);
  try {
    const api = await SwaggerParser.validate(openapiFile);
    check('OpenAPI 3.1 (swagger-parser): /api/v1/openapi.json', true, `${api.openapi}, ${Object.keys(api.paths).length} paths`);
  } catch (e) {
    check('OpenAPI 3.1 (swagger-parser): /api/v1/openapi.json', false, e.message);
  }

  const scrape = await get(`${metrics}`);
  const promtool = spawnSync('promtool', ['check', 'metrics'], { input: scrape.body, encoding: 'utf8' });
  const promOut = `${promtool.stdout || ''}${promtool.stderr || ''}${promtool.error ? promtool.error.message : ''}`.trim();
  check(`promtool check metrics: /metrics (${scrape.type})`, promtool.status === 0, promtool.status === 0 ? '' : promOut || `exit ${promtool.status}`);

  for (const p of ['/resultat', `/resultat/${KOMMUN}`]) {
    const r = lighthouseSeo(`${base}${p}`, path.join(tmp, `lighthouse-${p.replaceAll('/', '-')}.json`));
    check(`Lighthouse SEO: ${p}`, r.score === 100, r.score === 100 ? `100, Lighthouse ${r.version}` : `score ${r.score}\n${r.failing.join('\n')}`);
  }
}

let failed;
try {
  await main();
} catch (e) {
  failed = e;
} finally {
  if (child) child.kill('SIGTERM');
}
if (failed) console.log(`FAIL ${failed.message}`);
const bad = results.filter((r) => !r.ok).length + (failed ? 1 : 0);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(bad ? `validators: ${bad} FAILED (${seconds} s)` : `validators: all ${results.length} checks passed (${seconds} s)`);
if (bad) console.log(`files kept in ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
process.exit(bad ? 1 : 0);
