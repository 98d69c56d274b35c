// The answer loop: choose a kommun, answer with mouse and keyboard, comment, come back later.
import { test, expect } from '@playwright/test';
import { createAssessment, expectNoSeriousA11yViolations, storageKeys, openNotes } from './helpers.mjs';

test('answers and comments survive a reload, entered with mouse and keyboard', async ({ page }) => {
  const path = await createAssessment(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Örebro');

  // Mouse: the first indicator fully met.
  const helt = page.getByRole('radio', { name: 'Uppfyller helt' });
  await helt.nth(0).check();
  // Keyboard only: tab into the second indicator's radio group and move with the arrow keys.
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(1).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Uppfyller delvis' }).nth(1)).toBeChecked();

  await openNotes(page);
  const comment = page.getByRole('textbox', { name: 'Kommentar' }).first();
  await comment.fill('Införd 2025, se beslut.');
  await expect(page.getByText(/2 av \d+ indikatorer besvarade/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Uppfyller delvis' }).nth(1)).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Kommentar' }).first()).toHaveValue('Införd 2025, se beslut.');

  // A deep link opened fresh loads the same assessment.
  const fresh = await page.context().newPage();
  await fresh.goto(path);
  await expect(fresh.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  await fresh.close();
});

test('"next unanswered" moves focus to the first open indicator', async ({ page }) => {
  await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller inte' }).nth(0).check();
  await page.getByRole('button', { name: 'Nästa obesvarade' }).click();
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(1)).toBeFocused();
});

test('a comment with markup is shown as text and never runs', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await createAssessment(page);
  const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
  await openNotes(page);
  await page.getByRole('textbox', { name: 'Kommentar' }).first().fill(payload);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Kommentar' }).first()).toHaveValue(payload);
  expect(await page.locator('main img, main script').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('corrupt stored data is explained, kept, and can be downloaded', async ({ page }) => {
  await createAssessment(page);
  const [key] = await storageKeys(page);
  const corrupt = '{"storage_format":1,"assessment":{"id":"trasig"';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, corrupt]);
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'Sparade data som inte kan läsas' });
  await expect(alert).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Ladda ner data' }).click();
  const download = await downloadPromise;
  const stream = await download.createReadStream();
  let body = '';
  for await (const chunk of stream) body += chunk;
  expect(body).toBe(corrupt);
  // Still there after another reload: nothing overwrote it.
  await page.reload();
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(corrupt);
});

test('data from a newer app version is left alone', async ({ page }) => {
  await createAssessment(page);
  const [key] = await storageKeys(page);
  const newer = await page.evaluate((k) => localStorage.getItem(k).replace('"storage_format":2', '"storage_format":5'), key);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, newer]);
  await page.goto('/');
  await expect(page.getByText(/nyare version av Blomlådan \(format 5\)/)).toBeVisible();
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(newer);
});

test('a full storage is reported and the answers stay on screen', async ({ page }) => {
  await createAssessment(page);
  await page.evaluate(() => {
    window.__realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await expect(page.getByRole('alert').filter({ hasText: 'lagring är full' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  // Space again: the next change saves everything, including the answer that failed.
  await page.evaluate(() => { Storage.prototype.setItem = window.__realSetItem; });
  await page.getByRole('radio', { name: 'Uppfyller inte' }).nth(1).check();
  await expect(page.getByRole('alert').filter({ hasText: 'lagring är full' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Uppfyller inte' }).nth(1)).toBeChecked();
});

test('two tabs on the same assessment lose neither tab\'s answers', async ({ page, context }) => {
  const path = await createAssessment(page);
  const other = await context.newPage();
  await other.goto(path);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await other.getByRole('radio', { name: 'Uppfyller inte' }).nth(1).check();
  // The first tab learns of the second's answer without a reload.
  await expect(page.getByRole('radio', { name: 'Uppfyller inte' }).nth(1)).toBeChecked();
  await expect(other.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  await page.getByRole('radio', { name: 'Uppfyller delvis' }).nth(2).check();
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Uppfyller inte' }).nth(1)).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Uppfyller delvis' }).nth(2)).toBeChecked();
});

test('copy, rename, delete with confirmation, and undo', async ({ page }) => {
  await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await openNotes(page);
  await page.getByRole('textbox', { name: 'Kommentar' }).first().fill('Från förra året');
  await page.getByRole('link', { name: 'Mina värderingar' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);

  await page.getByRole('button', { name: 'Kopiera' }).click();
  await expect(rows).toHaveCount(3);
  await page.getByRole('link', { name: /\(kopia\)/ }).click();
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Kommentar' }).first()).toHaveValue('Från förra året');

  await page.getByRole('link', { name: 'Mina värderingar' }).click();
  const copyRow = rows.filter({ hasText: '(kopia)' });
  await copyRow.getByRole('button', { name: 'Byt namn' }).click();
  // While renaming, the row shows a form instead of the title.
  await page.getByRole('textbox', { name: 'Nytt namn' }).fill('Örebro 2027');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('link', { name: 'Örebro 2027' })).toBeVisible();

  const renamed = rows.filter({ hasText: 'Örebro 2027' });
  await renamed.getByRole('button', { name: 'Ta bort' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Örebro 2027');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Ta bort' }).click();
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Ångra' }).click();
  await expect(page.getByRole('link', { name: 'Örebro 2027' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Örebro 2027' })).toBeVisible();
});

test('the kommun search handles å, ä, ö and case', async ({ page }) => {
  await page.goto('/ny');
  const search = page.getByRole('searchbox', { name: 'Kommun' });
  await search.fill('göteborg');
  await expect(page.getByRole('button', { name: /^Göteborg/ })).toBeVisible();
  await search.fill('ÖRE');
  await expect(page.getByRole('button', { name: /^Örebro/ })).toBeVisible();
  await search.fill('goteborg');
  await expect(page.getByRole('button', { name: /^Göteborg/ })).toBeVisible();
  await search.fill('qqq');
  await expect(page.getByText('Ingen kommun matchar.')).toBeVisible();
});

test('English is a switch that is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My assessments');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My assessments');
  await page.getByRole('button', { name: 'På svenska' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mina värderingar');
});

test('start, new, assessment and summary pages have no serious accessibility violations', async ({ page }) => {
  const path = await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await expectNoSeriousA11yViolations(page);
  await page.goto(`${path}/sammanfattning`);
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto('/ny');
  await page.getByRole('searchbox', { name: 'Kommun' }).fill('s');
  await expectNoSeriousA11yViolations(page);
  await page.goto('/');
  await expectNoSeriousA11yViolations(page);
});

test('an unknown address shows a page that leads back', async ({ page }) => {
  await page.goto('/finns/inte');
  await expect(page.getByRole('heading', { name: 'Sidan finns inte' })).toBeVisible();
  await page.getByRole('link', { name: 'Till mina värderingar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mina värderingar');
});

test('the assessment navigation marks exactly the page you are on', async ({ page }) => {
  const path = await createAssessment(page);
  const nav = page.getByRole('navigation', { name: 'Värderingen' });
  await expect(nav.getByRole('link', { name: 'Svara' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Sammanfattning' }).click();
  await expect(page).toHaveURL(`${path}/sammanfattning`);
  await expect(nav.getByRole('link', { name: 'Sammanfattning' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Svara' })).not.toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sammanfattning');
  await expect(page.locator('.lead')).toHaveText('Örebro · eBlomlådan 2026');
});
