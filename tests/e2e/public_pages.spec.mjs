// The public result pages with JavaScript switched off: published results found, read and
// compared by anyone, from the server's HTML alone. Results are published through the API with
// tokens issued on the command line, as an operator and a kommun would.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expectNoSeriousA11yViolations } from './helpers.mjs';

const server = new URL('../../target/release/blomlada-server', import.meta.url).pathname;
const issueToken = (kommun) =>
  execFileSync(server, ['token', 'issue', kommun, '--db', process.env.E2E_DB], { encoding: 'utf8' }).trim();
const set = JSON.parse(readFileSync(new URL('../../indicators/eblomlada/2026.json', import.meta.url), 'utf8'));
const ids = set.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => i.id)));

/** A complete result for eBlomlådan 2026: `answer(i)` gives the key of the i-th indicator. */
function result(code, name, title, answer) {
  const answers = Object.fromEntries(ids.map((id, i) => [id, { answer: answer(i) }]));
  answers[ids[0]].evidence = 'https://www.lulea.se/e-tjanster';
  return {
    format: 'blomlada-result', format_version: 1, app_version: 'e2e',
    set: { set: 'eblomlada', version: '2026' }, kommun: { code, name }, population: 78_000, title,
    created: '2026-01-01T08:00:00Z', updated: '2026-02-01T08:00:00Z', approval: 'KS 2026-03-04 § 41', answers,
  };
}

async function publish(request, token, body) {
  const r = await request.post('/api/v1/published', { headers: { authorization: `Bearer ${token}` }, data: body });
  expect([200, 201]).toContain(r.status());
}

/** axe needs script in the page, so it runs in a second context with JavaScript on, on the same
 * URL (the pages have no script of their own: the DOM is the one the first context saw). */
async function axeOn(browser, url) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto(url);
  await expectNoSeriousA11yViolations(page);
  await context.close();
}

test.skip(!process.env.E2E_DB, 'needs the database of the server Playwright started');
test.use({ javaScriptEnabled: false });

// The specs share one server: withdraw what this one published, so the specs after it (which
// count "all kommuner that published") see only their own results.
const tokens = {};
test.afterEach(async ({ request }) => {
  for (const [code, token] of Object.entries(tokens)) {
    const r = await request.delete(`/api/v1/published/${code}?set=eblomlada&version=2026`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status(), `withdrawing ${code}`).toBeLessThan(300);
  }
});

test('published results are readable without JavaScript: listing, kommun page with history, "Vilka uppfyller?", a clear 404', async ({ page, request, browser }) => {
  test.setTimeout(180_000);
  const lulea = issueToken('2580');
  const pitea = issueToken('2581');
  Object.assign(tokens, { 2580: lulea, 2581: pitea });
  const keys = ['helt', 'delvis', 'inte'];
  await publish(request, lulea, result('2580', 'Luleå', 'Första', (i) => keys[i % 3]));
  await publish(request, lulea, result('2580', 'Luleå', '<script>alert("x")</script>', (i) => (i < 10 ? 'helt' : keys[i % 3])));
  await publish(request, pitea, result('2581', 'Piteå', 'Piteå 2026', () => 'helt'));

  // The listing: aggregate picture, the table, filters as a plain form.
  await page.goto('/resultat');
  await expect(page.getByRole('heading', { level: 1, name: 'Publicerade resultat' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Blomlåda: Publicerade resultat/ })).toBeVisible();
  const table = page.getByRole('table', { name: /kommuner/ });
  await expect(table.getByRole('link', { name: 'Luleå' })).toBeVisible();
  await page.getByLabel('Län').selectOption({ label: 'Norrbottens län' });
  await page.getByRole('button', { name: 'Visa' }).click();
  await expect(page).toHaveURL(/lan=25/);
  const rows = page.getByRole('table', { name: /kommuner/ }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + Luleå + Piteå
  expect(await page.locator('script').count()).toBe(0);
  await axeOn(browser, page.url());

  // The kommun page: picture with its text alternative, its numbers, answers, history.
  await page.getByRole('link', { name: 'Luleå' }).click();
  await expect(page).toHaveURL(/\/resultat\/2580$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Luleås digitala mognad' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Blomlåda: Luleå/ }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Bildens siffror per område och grupp' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tidigare publiceringar' })).toBeVisible();
  await expect(page.getByText(/svar ändrades till nästa publicering/)).toBeVisible();
  await expect(page.getByRole('link', { name: /^Belägg: www\.lulea\.se/ })).toHaveAttribute('rel', 'nofollow noopener noreferrer');
  await expect(page.getByText('<script>')).toHaveCount(0);
  expect(await page.locator('script').count()).toBe(0);
  await axeOn(browser, page.url());

  // On a phone the portrait picture is fetched instead (same text alternative).
  await page.setViewportSize({ width: 390, height: 844 });
  const portrait = page.waitForResponse((r) => r.url().includes('/api/v1/published/2580/blomlada-portrait.svg') && r.status() === 200);
  await page.reload();
  await portrait;
  await expect(page.getByRole('img', { name: /^Blomlåda: Luleå/ }).first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });

  // "Vilka uppfyller?" for the first indicator: both kommuner answered helt there.
  await page.getByRole('link', { name: /^Vilka uppfyller\?/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vilka uppfyller?' })).toBeVisible();
  const helt = page.getByRole('region', { name: /^Uppfyller helt/ });
  await expect(helt.getByRole('link', { name: 'Luleå' })).toBeVisible();
  await expect(helt.getByRole('link', { name: 'Piteå' })).toBeVisible();
  await axeOn(browser, page.url());

  // The picture to embed, and a kommun with nothing published.
  const svg = await request.get('/api/v1/published/2580/blomlada.svg');
  expect(svg.status()).toBe(200);
  expect(svg.headers()['etag']).toBeTruthy();
  const missing = await page.goto('/resultat/0114');
  expect(missing.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Upplands Väsby har inte publicerat något resultat' })).toBeVisible();
  await axeOn(browser, page.url());

  // English on request.
  await page.goto('/resultat/2580?lang=en');
  await expect(page.getByRole('heading', { level: 1, name: 'Digital maturity of Luleå' })).toBeVisible();
});
