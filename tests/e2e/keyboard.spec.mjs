// Keyboard and screen-reader use of the answering page and the app's frame (issue 22, point 6):
// the skip link moves focus into the content; a group link moves focus to its heading, clear
// of the sticky toolbar; every indicator is the same two Tab stops answered or not; digits
// answer and Delete clears; indicators that share a text have names that tell them apart.
import { test, expect } from '@playwright/test';
import { createAssessment, expectNoSeriousA11yViolations, waitForAllIndicators } from './helpers.mjs';

const indicator = (page, nth) => page.locator('fieldset.indicator').nth(nth);

/** Waits until the app (not index.html's first paint) holds the page. */
async function appMounted(page) {
  await expect(page.locator('[data-first-paint]')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toHaveCount(1);
}

test('"Hoppa till innehållet" moves focus into the content on the app pages', async ({ page }) => {
  const path = await createAssessment(page);
  for (const at of ['/', path, `${path}/sammanfattning`]) {
    await page.goto(at);
    await appMounted(page);
    if (at === path) await waitForAllIndicators(page);
    // The page itself is there (the summary is a chunk loaded after the frame): a person sees
    // it before reaching for the keyboard. Focus on an element the chunk replaces would be lost.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    // The first Tab stop of the page, from the top.
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // The next Tab stop is inside the content, not the header.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => !!document.activeElement.closest('main'))).toBe(true);
  }
});

test('a group link focuses its heading below the toolbar; two Tab stops per indicator; digits answer, Delete clears', async ({ page }) => {
  await createAssessment(page);

  // The group navigation: focus lands on the group's heading, which is not under the toolbar.
  const nav = page.getByRole('navigation', { name: /grupper/i });
  const link = nav.getByRole('link').nth(5);
  const name = (await link.textContent()).trim();
  await link.focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 3, name, exact: true });
  await expect(heading).toBeFocused();
  await expect(page).toHaveURL(/#grupp-/);
  const toolbar = await page.locator('.toolbar').boundingBox();
  const top = (await heading.boundingBox()).y;
  expect(top).toBeGreaterThanOrEqual(toolbar.y + toolbar.height - 1);

  // Digits answer the focused indicator; the answer's radio takes focus.
  const first = indicator(page, 0);
  await first.getByRole('radio', { name: 'Uppfyller helt' }).focus();
  await page.keyboard.press('2');
  await expect(first.getByRole('radio', { name: 'Uppfyller delvis' })).toBeChecked();
  await expect(first.getByRole('radio', { name: 'Uppfyller delvis' })).toBeFocused();
  await page.keyboard.press('1');
  await expect(first.getByRole('radio', { name: 'Uppfyller helt' })).toBeChecked();

  // Answered, the indicator is still two Tab stops: its answer, its details; then the next one.
  await page.keyboard.press('Tab');
  await expect(first.getByRole('button', { name: /Kommentar, länk och mål/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement.closest('fieldset.indicator')?.querySelector('legend')?.id))
    .toBe(await indicator(page, 1).locator('legend').getAttribute('id'));

  // Delete on the answer clears it; the clear button is still there for a pointer.
  await first.getByRole('radio', { name: 'Uppfyller helt' }).focus();
  await expect(first.getByRole('button', { name: 'Rensa svaret' })).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(first.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(first.getByRole('button', { name: 'Rensa svaret' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test('indicators that share a text are told apart by their group in their names', async ({ page }) => {
  await createAssessment(page);
  const names = await page.locator('fieldset.indicator > legend').evaluateAll((ls) => ls.map((l) => l.textContent.trim()));
  expect(names.length).toBe(124);
  const counts = new Map();
  for (const n of names) counts.set(n, (counts.get(n) || 0) + 1);
  const repeated = [...counts].filter(([, c]) => c > 1);
  expect(repeated, 'every indicator has a name of its own').toEqual([]);
  // What sighted users see is the text alone.
  const visible = await page.locator('fieldset.indicator > legend').first().evaluate((l) => l.innerText.trim());
  expect(visible.length).toBeGreaterThan(0);
});
