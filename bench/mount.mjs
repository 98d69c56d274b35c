// The answering page's cold mount on a slow phone (issue 23): a saved assessment opened with an
// empty HTTP cache and no service worker, the CPU slowed 4× (DevTools
// `Emulation.setCPUThrottlingRate`, as Lighthouse's mobile preset). Per load: when the first
// answer control is in the page (its handlers are attached when it is inserted: the app renders
// on the client), when every group is rendered (`aria-busy="false"` on the list), and every long
// task (Long Tasks API, ≥ 50 ms) until then: the longest, and the blocking time (each task's time
// over 50 ms, summed, as Lighthouse's TBT).
//
//   node bench/mount.mjs                      # starts target/release/blomlada-server on dist/
//   BENCH_MOUNT_RUNS=7 BENCH_CPU=4 node bench/mount.mjs
//   BENCH_PROFILE=/tmp/mount.cpuprofile node bench/mount.mjs   # also a CPU profile of one load
//   BENCH_WRITE=1 node bench/mount.mjs        # also replaces the section in BENCHMARKS.md
// Figures, not tests: nothing fails when a budget is missed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAssessment } from '../tests/e2e/helpers.mjs';
import { launch } from './browser.mjs';
import { replaceSection } from './benchmarks_md.mjs';
import { startServer } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ms = (x) => (x === undefined || Number.isNaN(x) ? '–' : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

/** Installed before any script of the page: long tasks, and when the first answer control and
 * the fully rendered list appear. */
function observeMount() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (window.__firstControl === undefined && document.querySelector('main .areas input[type=radio]')) {
      window.__firstControl = performance.now();
    }
    if (window.__allRendered === undefined && document.querySelector('main .areas[aria-busy="false"]')) {
      window.__allRendered = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
}

/** One cold load of `url` at `rate`× CPU in `context`, which holds the assessment. */
async function coldLoad(context, url, rate, profileFile) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  if (profileFile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__allRendered !== undefined, null, { timeout: 60_000 });
  await page.waitForTimeout(300); // the last long task's entry arrives after it ends
  if (profileFile) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(profileFile, JSON.stringify(profile));
  }
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const until = window.__allRendered;
    const tasks = window.__longTasks.filter((t) => t.start < until);
    return {
      firstControl: window.__firstControl, allRendered: until, responseEnd: nav.responseEnd,
      longest: Math.max(0, ...tasks.map((t) => t.duration)),
      blocking: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      tasks: tasks.map((t) => Math.round(t.duration)),
      taskStarts: tasks.map((t) => `${Math.round(t.start)}:${Math.round(t.duration)}`),
      resources: performance.getEntriesByType("resource").map((r) => `${r.name.split("/").pop().slice(0, 24)} ${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`),
    };
  });
  await page.close();
  return r;
}

/** `runs` cold loads of a saved assessment's answering page at each CPU rate. */
export async function answeringMount(base, { runs = 5, rates = [1, 4], profile } = {}) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ baseURL: base, locale: 'sv-SE', serviceWorkers: 'block' });
    await context.addInitScript(observeMount);
    const setup = await context.newPage();
    const url = await createAssessment(setup);
    await setup.close();
    const out = {};
    for (const rate of rates) {
      const loads = [];
      for (let i = 0; i < runs; i++) loads.push(await coldLoad(context, url, rate, profile && rate === rates.at(-1) && i === 0 ? profile : null));
      out[rate] = {
        loads,
        firstControl: median(loads.map((l) => l.firstControl)),
        allRendered: median(loads.map((l) => l.allRendered)),
        longest: median(loads.map((l) => l.longest)),
        longestMax: Math.max(...loads.map((l) => l.longest)),
        blocking: median(loads.map((l) => l.blocking)),
      };
    }
    return out;
  } finally {
    await browser.close();
  }
}

export function mountSection(figures, runs) {
  const row = (rate) => {
    const f = figures[rate];
    return `| ${rate === 1 ? 'unthrottled' : `${rate}× CPU`} | ${ms(f.firstControl)} | ${ms(f.allRendered)} | ${ms(f.longest)} (max ${ms(f.longestMax)}) | ${ms(f.blocking)} | ${f.loads.map((l) => l.tasks.join(' + ') || '–').join('; ')} |`;
  };
  return [
    '## Answering page: cold mount (`node bench/mount.mjs`)',
    '',
    `A saved assessment (the default set, 124 indicators) opened cold: empty HTTP cache, no service worker, on loopback; ${runs} loads per row, medians. Times from navigation start. The first answer control is usable when it is in the page (the app renders on the client and attaches its handlers as it inserts it). Long tasks from the Long Tasks API up to the moment every group is rendered; blocking time = each task's time over 50 ms, summed (what Lighthouse's TBT sums). Budget: no task over 50 ms at 4× CPU.`,
    '',
    '| CPU | first answer control | every group rendered | longest task (median) | blocking time | long tasks per load (ms) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...Object.keys(figures).map(Number).map(row),
    '',
    'How the page gets there: the module is instantiated in one task, what is saved is read in the next, the page is drawn in a third, the indicator set is parsed in one of its own, the answering page draws its frame and then six indicators per paint (`INDICATORS_PER_SLICE`), and the service worker is registered after the first paint.',
  ].join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.env.BENCH_MOUNT_RUNS || 5);
  const server = await startServer();
  try {
    const figures = await answeringMount(server.base, { runs, rates: [1, Number(process.env.BENCH_CPU || 4)], profile: process.env.BENCH_PROFILE });
    for (const [rate, f] of Object.entries(figures)) {
      console.log(`${rate}× CPU: first answer control ${ms(f.firstControl)}, every group ${ms(f.allRendered)}, longest task ${ms(f.longest)} (max ${ms(f.longestMax)}), blocking ${ms(f.blocking)}`);
      for (const l of f.loads) {
        console.log(`  control ${ms(l.firstControl)}, all ${ms(l.allRendered)}, tasks ${l.tasks.join(' + ') || '–'}`);
        if (process.env.BENCH_VERBOSE) console.log(`    long tasks (start:duration) ${l.taskStarts.join(' ')}; loaded ${l.resources.join(', ')}`);
      }
    }
    if (process.env.BENCH_WRITE) {
      replaceSection(path.join(root, 'BENCHMARKS.md'), '## Answering page: cold mount', mountSection(figures, runs));
      console.log('BENCHMARKS.md: section replaced');
    }
  } finally {
    server.child.kill('SIGTERM');
  }
}
