// Where an answer click's time goes, per build: for comparing two builds of the same source
// (`xtask build` and `xtask build --no-split`, say), not a budget figure. 60 answer clicks on the
// default set at 4× CPU (or BENCH_RATE), with
// - to the next frame per click (pointerdown → requestAnimationFrame → task; full resolution),
//   the click handlers' own time (Event Timing processingEnd − processingStart) and the Event
//   Timing durations (8 ms steps, what INP is made of);
// - the browser's style and layout time per click (DevTools `Performance.getMetrics`);
// - a CPU profile (DevTools `Profiler`, 100 µs sampling), summed per function for the app's own
//   WASM and JS only (Playwright's locators run in the same page and are left out).
// Functions have names only in a build that keeps them (wasm-opt drops them otherwise):
//
//   cargo run --release --manifest-path xtask/Cargo.toml -- build --dist /tmp/split --keep-names
//   cargo run --release --manifest-path xtask/Cargo.toml -- build --dist /tmp/one --keep-names --no-split
//   node bench/click_profile.mjs /tmp/split [OUT.json]   # serves it with target/release/blomlada-server (or BENCH_SERVER)
// Run builds alternately, several times each: one run's medians move by several ms on this machine.
import fs from 'node:fs';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';
import { createAssessment, waitForAllIndicators } from '../tests/e2e/helpers.mjs';

const [dist, out] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node bench/click_profile.mjs DIST [OUT.json]');
  process.exit(2);
}
const rate = Number(process.env.BENCH_RATE || 4);
const CLICKS = 60;
const NAMES = ['Uppfyller helt', 'Uppfyller delvis', 'Uppfyller inte'];

const server = await startServer({ dist });
const base = server.base;

const sorted = (a) => [...a].sort((x, y) => x - y);
const median = (a) => sorted(a)[Math.floor(a.length / 2)];
const p90 = (a) => sorted(a)[Math.floor(a.length * 0.9)];

const browser = await launch();
try {
  const context = await browser.newContext({ locale: 'sv-SE', baseURL: base, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await createAssessment(page);
  await waitForAllIndicators(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.evaluate(() => {
    window.__frames = [];
    window.__events = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__events.push({ name: e.name, processing: e.processingEnd - e.processingStart, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 0 });
    document.addEventListener('pointerdown', (e) => {
      const t = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__frames.push(performance.now() - t), 0));
    }, true);
  });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await cdp.send('Performance.enable');
  const before = await metrics();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const indicators = await page.getByRole('radio', { name: NAMES[0] }).count();
  for (let i = 0; i < CLICKS; i++) {
    const radio = page.getByRole('radio', { name: NAMES[i % 3] }).nth((i * 7) % indicators);
    await radio.scrollIntoViewIfNeeded();
    await page.waitForTimeout(60);
    await radio.click();
    await page.waitForTimeout(150);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const after = await metrics();
  await page.waitForTimeout(300);
  const { frames, events } = await page.evaluate(() => ({ frames: window.__frames, events: window.__events }));

  const clicks = events.filter((e) => e.name === 'click');
  const perClick = (key) => ((after[key] - before[key]) * 1000 / CLICKS).toFixed(2);
  console.log(`${dist} at ${rate}× CPU, ${CLICKS} clicks, ${indicators} indicators, ${after.Nodes} DOM nodes`);
  console.log(`  to the next frame: median ${median(frames).toFixed(1)} ms, p90 ${p90(frames).toFixed(1)} ms`);
  console.log(`  click handlers: median ${median(clicks.map((e) => e.processing)).toFixed(1)} ms, p90 ${p90(clicks.map((e) => e.processing)).toFixed(1)} ms`);
  console.log(`  Event Timing (click): median ${median(clicks.map((e) => e.duration))} ms, p90 ${p90(clicks.map((e) => e.duration))} ms`);
  console.log(`  per click: layout ${perClick('LayoutDuration')} ms (${((after.LayoutCount - before.LayoutCount) / CLICKS).toFixed(1)} layouts), ` +
    `style ${perClick('RecalcStyleDuration')} ms`);

  // Self time per function of the app's own code (WASM and its JS glue).
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const { url, functionName } = nodes.get(profile.samples[i]).callFrame;
    if (!url.startsWith('wasm') && !url.includes('blomlada') && !url.includes('split')) continue;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(functionName || '(anonymous)', (self.get(functionName || '(anonymous)') || 0) + ms);
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]);
  const total = top.reduce((s, [, v]) => s + v, 0);
  console.log(`  the app's code: ${total.toFixed(0)} ms in all, ${(total / CLICKS).toFixed(2)} ms per click; most self time:`);
  for (const [name, ms] of top.slice(0, 15)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name.slice(0, 120)}`);
  if (out) fs.writeFileSync(out, JSON.stringify({ dist, rate, frames, events, top }, null, 1));
} finally {
  await browser.close();
  server.child.kill();
}
