// End-to-end tests of the release build in Debian's Chromium (never a downloaded browser).
// `make test` builds dist/ first; the project's own server serves it with a throwaway database.
import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.E2E_PORT || 8091);
const baseURL = process.env.E2E_BASE_URL || `http://127.0.0.1:${port}`;
// Set once in the runner so its workers (which inherit the environment) find the same file.
if (!process.env.E2E_BASE_URL) process.env.E2E_DB ||= path.join(os.tmpdir(), `blomlada-e2e-${Date.now()}.sqlite`);
const db = process.env.E2E_DB;

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: path.join(os.tmpdir(), 'blomlada-e2e-results'),
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
             '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  webServer: process.env.E2E_BASE_URL ? undefined : {
    command: `../../target/release/blomlada-server --addr 127.0.0.1:${port} --dist ../../dist --indicators ../../indicators --db ${db}`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    // Request logs would drown the test report; warnings and errors still show.
    env: { RUST_LOG: 'warn' },
    timeout: 60_000,
  },
});
