// Publishing with a per-kommun token issued on the command line, and finding the result in the
// comparison. The server is the one Playwright started (see playwright.config.mjs).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createAssessment } from './helpers.mjs';

const server = new URL('../../target/release/blomlada-server', import.meta.url).pathname;
const issueToken = (kommun) =>
  execFileSync(server, ['token', 'issue', kommun, '--db', process.env.E2E_DB], { encoding: 'utf8' }).trim();

test.skip(!process.env.E2E_DB, 'needs the database of the server Playwright started');

test('a token lets the app publish for its own kommun only, and the result shows in the comparison', async ({ page, request }) => {
  const orebro = issueToken('1880');
  const stockholm = issueToken('0180');
  expect(orebro).toMatch(/^[A-Za-z0-9_-]{32,}$/);

  const path = await createAssessment(page);
  const helt = page.getByRole('radio', { name: 'Uppfyller helt' });
  const count = await helt.count();
  for (let i = 0; i < count; i += 1) await helt.nth(i).check();
  await expect(page.getByText('Alla indikatorer är besvarade.')).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify(localStorage));

  await page.goto(`${path}/publicera`);
  await expect(page.getByRole('heading', { name: 'Det här blir offentligt' })).toBeVisible();
  const token = page.getByLabel('Kommunens publiceringsnyckel');
  const publish = page.getByRole('button', { name: 'Publicera', exact: true });

  await token.fill('fel-nyckel-' + 'x'.repeat(30));
  await publish.click();
  await expect(page.getByText('Nyckeln stämmer inte eller har återkallats')).toBeVisible();

  await token.fill(stockholm);
  await publish.click();
  await expect(page.getByText('Nyckeln gäller en annan kommun än värderingens.')).toBeVisible();

  await token.fill(orebro);
  await publish.click();
  await expect(page.getByText('Resultatet är publicerat.')).toBeVisible();
  // Whatever happened, the local assessment is untouched.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(stored);

  const list = await (await request.get('/api/v1/published?set=eblomlada&version=2026')).json();
  expect(JSON.stringify(list)).toContain('1880');

  await page.goto(`${path}/jamfor`);
  await page.getByRole('radio', { name: 'Alla kommuner som publicerat' }).check();
  await expect(page.getByText('1 kommun i jämförelsen.')).toBeVisible();
  await expect(page.getByRole('table').first()).toContainText('100');
});
