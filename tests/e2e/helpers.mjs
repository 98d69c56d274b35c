// Shared steps of the end-to-end tests, written the way a person uses the app.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Creates an assessment for Örebro through the UI and returns its URL path; `version` picks
 * an eBlomlådan version other than the default. */
export async function createAssessment(page, { kommun = 'öre', pick = /^Örebro/, population = '160 000', version } = {}) {
  await page.goto('/');
  // The app mounted: index.html's first paint is gone. A click on its link while the app
  // replaces it can land on a node just removed and go nowhere (seen once under load).
  await expect(page.locator('[data-first-paint]')).toHaveCount(0, { timeout: 30_000 });
  await page.getByRole('link', { name: 'Ny värdering' }).click();
  await page.getByRole('searchbox', { name: 'Kommun' }).fill(kommun);
  await page.getByRole('button', { name: pick }).click();
  if (version) await page.getByRole('combobox', { name: 'Indikatoruppsättning' }).selectOption(`eblomlada/${version}`);
  await page.getByRole('textbox', { name: 'Invånarantal' }).fill(population);
  await page.getByRole('button', { name: 'Skapa värdering' }).click();
  await page.waitForURL(/\/vardering\/[0-9a-f]+$/);
  await expect(page.getByRole('group').first()).toBeVisible();
  await waitForAllIndicators(page);
  return new URL(page.url()).pathname;
}

/** Waits until the answering page has rendered every indicator (it draws its frame first and
 * then a slice of indicators after each paint, with `aria-busy` on the list meanwhile). */
export async function waitForAllIndicators(page) {
  await expect(page.locator('.areas[aria-busy="false"]')).toHaveCount(1, { timeout: 30_000 });
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation on the current page. */
export async function expectNoSeriousA11yViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target})`)).toEqual([]);
}

/** Fails on any control smaller than 24 × 24 px without room around it (WCAG 2.2's target
 * size, 2.5.8, which Lighthouse checks; not in the 2.1 tags above). */
export async function expectTargetsOfAtLeast24px(page) {
  const results = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
  expect(results.violations.flatMap((v) => v.nodes.map((n) => `${n.target}: ${n.failureSummary}`))).toEqual([]);
}

/** Opens the comment-and-link disclosure of the `nth` indicator (or the one with `id`) if closed. */
export async function openNotes(page, { nth = 0, id } = {}) {
  const button = id ? page.locator(`button[aria-controls="noter-${id}"]`) : page.getByRole('button', { name: /^Kommentar, länk och mål/ }).nth(nth);
  if ((await button.getAttribute('aria-expanded')) === 'false') await button.click();
}

export function storageKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('blomlada.assessment.')));
}

/** Writes now what the app still holds back (answers wait for the next frame, comments for a
 * pause in typing), as leaving the page does, so that a storage snapshot taken next is complete
 * and a later navigation cannot change it. */
export async function flushSaves(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
}

/** Waits until the service worker has precached the build and controls the page. */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}
