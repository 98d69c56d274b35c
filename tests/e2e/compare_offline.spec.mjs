// Jämför without Blomlådan's server: published results from picked result files, or from a
// static open-data snapshot (the layout `blomlada-server snapshot DIR` writes) on a static host.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAssessment, expectNoSeriousA11yViolations, storageKeys } from './helpers.mjs';

/** An Örebro assessment with two answers, exported; returns its path and its result file. */
async function exportedAssessment(page) {
  const where = await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await page.getByRole('radio', { name: 'Uppfyller inte' }).nth(1).check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportera till fil (JSON)' }).first().click();
  const download = await downloadPromise;
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  return { where, file };
}

/** The same result as another kommun's. */
function as(file, code, name, title = `${name} 2026`) {
  const copy = JSON.parse(JSON.stringify(file));
  copy.kommun = { code, name };
  copy.title = title;
  return copy;
}

const jsonFile = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value, null, 2)) });

test('compares with picked result files: one per kommun, refused files listed with their reasons, nothing saved', async ({ page }) => {
  const { where, file } = await exportedAssessment(page);
  const keys = await storageKeys(page);
  await page.goto(`${where}/jamfor`);
  const sources = page.getByRole('group', { name: 'Var kommer de publicerade resultaten från?' });
  await expect(sources.getByRole('radio', { name: 'Blomlådans server' })).toBeChecked();
  await sources.getByRole('radio', { name: 'Resultatfiler' }).check();
  await expect(page.getByText('Inga resultatfiler valda ännu.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const otherVersion = JSON.parse(JSON.stringify(file));
  otherVersion.set.version = '2014';
  otherVersion.answers = {};
  await page.getByLabel('Välj resultatfiler').setInputFiles([
    jsonFile('orebro.json', file),
    jsonFile('stockholm.json', as(file, '0180', 'Stockholm')),
    jsonFile('inte-json.json', 'Det här är ingen JSON;'),
    jsonFile('fel-namn.json', as(file, '1880', 'Kumla')),
    jsonFile('aldre-version.json', otherVersion),
  ]);
  await expect(page.getByText('2 kommuner i jämförelsen.')).toBeVisible();
  await expect(page.getByText('2 resultatfiler används i jämförelsen:')).toBeVisible();
  await expect(page.getByText('1 fil gäller en annan version av indikatorerna och räknas inte.')).toBeVisible();
  const refused = page.getByRole('alert').filter({ hasText: 'filer kunde inte användas' });
  await expect(refused).toContainText('2 filer kunde inte användas');
  await expect(refused.locator('li', { hasText: 'inte-json.json' })).toContainText('Filen är inte JSON');
  await expect(refused.locator('li', { hasText: 'fel-namn.json' })).toContainText('Kommunkod 1880 är Örebro, men filen kallar kommunen ”Kumla”');
  await expect(page.getByRole('table').first().locator('tfoot td').last()).toHaveText('2');
  const box = page.getByRole('region', { name: 'Blomlådan för urvalet' });
  await expect(box.getByText('Urvalet: Alla kommuner (n = 2)')).toBeVisible();

  // A later file for the same kommun replaces the earlier one: still n = 2.
  await page.getByLabel('Välj resultatfiler').setInputFiles([jsonFile('orebro-ny.json', as(file, '1880', 'Örebro', 'Örebro ny'))]);
  await expect(page.getByText('orebro-ny.json ersätter orebro.json')).toBeVisible();
  await expect(page.getByText('2 kommuner i jämförelsen.')).toBeVisible();
  await expect(page.getByText('orebro-ny.json: Örebro – Örebro ny')).toBeVisible();

  // The selections work the same: my län has Örebro only.
  await page.getByRole('radio', { name: /^Kommuner i Örebro län/ }).check();
  await expect(page.getByText('1 kommun i jämförelsen.')).toBeVisible();
  await page.getByRole('radio', { name: 'Alla kommuner som publicerat' }).check();
  await expectNoSeriousA11yViolations(page);

  // Files are not saved anywhere.
  expect(await storageKeys(page)).toEqual(keys);
  await page.getByRole('button', { name: 'Ta bort de valda filerna' }).click();
  await expect(page.getByText('Inga resultatfiler valda ännu.')).toBeVisible();
  await expect(page.getByText(/kommuner? i jämförelsen/)).toHaveCount(0);
});

/** A snapshot directory as `blomlada-server snapshot` lays it out, with the given results. */
function writeSnapshot(results) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blomlada-snapshot-'));
  const set = results[0].set;
  fs.mkdirSync(path.join(dir, 'results', set.set), { recursive: true });
  fs.writeFileSync(path.join(dir, 'results', set.set, `${set.version}.json`), JSON.stringify({ set, count: results.length, results }, null, 2));
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ format: 'blomlada-snapshot', format_version: 1, results: results.length }));
  return dir;
}

/** Serves `dir` under `prefix` (a static host), with CORS open like a public CDN. */
async function serveSnapshot(page, prefix, dir) {
  await page.route(`${prefix}**`, async (route) => {
    const relative = decodeURIComponent(new URL(route.request().url()).pathname.replace(new URL(prefix).pathname, ''));
    const file = path.join(dir, relative);
    const headers = { 'Access-Control-Allow-Origin': '*' };
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      await route.fulfill({ status: 404, headers, contentType: 'text/plain', body: 'Not found' });
    } else if (file.endsWith('.html')) {
      await route.fulfill({ status: 200, headers, contentType: 'text/html', body: fs.readFileSync(file) });
    } else {
      await route.fulfill({ status: 200, headers, contentType: 'application/json', body: fs.readFileSync(file) });
    }
  });
}

async function snapshotResults(page) {
  const { where, file } = await exportedAssessment(page);
  const slim = (f) => { const c = JSON.parse(JSON.stringify(f)); for (const a of Object.values(c.answers)) delete a.comment; return c; };
  return { where, set: file.set, results: [slim(file), slim(as(file, '0180', 'Stockholm')), slim(as(file, '1480', 'Göteborg'))] };
}

test.describe('a snapshot beside the app', () => {
  // Served by routing in the test: the app's service worker would pass same-origin requests
  // to the real server, out of the route's reach.
  test.use({ serviceWorkers: 'block' });

  test('compares with an open-data snapshot beside the app, remembers its address, and says why one cannot be read', async ({ page, baseURL }) => {
    const { where, set, results } = await snapshotResults(page);
    const dir = writeSnapshot(results);
    fs.mkdirSync(path.join(dir, 'html', 'results', set.set), { recursive: true });
    fs.writeFileSync(path.join(dir, 'html', 'results', set.set, `${set.version}.json`), '<!doctype html><p>Hej</p>');
    const prefix = `${baseURL}/oppna-data/`;
    await serveSnapshot(page, prefix, dir);

    await page.goto(`${where}/jamfor`);
    await page.getByRole('radio', { name: 'Öppna data-kopia (snapshot)' }).check();
    const address = page.getByRole('textbox', { name: 'Adress till öppna data-kopian' });
    await expect(address).toHaveAttribute('type', 'url');
    await expect(page.getByText('Skriv adressen till en öppna data-kopia')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const read = page.getByRole('button', { name: 'Läs kopian' });

    await address.fill('inte en adress');
    await read.click();
    await expect(page.getByRole('alert')).toContainText('”inte en adress” är ingen webbadress');

    await address.fill(`${prefix}saknas/`);
    await read.click();
    await expect(page.getByRole('alert')).toContainText(`kunde inte läsas från ${prefix}saknas/results/${set.set}/${set.version}.json: webbplatsen svarade med HTTP-status 404`);

    await address.fill(`${prefix}html`);
    await read.click();
    await expect(page.getByRole('alert')).toContainText(`Det som finns på ${prefix}html/results/${set.set}/${set.version}.json är inte JSON`);
    await expectNoSeriousA11yViolations(page);

    await address.fill(prefix);
    await read.click();
    await expect(page.getByText(`3 publicerade resultat lästes från ${prefix}results/${set.set}/${set.version}.json.`)).toBeVisible();
    await expect(page.getByText('3 kommuner i jämförelsen.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Blomlådan för urvalet' }).getByText('Urvalet: Alla kommuner (n = 3)')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // The address is remembered: after a reload, choosing the snapshot reads it at once.
    await page.reload();
    await page.getByRole('radio', { name: 'Öppna data-kopia (snapshot)' }).check();
    await expect(address).toHaveValue(prefix);
    await expect(page.getByText('3 kommuner i jämförelsen.')).toBeVisible();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

test.describe('a snapshot on another host', () => {
  // The app's own server allows reads from https hosts (`connect-src 'self' https:`), so a
  // snapshot on a CDN works under the real Content-Security-Policy.
  test('is read from any static host that allows CORS', async ({ page }) => {
    const { where, results } = await snapshotResults(page);
    const dir = writeSnapshot(results.slice(0, 2));
    await serveSnapshot(page, 'https://snapshot.test/', dir);
    await page.goto(`${where}/jamfor`);
    await page.getByRole('radio', { name: 'Öppna data-kopia (snapshot)' }).check();
    await page.getByRole('textbox', { name: 'Adress till öppna data-kopian' }).fill('https://snapshot.test/');
    await page.getByRole('button', { name: 'Läs kopian' }).click();
    await expect(page.getByText('2 kommuner i jämförelsen.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
