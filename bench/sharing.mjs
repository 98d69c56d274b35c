// Working together (issue 20): a click in one browser to its display in another, on loopback,
// with many editors on one shared assessment (each a browser context of its own: its own storage,
// its own live stream). The click's time is the pointerdown's timestamp in the clicking page; the
// display's is the first animation frame in the watching page in which the radio shows checked.
// Both pages read the same machine clock (performance.timeOrigin + performance.now()).
//
//   node bench/sharing.mjs                       # starts target/release/blomlada-server on dist/
//   BENCH_EDITORS=30 BENCH_CLICKS=40 node bench/sharing.mjs
//   BENCH_SERVER=/path/server BENCH_DIST=/path/dist node bench/sharing.mjs
//   BENCH_WRITE=1 node bench/sharing.mjs         # also replaces the section in BENCHMARKS.md
// Figures, not tests: nothing fails when the budget (p95 ≤ 250 ms) is missed.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAssessment, waitForAllIndicators } from '../tests/e2e/helpers.mjs';
import { replaceSection } from './benchmarks_md.mjs';
import { stats } from './answering.mjs';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAMES = ['Uppfyller helt', 'Uppfyller delvis', 'Uppfyller inte'];

/** Installed in a watching page: resolves with the wall time of the first frame in which the
 * `nth` radio labelled `name` is checked. */
function watchFor([name, nth]) {
  return new Promise((resolve) => {
    const radios = () => [...document.querySelectorAll('input[type=radio]')].filter((r) => r.labels?.[0]?.textContent.trim() === name);
    const tick = () => {
      const r = radios()[nth];
      if (r && r.checked) resolve(performance.timeOrigin + performance.now());
      else requestAnimationFrame(tick);
    };
    tick();
  });
}

function markClicks() {
  window.__clicks = [];
  document.addEventListener('pointerdown', (e) => window.__clicks.push(performance.timeOrigin + e.timeStamp), true);
}

async function editor(browser, base, link, i) {
  const context = await browser.newContext({ baseURL: base, locale: 'sv-SE' });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill(`Redaktör ${i}`);
  await page.getByRole('button', { name: 'Öppna den delade värderingen' }).click();
  await page.waitForURL(/\/vardering\//);
  await waitForAllIndicators(page);
  return { context, page };
}

export async function measureSharing(browser, base, { editors = 30, clicks = 40 } = {}) {
  const ownerContext = await browser.newContext({ baseURL: base, locale: 'sv-SE' });
  const owner = await ownerContext.newPage();
  await createAssessment(owner, {});
  await owner.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  await owner.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill('Bänk, ägare');
  await owner.getByRole('button', { name: 'Dela värderingen' }).click();
  const link = await owner.getByRole('textbox', { name: 'Länk för att svara och ändra' }).inputValue();
  await owner.getByRole('link', { name: 'Svara' }).first().click();
  await waitForAllIndicators(owner);
  const pages = [{ context: ownerContext, page: owner }];
  for (let i = 1; i < editors; i++) pages.push(await editor(browser, base, link, i));
  for (const { page } of pages) await page.evaluate(markClicks);
  const indicators = await owner.getByRole('radio', { name: NAMES[0] }).count();

  const latencies = [];
  for (let c = 0; c < clicks; c++) {
    const from = pages[c % pages.length].page;
    const to = pages[(c + 1) % pages.length].page;
    const name = NAMES[c % 3];
    const nth = (c * 7) % indicators;
    const radio = from.getByRole('radio', { name }).nth(nth);
    await radio.scrollIntoViewIfNeeded();
    if (await radio.isChecked()) continue;
    const shown = to.evaluate(watchFor, [name, nth]);
    await radio.click();
    const displayed = await shown;
    const clicked = await from.evaluate(() => window.__clicks[window.__clicks.length - 1]);
    latencies.push(displayed - clicked);
    await from.waitForTimeout(100);
  }
  const load = os.loadavg()[0];
  for (const { context } of pages) await context.close();
  return { editors, ...stats(latencies), n: latencies.length, load, cpus: os.cpus().length };
}

const HEADING = '## Working together: a click in one browser to its display in another';

function round(x) {
  return Math.round(x);
}

export function renderSharing(s) {
  return [
    HEADING,
    '',
    `${s.editors} editors (browser contexts, one Chromium) on one shared assessment on loopback, ${s.n} answer clicks, each in one editor and watched in another; every editor receives every change. Load average ${s.load.toFixed(1)} on ${s.cpus} cores at the end of the run.`,
    '',
    '| figure | median | p95 | max | budget |',
    '| --- | --- | --- | --- | --- |',
    `| click → displayed in another browser | ${round(s.median)} ms | ${round(s.p95)} ms | ${round(s.max)} ms | p95 ≤ 250 ms |`,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = process.env.BENCH_BASE ? null : await startServer({});
  const base = process.env.BENCH_BASE || server.base;
  const browser = await launch();
  try {
    const s = await measureSharing(browser, base, {
      editors: Number(process.env.BENCH_EDITORS || 30),
      clicks: Number(process.env.BENCH_CLICKS || 40),
    });
    const section = renderSharing(s);
    console.log(section);
    if (process.env.BENCH_WRITE) replaceSection(path.join(root, 'BENCHMARKS.md'), HEADING, section);
  } finally {
    await browser.close();
    server?.child.kill();
  }
}
