// Pages whose code is split into chunks (issue 11): the first visit fetches none of them, every
// one opens, online and — after the first visit, never opened before — offline, and a chunk that
// cannot be fetched gives a message with a retry instead of a blank page.
import { test, expect } from '@playwright/test';
import { createAssessment, expectNoSeriousA11yViolations, waitForServiceWorker } from './helpers.mjs';

const isChunk = (url) => /\/(split|chunk)_[a-z_0-9]+-[0-9a-f]{16}\.wasm$/.test(new URL(url).pathname);

/** Each lazy page under an assessment, with the level-1 heading it shows. */
const PAGES = [
  ['/oversikt', 'Blomlådan: Örebro – eBlomlådan 2026'],
  ['/sammanfattning', 'Sammanfattning: Örebro – eBlomlådan 2026'],
  ['/rapport', 'Örebro – eBlomlådan 2026'],
  ['/jamfor', 'Jämför med andra kommuner'],
  ['/publicera', 'Publicera resultatet'],
  ['/plan', 'Handlingsplan'],
  ['/kopiera/2014', 'Kopiera till version 2014'],
  ['/dela', 'Arbeta tillsammans'],
];
const FAILED = 'Sidan kunde inte hämtas';

test('the start and answering pages fetch no chunk; each other page fetches its own and opens', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (isChunk(r.url())) fetched.push(new URL(r.url()).pathname); });
  const path = await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).first().check();
  expect(fetched, 'start, new assessment and answering are in the first module').toEqual([]);

  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Blomlådan', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PAGES[0][1]);
  await expect(page.getByRole('img').first()).toBeVisible();
  expect(fetched.some((p) => p.includes('/split_overview-')), fetched.join(', ')).toBe(true);

  for (const [suffix, heading] of PAGES) {
    await page.goto(path + suffix);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByText(FAILED)).toHaveCount(0);
  }
  await page.goto('/importera');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importera en värdering');
});

test('after the first visit, pages never opened before open offline from the precached chunks', async ({ page, context }) => {
  const fetchedByPage = [];
  page.on('request', (r) => { if (isChunk(r.url()) && !r.serviceWorker()) fetchedByPage.push(r.url()); });
  const path = await createAssessment(page);
  await waitForServiceWorker(page);
  expect(fetchedByPage).toEqual([]);

  await context.setOffline(true);
  // In the app (no reload) and as a fresh load of a deep link.
  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Jämför' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jämför med andra kommuner');
  for (const [suffix, heading] of PAGES) {
    await page.goto(path + suffix);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByText(FAILED)).toHaveCount(0);
  }
  await context.setOffline(false);
});

test.describe('without the service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('a chunk that cannot be fetched says so with a retry, and the retry opens the page', async ({ page }) => {
    const path = await createAssessment(page);
    let refused = 0;
    await page.route(isChunk, (route) => { refused += 1; return route.abort('internetdisconnected'); });
    await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Blomlådan', exact: true }).click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(FAILED);
    expect(refused).toBeGreaterThan(0);
    // The frame stays: the assessment's navigation is there, the answers are not lost.
    await expect(page.getByRole('link', { name: 'Mina värderingar' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Still failing: the retry says so again (not cached as a failure forever, not a blank page).
    await alert.getByRole('button', { name: 'Försök igen' }).click();
    await expect(page.getByRole('alert')).toContainText(FAILED);

    await page.unroute(isChunk);
    await page.getByRole('button', { name: 'Försök igen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(PAGES[0][1]);
    await expect(page.getByText(FAILED)).toHaveCount(0);

    // Back to the answers and again to the overview: the chunk is there, no loading step.
    await page.goto(path);
    await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Blomlådan', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(PAGES[0][1]);
  });
});
