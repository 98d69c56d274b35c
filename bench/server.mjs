// The release server on a free loopback port, for the benchmark scripts that need their own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Starts blomlada-server (BENCH_SERVER, else the release build) on `dist` with `indicators` and
 * a new database unless `db` is given; resolves `{ child, base, db }` once it says where it listens
 * (its first line on stdout). */
export async function startServer({ dist = process.env.BENCH_DIST || path.join(root, 'dist'), indicators = path.join(root, 'indicators'), db } = {}) {
  db ||= path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'blomlada-bench-')), 'db.sqlite');
  const child = spawn(process.env.BENCH_SERVER || path.join(root, 'target/release/blomlada-server'),
    ['--addr', '127.0.0.1:0', '--db', db, '--dist', dist, '--indicators', indicators, '--metrics-addr', 'off'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { child, base: line.trim(), db };
}
