// Renders BENCHMARKS.md from the figures bench/run.mjs measured.

const ms = (x) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const n = (x) => Math.round(x).toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
const mark = (ok) => (ok ? 'met' : '**missed**');

export function render(m, f, { RUNS, CLICKS, WRK_SECONDS }) {
  const audited = f.lighthouse.filter((r) => !r.failed);
  const home = audited.filter((r) => new URL(r.url).pathname === '/');
  const perf = home.length ? [...home.map((r) => r.performance)].sort((a, b) => a - b)[Math.floor((home.length - 1) / 2)] : NaN;
  const a11yMin = audited.length ? Math.min(...audited.map((r) => r.accessibility)) : NaN;
  const list200 = f.list.find((r) => r.connections === 200);
  // First load (bench/load.mjs): bytes on the wire as Chromium counted them; Lighthouse medians per page.
  const wire = f.wire ? f.wire.pageTotal : f.firstLoad.gzip;
  const lhPages = (f.lighthouseMedians || []).filter((x) => x.runs > 0);
  const lhPerf = lhPages.length ? Math.min(...lhPages.map((x) => x.performance)) : perf;
  const lhLcp = lhPages.length ? Math.max(...lhPages.map((x) => x.lcp)) : NaN;
  const heap = f.cold.heapBeforeGc.median;

  const budgets = [
    [f.wire ? 'First visit to `/` on the wire (Chromium\'s count: brotli, headers included)' : 'First-load transfer (gzip, everything the first visit fetches)', '≤ 200 KB', kb(wire), wire <= 200 * 1024],
    ['Cold load to interactive, loopback (median)', '≤ 300 ms', ms(f.cold.interactive.median), f.cold.interactive.median <= 300],
    ['JS heap after load (median, before GC)', '≤ 10 MB', mb(heap), heap <= 10 * 1048576],
    ['Answer → redrawn flower box, full set (p95)', '≤ 16 ms', ms(f.redraw.redraw.p95), f.redraw.redraw.p95 <= 16],
    ['Comparison over 290 results in WASM (median; p95)', '≤ 50 ms', `${ms(f.compareWasm.all.median)}; ${ms(f.compareWasm.all.p95)}`, f.compareWasm.all.p95 <= 50],
    ['Listing 290 published results, 200 connections (p99)', '≤ 20 ms', ms(list200.p99), list200.p99 <= 20],
    ['Server resident memory (peak under load)', '≤ 50 MB', mb(f.memory.afterLoad.hwm), f.memory.afterLoad.hwm <= 50 * 1048576],
    [lhPages.length ? `Lighthouse performance, mobile (median of ${lhPages[0].runs}; lowest of ${lhPages.map((x) => `\`${x.page}\``).join(', ')})` : 'Lighthouse performance, mobile (median of start page)', '≥ 95', String(lhPerf), lhPerf >= 95],
    ...(lhPages.length ? [['Lighthouse largest contentful paint, mobile (median; slowest page)', '≤ 2.0 s', ms(lhLcp), lhLcp <= 2000]] : []),
    ['Lighthouse accessibility, mobile (lowest page)', '100', String(a11yMin), a11yMin >= 100],
  ];

  const lines = [];
  const p = (...l) => lines.push(...l);
  p('# Benchmarks',
    '',
    `Made by \`make bench\` (bench/run.sh → bench/run.mjs) on ${m.date}, commit \`${m.commit}\`${m.dirty ? ' with uncommitted changes in the tree (the build measured is the working tree)' : ''}.`,
    '',
    `- Machine: ${m.cpu}, ${m.memory} RAM, ${m.os}`,
    `- ${m.chromium} (headless, \`--no-sandbox --disable-gpu\`), Node ${m.node}, ${m.rustc}, ${m.wrk}, Lighthouse ${m.lighthouse}`,
    `- Load average ${m.load} at the start, ${m.loadAfter} at the end (the benchmark's own load generator and browser share the 2 cores with the server; a load above 2 at the start means something else was running too, and times are then pessimistic).`,
    `- Knobs: \`BENCH_RUNS\` (${RUNS} loads each), \`BENCH_CLICKS\` (${CLICKS}), \`BENCH_WRK_SECONDS\` (${WRK_SECONDS}), \`BENCH_LIGHTHOUSE_RUNS\`, \`BLOMLADA_FUZZ_CASES\`. These are benchmark figures, not tests: nothing fails when a budget is missed.`,
    '',
    '## Budgets',
    '',
    '| Budget | Target | Measured | |',
    '| --- | --- | --- | --- |',
    ...budgets.map(([name, target, got, ok]) => `| ${name} | ${target} | ${got} | ${mark(ok)} |`),
    '',
    'Where a budget is missed, the section below says where it stands and what holds it back.',
    '');

  // ---- bundle ----
  p('## Release bundle (`make build`: xtask)', '',
    '| Part | Raw | gzip -9 | brotli |', '| --- | ---: | ---: | ---: |',
    ...f.bundle.map((b) => `| ${b.name} | ${kb(b.raw)} | ${kb(b.gzip)} | ${kb(b.brotli)} |`),
    '',
    `A cold first visit fetched ${f.firstLoad.files.map((x) => `\`${x.path}\``).join(', ')}: ${kb(f.firstLoad.raw)} raw, ${kb(f.firstLoad.gzip)} gzip. ` +
    `The browser measured ${kb(f.cold.transfer.median)} transferred (Resource Timing): blomlada-server sends the build's brotli copies to browsers that accept them.`,
    '');
  if (wire > 200 * 1024) {
    const wasm = f.bundle.find((b) => b.name === 'wasm');
    const wasmWire = f.wire?.page.find((r) => r.path.endsWith('.wasm'))?.wire;
    p(`**Transfer budget missed.** The first WASM module is ${kb(wasmWire ?? wasm.gzip)} of the ${kb(wire)} on the wire (${kb(wasm.raw)} raw; brotli ${kb(wasm.brotli)}, gzip ${kb(wasm.gzip)}). ` +
      'The flower box, comparison, import and concordance, report, publishing and plan pages are split off into chunks loaded when opened (table below); ' +
      'what stays is what the start, new-assessment and answering pages need: Leptos (renderer, reactive graph, router), serde_json with serde_path_to_error, ' +
      'the domain rules for sets, saved assessments and results, the kommun list, both text tables, and the answering page itself. ' +
      'Built with `opt-level = "z"`, LTO, one codegen unit, `panic = "abort"`, `wasm-opt -Oz`, brotli quality 11. ' +
      'Splitting the answering and new-assessment pages off as well was measured at 247 KB brotli for the first module (and 129 chunk files): ' +
      'what every page shares is already above the budget.', '');
  }
  if (f.chunks?.pages?.length) {
    p('### Pages loaded when opened', '',
      `Code split at the app's \`#[wasm_split]\` points (\`src/pages/split.rs\`) by \`wasm_split_cli_support\` in \`xtask\`: ${f.chunks.files} chunk files, ${kb(f.chunks.brotli)} brotli in all, ` +
      'which the service worker precaches after the first visit. Opening a page fetches its own chunk and the chunks it shares with other pages (in parallel); ' +
      'a page opened again in the same tab needs nothing.', '',
      '| Page | Fetched when first opened (brotli) | Files | Its own chunk |', '| --- | ---: | ---: | ---: |',
      ...f.chunks.pages.map((c) => `| ${c.page} | ${kb(c.brotli)} | ${c.files} | ${kb(c.own)} |`), '');
  }

  if (f.wire) {
    p('### First visit on the wire', '',
      `A cold first visit to \`/\` in a fresh Chromium context, counted by Chromium itself (DevTools protocol \`Network.loadingFinished\` encodedDataLength: ` +
      'compressed body and headers). blomlada-server sends the brotli copies the build wrote beside each file (`Content-Encoding: br`).', '',
      '| Response | Content-Encoding | On the wire |', '| --- | --- | ---: |',
      ...f.wire.page.map((r) => `| \`${r.path}\` | ${r.encoding} | ${kb(r.wire)} |`),
      `| **The page, in all** | | **${kb(f.wire.pageTotal)}** |`,
      '',
      ...(f.wirePages ? ['The same count for each page a link can open first (the answering page with an assessment in storage, nothing cached):', '',
        '| First visit to | Responses | On the wire |', '| --- | ---: | ---: |',
        ...f.wirePages.map((w) => `| \`${w.path}\` | ${w.page.length} | ${kb(w.pageTotal)} |`), ''] : []),
      `After the page was interactive the service worker precached what offline use needs (the pages' chunks, ` +
      `the indicator sets and concordances): ${f.wire.worker.length} requests, ${kb(f.wire.workerTotal)} more on the wire, in the background.`, '');
  }

  // ---- loads ----
  p('## Loads in headless Chromium on loopback', '',
    `Interactive = the app has rendered the start page's heading: the page is rendered on the client, so the WASM has been fetched, compiled and run and its event handlers are attached. ` +
    `Measured in the page with \`performance.now()\` (a \`MutationObserver\` set up before any script) and \`PerformanceObserver\` for paint; ${RUNS} runs each.`, '',
    '| | Interactive (median) | min – max | First contentful paint | Next frame painted |', '| --- | ---: | ---: | ---: | ---: |',
    `| Cold, fresh context each time (empty cache) | ${ms(f.cold.interactive.median)} | ${ms(f.cold.interactive.min)} – ${ms(f.cold.interactive.max)} | ${ms(f.cold.fcp.median)} | ${ms(f.cold.painted.median)} |`,
    `| Service worker warm (repeat visit, same context) | ${ms(f.warm.interactive.median)} | ${ms(f.warm.interactive.min)} – ${ms(f.warm.interactive.max)} | – | ${ms(f.warm.painted.median)} |`,
    '',
    `Warm loads were controlled by the service worker: ${f.warm.controlled ? 'yes' : 'NO'}; they transferred ${kb(f.warm.transfer.median)} (the navigation only).`,
    '',
    `JS heap after a cold load (DevTools protocol \`Performance.getMetrics\`): **${mb(f.cold.heapBeforeGc.median)}** used, ${mb(f.cold.heap.median)} after a forced GC. ` +
    `ArrayBuffers outside the JS heap (mostly the WASM linear memory): ${mb(f.cold.backing.median)}.`,
    '');
  if (f.cold.interactive.median > 300) {
    p('**Cold-load budget missed.** Most of the time is fetching and compiling the WASM module (see the bundle) on a CPU shared with compilers; ' +
      'the warm figure, where the module comes from the service worker cache, shows the rest of start-up is small.', '');
  }

  // ---- redraw ----
  const r = f.redraw;
  p('## Answer → redrawn flower box', '',
    `With the default set (${r.indicators} indicators). The flower box lives on its own page (\`/vardering/:id/oversikt\`); the answering page has none. ` +
    'So the overview is open in a second tab of the same browser, as in a workshop where one screen shows the picture: the click in the answering tab ' +
    'saves to localStorage, the `storage` event reaches the overview tab, which merges, lays out and redraws its canvas. Times are taken on the shared clock ' +
    '(`performance.timeOrigin + now()`) from the click event\'s timestamp to the moment the canvas\'s `data-drawn` counter changes (drawing done). ' +
    'No change to the app was needed for this.', '',
    '| | median | p95 | max |', '| --- | ---: | ---: | ---: |',
    `| **Answer click → flower box redrawn** (other tab) | **${ms(r.redraw.median)}** | **${ms(r.redraw.p95)}** | ${ms(r.redraw.max)} |`,
    `| … of which click → \`storage\` event in the overview tab (save, delivery) | ${ms(r.toStorage.median)} | ${ms(r.toStorage.p95)} | ${ms(r.toStorage.max)} |`,
    `| … of which \`storage\` event → drawn (merge, layout, draw) | ${ms(r.storageToDrawn.median)} | ${ms(r.storageToDrawn.p95)} | ${ms(r.storageToDrawn.max)} |`,
    `| Answer click → flower box's next frame painted | ${ms(r.redrawPainted.median)} | ${ms(r.redrawPainted.p95)} | ${ms(r.redrawPainted.max)} |`,
    `| Answer click → answering page's DOM changed | ${ms(r.pageDom.median)} | ${ms(r.pageDom.p95)} | ${ms(r.pageDom.max)} |`,
    `| Answer click → answering page's next frame painted | ${ms(r.pageUpdate.median)} | ${ms(r.pageUpdate.p95)} | ${ms(r.pageUpdate.max)} |`,
    `| Click on the overview (language switch) → whole picture laid out and redrawn | ${ms(r.onePageDrawn.median)} | ${ms(r.onePageDrawn.p95)} | ${ms(r.onePageDrawn.max)} |`,
    `| … → next frame painted | ${ms(r.onePage.median)} | ${ms(r.onePage.p95)} | ${ms(r.onePage.max)} |`,
    '', `${r.redraw.n} clicks each, after 3 warm-up clicks.`, '');
  if (r.redraw.p95 > 16) {
    p(`**Redraw budget missed at the tail.** The median answer → redraw is ${ms(r.redraw.median)}, inside one frame; the p95 is ${ms(r.redraw.p95)}. ` +
      `Of that, saving and delivering the change to the other tab takes ${ms(r.toStorage.median)} (p95 ${ms(r.toStorage.p95)}); merging, laying out and drawing takes ` +
      `${ms(r.storageToDrawn.median)} (p95 ${ms(r.storageToDrawn.p95)}), and on one page a relayout and redraw alone takes ${ms(r.onePageDrawn.median)} (p95 ${ms(r.onePageDrawn.p95)}). ` +
      'What holds it back: every change lays out the whole box again (the layout is one memo of the whole picture) and redraws every petal, bar, tile, label and the legend ' +
      'with plotters on a canvas at twice the CSS size (for sharpness), in software rendering (no GPU here), on 2 cores shared with compilers, so the tail follows the machine\'s load. ' +
      'Redrawing only what changed (one petal or bar) or keeping the static parts (box, labels, legend) in a second canvas would leave room within a frame.', '');
  }
  p(`Not a budget, but felt when answering: after a click the answering page itself takes ${ms(r.pageDom.median)} (p95 ${ms(r.pageDom.p95)}) before its DOM changes and ` +
    `${ms(r.pageUpdate.median)} to its next frame — longer than the other tab needs to redraw the whole flower box. This benchmark does not look into why.`, '');

  // ---- comparison ----
  const c = f.compareWasm;
  const cn = f.compareNative;
  p('## Comparison over 290 published results', '',
    `290 synthetic complete results (every kommun, every one of the ${c.indicators} indicators answered, seeded) compared with \`blomlada_domain::comparison::compare\`, ` +
    'the function the comparison page runs. Measured by `bench/compare` (its own crate, the app\'s release profile): natively, and built for wasm32 and run in Chromium ' +
    '(loaded into a blank page, timed with `performance.now()`).', '',
    '| | WASM in Chromium, median | p95 | native, median | p95 |', '| --- | ---: | ---: | ---: | ---: |',
    `| All 290 | ${ms(c.all.median)} | ${ms(c.all.p95)} | ${ms(cn.compare_all.median_ms)} | ${ms(cn.compare_all.p95_ms)} |`,
    `| One size group | ${ms(c.sizeGroup.median)} | ${ms(c.sizeGroup.p95)} | ${ms(cn.compare_size_group.median_ms)} | ${ms(cn.compare_size_group.p95_ms)} |`,
    `| Parse the ${kb(c.jsonBytes)} of results JSON, then compare all | ${ms(c.parse.median)} | ${ms(c.parse.p95)} | ${ms(cn.parse_and_compare.median_ms)} | ${ms(cn.parse_and_compare.p95_ms)} |`,
    '');

  // ---- server ----
  p('## Server on loopback', '',
    `blomlada-server (release) with a temporary SQLite database, 290 kommuner each with its own token (\`token issue\`) and one published result each. ` +
    `Load from \`wrk -t2 --latency\`, ${WRK_SECONDS} s per row, on the same 2 cores as the server. Publishing sends every kommun's file in turn with a new title each time, ` +
    'so every request stores a new current result and keeps the old one as history (SQLite WAL, `synchronous=FULL`).', '',
    '| Request | Connections | p50 | p99 | Requests/s | non-2xx |', '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...f.list.map((x) => `| \`GET /api/v1/published\` (290 results) | ${x.connections} | ${ms(x.p50)} | ${ms(x.p99)} | ${n(x.rps)} | ${x.non2xx} |`),
    ...f.results.map((x) => `| \`GET /api/v1/results\` (290 with answers) | ${x.connections} | ${ms(x.p50)} | ${ms(x.p99)} | ${n(x.rps)} | ${x.non2xx} |`),
    ...f.publish.map((x) => `| \`POST /api/v1/published\` | ${x.connections} | ${ms(x.p50)} | ${ms(x.p99)} | ${n(x.rps)} | ${x.non2xx} |`),
    '',
    `Seeding (one connection, one publish after the other): ${ms(f.seed.median)} median, ${ms(f.seed.p99)} p99.`,
    '',
    `Resident memory (VmRSS from /proc): ${mb(f.memory.idle.rss)} idle, ${mb(f.memory.seeded.rss)} after seeding, ${mb(f.memory.afterList.rss)} after the list runs ` +
    `(peak so far ${mb(f.memory.afterList.hwm)}), ${mb(f.memory.afterReads.rss)} after \`GET /results\` at 50 connections, ${mb(f.memory.afterLoad.rss)} after publishing; ` +
    `peak (VmHWM) **${mb(f.memory.afterLoad.hwm)}**. The publish runs left ${n(f.rowsAfterPublish)} rows (current and history) in the database.`, '');
  if (list200.p99 > 20) {
    const l50 = f.list.find((x) => x.connections === 50);
    p(`**Listing budget missed.** The server lists 290 results about ${n(list200.rps)} times a second whatever the concurrency, so with 200 connections requests queue ` +
      `(p50 ${ms(list200.p50)}, p99 ${ms(list200.p99)}; at 50 connections p99 ${ms(l50.p99)}). What holds it back, in the code: \`db::list_current\` selects every column ` +
      'including `body`, the whole stored result file, for each of the 290 rows although the list never shows answers; all database work goes through one SQLite connection ' +
      'behind a mutex; and each response is built as a `serde_json::Value` tree before it is written — every request again, while wrk and the server share the 2 cores. ' +
      'Leaving `body` out of the list query, and keeping the rendered list bytes in memory until the next publish (as the parsed results already are for `/results`), ' +
      'would make a list a memory copy; the static snapshot (`snapshot DIR`) behind a CDN is the way reads scale beyond one machine.', '');
  }
  if (f.memory.afterLoad.hwm > 50 * 1048576) {
    p(`**Memory budget missed.** The server needs ${mb(f.memory.idle.rss)} idle and ${mb(f.memory.seeded.rss)} with the 290 results; ` +
      `${mb(f.memory.afterList.hwm)} at the peak of the list runs, ${mb(f.memory.afterReads.rss)} after \`GET /results\` at 50 connections and ` +
      `${mb(f.memory.afterLoad.hwm)} at the peak overall. Reads keep one rendered copy per query until the next publish and render one at a time, so they no ` +
      'longer grow with the number of readers; the peak comes from the publish runs, where every request in flight holds its body, the parsed result file and ' +
      'the JSON the database stores, and from the allocator keeping what it got (RSS does not shrink back after a run). A smaller body copy per publish ' +
      '(validating from the bytes once) and an allocator that returns memory would bring it nearer the budget.', '');
  }

  // ---- lighthouse ----
  p('## Lighthouse 12 (mobile preset: simulated slow 4G, 4× CPU slowdown)', '');
  if (lhPages.length) {
    p(`Medians of ${lhPages[0].runs} runs per page. The answering page needs a saved assessment: it is created in a Chromium profile whose service worker and caches are ` +
      'then removed, and Lighthouse runs on that profile without resetting storage, so the page loads cold with the assessment in localStorage.', '',
      '| Page (median) | Performance | Accessibility | FCP | LCP | TBT | CLS | Speed index | LCP element |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...lhPages.map((x) => `| \`${x.page}\` | ${x.performance} | ${x.accessibility} | ${ms(x.fcp)} | ${ms(x.lcp)} | ${ms(x.tbt)} | ${x.cls?.toFixed(3)} | ${ms(x.si)} | \`${(x.lcpElement || '–').replace(/\|/g, '\\|').slice(0, 80)}\` |`),
      '', 'Every run:', '');
  }
  p(
    '| Page | Performance | Accessibility | Best practices | FCP | LCP | TBT | Speed index |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...f.lighthouse.filter((x) => x.failed).map((x) => `| \`${new URL(x.url).pathname}\` | – | – | – | – | – | – | Lighthouse failed three times: ${x.failed} |`),
    ...audited.map((x) => `| \`${new URL(x.url).pathname}\` | ${x.performance} | ${x.accessibility} | ${x.bestPractices} | ${ms(x.fcp)} | ${ms(x.lcp)} | ${ms(x.tbt)} | ${ms(x.si)} |`),
    '',
    `Accessibility audits not passed: ${[...new Set(audited.flatMap((x) => x.failingAccessibility))].join(', ') || 'none'}. ` +
    `Best-practices audits not passed: ${[...new Set(audited.flatMap((x) => x.failingBestPractices))].join(', ') || 'none'}. ` +
    `Performance audits not at full score: ${[...new Set(audited.flatMap((x) => x.failingPerformance))].join(', ') || 'none'}.`,
    '',
    `Performance opportunities Lighthouse names: ${[...new Set(audited.flatMap((x) => x.opportunities))].join('; ') || 'none'}.`,
    'Other pages that need a saved assessment (overview, report …) are audited with axe-core in the end-to-end suite (`tests/e2e/accessibility.spec.mjs`).', '');
  if (lhPerf < 95 || lhLcp > 2000) {
    const worst = [...lhPages].sort((x, y) => x.performance - y.performance)[0];
    p(`**Lighthouse budget missed** (lowest median: \`${worst?.page}\`, ${worst?.performance}). The mobile preset simulates slow 4G and a 4× slower CPU from a trace recorded on this machine. ` +
      'index.html paints the frame and, on `/`, the start page\'s heading and introduction before the module arrives, so where that is the largest paint LCP equals FCP; ' +
      'on `/ny` and the answering page the largest element is drawn by the app and waits for the module. Total blocking time is the module being instantiated and the app ' +
      'mounting on the main thread (on the answering page: every indicator of the set rendered at once), scaled by 4; it grows with the machine\'s load while the trace is recorded. ' +
      'A smaller first module (see the transfer budget) shortens both.', '');
  }

  // ---- robustness ----
  if (f.fuzz) {
    p('## Robustness', '',
      `\`make fuzz\` (run by \`make bench\`): property tests (proptest, release build) feed random bytes, byte-mutated valid documents, documents with one JSON value replaced or dropped, ` +
      'arbitrary JSON, result files with edited answers and concordances with edited mappings to every parser of outside data — `IndicatorSet::parse`, ' +
      '`ResultFile::parse` and `parse_unchecked`, `Catalog::parse`, `Concordance::parse`, the saved envelope — and carry every result file that parses on into an assessment, ' +
      'the saved envelope, a comparison and an import through the concordance into the other version of its set (`carry_over`, as the import page does); a concordance that parses ' +
      `is validated against the real sets and carries a full seed assessment both ways (the app uses a concordance as soon as it parses). **${n(f.fuzz.executions)} parser executions and ` +
      `${n(f.fuzz.imports)} imports through a concordance, ${f.fuzz.ok ? 'no panic' : 'FAILED'}.**`, '',
      '| Property | Cases | Parser executions | Imports through a concordance | Time |', '| --- | ---: | ---: | ---: | ---: |',
      ...f.fuzz.runs.map((x) => `| ${x.name} | ${n(x.cases)} | ${n(x.executions)} | ${n(x.imports)} | ${x.seconds} s |`),
      '',
      `The corpus of nasty inputs (\`tests/corpus/\`, ${f.fuzz.corpus} files: truncated JSON, huge numbers, deep nesting, BOMs, invalid UTF-8, UTF-16, NUL bytes, ` +
      'files over 1 MB, wrong types, unicode in ids, broken concordances, a real 2014 result to import into 2026 …) goes through every parser and the import in the normal test command ' +
      '(`crates/domain/tests/corpus.rs`), which also checks the expected error kind of each file made for one rule.', '');
  }
  return lines.join('\n');
}

// `node bench/report.mjs FIGURES.json [OUT]` renders again from a run's saved figures.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fs = await import('node:fs');
  const { machine, figures, options } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  fs.writeFileSync(process.argv[3] || 'BENCHMARKS.md', render(machine, figures, options));
}
