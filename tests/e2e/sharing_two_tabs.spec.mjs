// Two tabs of one browser on one shared assessment (issue 20): each runs the page, both keep the
// same storage. Whatever either tab answers reaches the server and every other device, and both
// tabs still hold both answers after a reload.
import { test, expect } from '@playwright/test';
import { createAssessment, waitForAllIndicators } from './helpers.mjs';

const radio = (page, name, nth) => page.getByRole('radio', { name }).nth(nth);

test('two tabs of one browser answer one shared assessment and lose nothing', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL, locale: 'sv-SE' });
  const one = await context.newPage();
  const path = await createAssessment(one);
  await one.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  await one.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill('Anna, socialförvaltningen');
  await one.getByRole('button', { name: 'Dela värderingen' }).click();
  const edit = await one.getByRole('textbox', { name: 'Länk för att svara och ändra' }).inputValue();
  await one.goto(path);
  await waitForAllIndicators(one);
  const two = await context.newPage();
  await two.goto(path);
  await waitForAllIndicators(two);

  await radio(one, 'Uppfyller helt', 0).check();
  await radio(two, 'Uppfyller delvis', 1).check();
  await radio(one, 'Uppfyller inte', 2).check();
  await radio(two, 'Uppfyller helt', 3).check();
  for (const page of [one, two]) {
    await expect(radio(page, 'Uppfyller helt', 0)).toBeChecked();
    await expect(radio(page, 'Uppfyller delvis', 1)).toBeChecked();
    await expect(radio(page, 'Uppfyller inte', 2)).toBeChecked();
    await expect(radio(page, 'Uppfyller helt', 3)).toBeChecked();
  }

  // Another browser sees all four, from the server.
  const other = await (await browser.newContext({ baseURL, locale: 'sv-SE' })).newPage();
  await other.goto(edit);
  await other.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill('Bertil, skolförvaltningen');
  await other.getByRole('button', { name: 'Öppna den delade värderingen' }).click();
  await other.waitForURL(/\/vardering\/[0-9a-f]+/);
  await waitForAllIndicators(other);
  await expect(radio(other, 'Uppfyller helt', 0)).toBeChecked();
  await expect(radio(other, 'Uppfyller delvis', 1)).toBeChecked();
  await expect(radio(other, 'Uppfyller inte', 2)).toBeChecked();
  await expect(radio(other, 'Uppfyller helt', 3)).toBeChecked();

  // And its answer reaches both tabs; after a reload both tabs still hold all five.
  await radio(other, 'Uppfyller delvis', 4).check();
  for (const page of [one, two]) await expect(radio(page, 'Uppfyller delvis', 4)).toBeChecked();
  for (const page of [one, two]) {
    await page.reload();
    await waitForAllIndicators(page);
    for (const [name, nth] of [['Uppfyller helt', 0], ['Uppfyller delvis', 1], ['Uppfyller inte', 2], ['Uppfyller helt', 3], ['Uppfyller delvis', 4]]) {
      await expect(radio(page, name, nth)).toBeChecked();
    }
  }

  // Offline, both tabs answer; the first tab is closed before the network returns. The second
  // sends both: nothing the closed tab queued is lost.
  await context.setOffline(true);
  await radio(one, 'Uppfyller inte', 5).check();
  await radio(two, 'Uppfyller helt', 6).check();
  await expect(radio(two, 'Uppfyller inte', 5)).toBeChecked();
  await one.waitForTimeout(300); // the closed tab's save after the frame
  await one.close();
  await context.setOffline(false);
  await expect(radio(other, 'Uppfyller inte', 5)).toBeChecked({ timeout: 20_000 });
  await expect(radio(other, 'Uppfyller helt', 6)).toBeChecked({ timeout: 20_000 });
});
