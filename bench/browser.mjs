// The browser half of the benchmark: cold and warm loads, answer → redraw, and the comparison
// in WASM, measured inside Debian's Chromium with performance.now(), PerformanceObserver and
// the DevTools protocol. Used by bench/run.mjs against a running blomlada-server.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { createAssessment, waitForAllIndicators } from '../tests/e2e/helpers.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Runs in the page before its own scripts. "Interactive" is the moment the app has put the start
 * page's heading into the DOM: the page is client-side rendered, so the WASM has loaded, run and
 * attached its event handlers by then. "Painted" is the first frame after it.
 */
function loadObservers() {
  const b = (window.__bench = {});
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b[e.name] = e.startTime; })
      .observe({ type: 'paint', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.lcp = e.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  } catch { /* older browsers */ }
  const mo = new MutationObserver(() => {
    if (b.interactive === undefined && document.querySelector('main h1')) {
      b.interactive = performance.now();
      performance.mark('blomlada:interactive');
      mo.disconnect();
      requestAnimationFrame(() => setTimeout(() => { b.painted = performance.now(); }, 0));
    }
  });
  mo.observe(document, { childList: true, subtree: true });
}

async function measureLoad(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench && window.__bench.painted !== undefined, null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource').map((r) => ({
      url: r.name, transfer: r.transferSize, encoded: r.encodedBodySize, decoded: r.decodedBodySize, duration: r.duration,
    }));
    return {
      ...window.__bench,
      responseEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      loadEvent: nav.loadEventEnd,
      transfer: nav.transferSize + resources.reduce((s, r) => s + r.transfer, 0),
      documentTransfer: nav.transferSize,
      resources,
      controlled: !!navigator.serviceWorker?.controller,
    };
  });
}

/** JS heap after load, through the DevTools protocol, before and after a garbage collection. */
async function heap(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metric();
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await metric();
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return {
    jsHeapUsedBeforeGc: before.JSHeapUsedSize,
    jsHeapUsed: after.JSHeapUsedSize,
    jsHeapTotal: after.JSHeapTotalSize,
    // ArrayBuffers outside the JS heap: the WASM linear memory is most of it.
    backingStorage: usage.backingStorageSize,
    nodes: after.Nodes,
  };
}

/** Cold loads, each in a fresh context (empty cache, no service worker). */
export async function coldLoads(browser, base, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.addInitScript(loadObservers);
    const load = await measureLoad(page, `${base}/`);
    load.heap = await heap(context, page);
    out.push(load);
    await context.close();
  }
  return out;
}

/** Loads with the service worker installed and its cache filled (a repeat visit). */
export async function warmLoads(browser, base, runs) {
  const context = await browser.newContext({ locale: 'sv-SE' });
  const first = await context.newPage();
  await first.goto(`${base}/`);
  await first.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!reg.active) return false;
    const names = await caches.keys();
    let entries = 0;
    for (const n of names) entries += (await (await caches.open(n)).keys()).length;
    return entries >= 4;
  }, null, { timeout: 30_000, polling: 200 });
  await first.close();
  const out = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.addInitScript(loadObservers);
    out.push(await measureLoad(page, `${base}/`));
    await page.close();
  }
  await context.close();
  return out;
}

/**
 * Answer → redrawn flower box with the full default set. The overview (the flower box) is its
 * own page, so it is open in a second tab beside the answering tab, as in a workshop; the click's
 * event time in one tab and the redraw (the canvas's data-drawn counter changing) in the other
 * are compared on the shared clock (timeOrigin + now). Also: answer → the answering page's next
 * frame, and a click on the overview that redraws the same picture in one page (language switch).
 */
export async function answerToRedraw(browser, base, clicks) {
  const context = await browser.newContext({ locale: 'sv-SE', baseURL: base });
  const answering = await context.newPage();
  const assessmentPath = await createAssessment(answering);
  const overview = await context.newPage();
  // Registered before the app's scripts run, so it fires before the app's own listener merges.
  await overview.addInitScript(() => {
    window.__storage = [];
    window.addEventListener('storage', () => window.__storage.push(performance.timeOrigin + performance.now()));
  });
  await overview.goto(`${assessmentPath}/oversikt`);
  await overview.waitForSelector('canvas[data-drawn]');
  await overview.waitForFunction(() => Number(document.querySelector('canvas[data-drawn]').dataset.drawn) > 0);
  const watchDraws = () => {
    window.__draws = [];
    const canvas = document.querySelector('canvas[data-drawn]');
    new MutationObserver(() => {
      const drawn = performance.timeOrigin + performance.now();
      requestAnimationFrame(() => setTimeout(() => window.__draws.push({ drawn, painted: performance.timeOrigin + performance.now() }), 0));
    }).observe(canvas, { attributes: true, attributeFilter: ['data-drawn'] });
  };
  await overview.evaluate(watchDraws);
  await answering.evaluate(() => {
    window.__clicks = [];
    window.__updates = [];
    document.addEventListener('click', (e) => {
      const click = performance.timeOrigin + e.timeStamp;
      window.__clicks.push(click);
      const mo = new MutationObserver(() => {
        mo.disconnect();
        const dom = performance.timeOrigin + performance.now() - click;
        requestAnimationFrame(() => setTimeout(() => window.__updates.push({ dom, painted: performance.timeOrigin + performance.now() - click }), 0));
      });
      mo.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true });
    }, true);
  });
  const names = ['Uppfyller helt', 'Uppfyller delvis', 'Uppfyller inte'];
  // The tab the user clicks in is the one in front (headless Chromium throttles the frames and
  // timers of the other); the overview tab still gets the storage event and draws.
  await answering.bringToFront();
  await waitForAllIndicators(answering);
  const indicators = await answering.getByRole('radio', { name: names[0] }).count();
  const total = clicks + 3;
  for (let i = 0; i < total; i++) {
    // Every click changes an answer: the next answer after the one the indicator has now.
    const k = (i * 7) % indicators;
    let now = -1;
    for (let j = 0; j < 3; j++) if (await answering.getByRole('radio', { name: names[j] }).nth(k).isChecked()) now = j;
    await answering.getByRole('radio', { name: names[(now + 1) % 3] }).nth(k).click();
    await overview.waitForFunction((n) => window.__draws.length >= n, i + 1, { timeout: 10_000 })
      .catch(async (e) => { console.error("click", i, await overview.evaluate(() => window.__draws.length), await answering.evaluate(() => window.__clicks.length)); throw e; });
  }
  const clickTimes = await answering.evaluate(() => window.__clicks);
  const updates = await answering.evaluate(() => window.__updates);
  const draws = await overview.evaluate(() => window.__draws);
  const storage = await overview.evaluate(() => window.__storage);
  const redraw = [];
  const redrawPainted = [];
  const toStorage = [];
  const storageToDrawn = [];
  clickTimes.forEach((t, i) => {
    const next = i + 1 < clickTimes.length ? clickTimes[i + 1] : Infinity;
    const d = draws.find((x) => x.drawn >= t && x.drawn < next);
    const ev = storage.find((x) => x >= t && x < next);
    if (d && i >= 3) {
      redraw.push(d.drawn - t);
      redrawPainted.push(d.painted - t);
      if (ev !== undefined) { toStorage.push(ev - t); storageToDrawn.push(d.drawn - ev); }
    }
  });

  // One page: the language switch on the overview lays out and redraws the whole picture.
  const onePage = [];
  await overview.evaluate(watchDraws);
  for (let i = 0; i < clicks + 3; i++) {
    const t = await overview.evaluate(() => new Promise((resolve) => {
      const btn = document.querySelector('button.lang-switch');
      let click = 0;
      btn.addEventListener('click', (e) => { click = performance.timeOrigin + e.timeStamp; }, { once: true, capture: true });
      const before = window.__draws.length;
      btn.click();
      const wait = () => (window.__draws.length > before
        ? resolve({ drawn: window.__draws[before].drawn - click, painted: window.__draws[before].painted - click })
        : setTimeout(wait, 1));
      wait();
    }));
    if (i >= 3) onePage.push(t);
  }
  await context.close();
  return {
    indicators, redraw, redrawPainted, toStorage, storageToDrawn,
    pageDom: updates.slice(3).map((u) => u.dom), pageUpdate: updates.slice(3).map((u) => u.painted),
    onePage: onePage.map((o) => o.painted), onePageDrawn: onePage.map((o) => o.drawn),
  };
}

/** The comparison over `n` results in WASM (bench/compare built for wasm32, release profile). */
export async function compareInWasm(browser, base, pkgDir, setJson, n) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/__bench/**', (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>bench</title>' });
    const file = path.join(pkgDir, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ path: file, contentType: type });
  });
  await page.goto(`${base}/__bench/index.html`);
  const result = await page.evaluate(async ({ setJson, n }) => {
    const m = await import('/__bench/blomlada_bench_compare.js');
    await m.default({ module_or_path: '/__bench/blomlada_bench_compare_bg.wasm' });
    const bench = new m.Bench(setJson, n);
    const json = bench.results_json();
    const time = (runs, f) => {
      for (let i = 0; i < 5; i++) f();
      const ms = [];
      for (let i = 0; i < runs; i++) { const t = performance.now(); f(); ms.push(performance.now() - t); }
      return ms;
    };
    return {
      results: bench.results(), indicators: bench.indicators(), jsonBytes: json.length,
      compareAll: time(100, () => bench.compare_all()),
      compareSizeGroup: time(100, () => bench.compare_size_group()),
      parseAndCompare: time(20, () => bench.parse_and_compare(json)),
    };
  }, { setJson, n });
  await context.close();
  return result;
}
