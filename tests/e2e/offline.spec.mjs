// After one visit the app starts and works with the network off; a new build replaces the old.
import { test, expect } from '@playwright/test';
import { createAssessment, waitForServiceWorker } from './helpers.mjs';

test('works offline after the first visit, reload included', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mina värderingar');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mina värderingar');
  // Creating and answering needs the indicator set: it must come from the cache.
  const path = await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  // A deep link that was never visited online loads from the cached app shell.
  await page.goto(`${path}/sammanfattning`);
  await expect(page.getByRole('table')).toBeVisible();
  await context.setOffline(false);
});

test('the service worker never caches the API and names its cache after the build', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const names = await page.evaluate(() => caches.keys());
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^blomlada-[0-9a-f]{16}$/);
  const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), names[0]);
  expect(cached).toContain('/index.html');
  expect(cached.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(cached).toContain('/indicators/index.json');
  expect(cached.some((p) => p.startsWith('/api/'))).toBe(false);
});
