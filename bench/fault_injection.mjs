// `node bench/fault_injection.mjs`: the fault-injection suite (crates/server/tests/fault_injection.rs)
// against the release server with more kills than `make test` runs, and its counts as the
// "Durability (fault injection)" section of BENCHMARKS.md (BENCH_WRITE=1). Needs
// target/release/blomlada-server (`make server`) and root for the disk-full test's tmpfs.
//   BENCH_FAULT_KILLS=100 BENCH_WRITE=1 node bench/fault_injection.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kills = process.env.BENCH_FAULT_KILLS || '100';
const started = Date.now();
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
const out = execFileSync(
  'cargo',
  ['test', '--locked', '-p', 'blomlada-server', '--test', 'fault_injection', '--', '--ignored', '--nocapture', '--test-threads', '1'],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BLOMLADA_SERVER_BIN: path.join(root, 'target/release/blomlada-server'), BLOMLADA_FAULT_KILLS: kills },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  },
);
// The test harness prints a test's name and its output on one line: take what follows the marker.
const lines = out.split('\n').filter((l) => l.includes('fault injection: ')).map((l) => l.slice(l.indexOf('fault injection: ') + 'fault injection: '.length));
for (const l of lines) console.log(l);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const section = [
  '<!-- fault-injection -->',
  '## Durability (fault injection, `bench/fault_injection.mjs`)',
  '',
  `${new Date().toISOString().slice(0, 10)}, commit \`${commit}\`, the release server, ${kills} kills asked (\`make test\` runs 20, \`make soak\` 200); ${minutes} min; load average ${loadBefore} at the start, ${load()} at the end. One invariant: every request answered 2xx is still there after every kill, restore and full disk, and every operator command's write is seen by the running server within a second.`,
  '',
  ...lines.map((l) => `- ${l}`),
  '',
].join('\n');
if (process.env.BENCH_WRITE) {
  const file = path.join(root, 'BENCHMARKS.md');
  let md = fs.readFileSync(file, 'utf8');
  const start = md.indexOf('<!-- fault-injection -->');
  if (start >= 0) {
    const next = md.indexOf('\n## ', md.indexOf('## Durability', start) + 3);
    const nextMarker = md.indexOf('\n<!--', start + 5);
    const end = [next, nextMarker].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), md.length);
    md = md.slice(0, start) + section + md.slice(end + 1);
  } else {
    md = md.trimEnd() + '\n\n' + section;
  }
  fs.writeFileSync(file, md);
  console.log('BENCHMARKS.md: durability section written');
}
