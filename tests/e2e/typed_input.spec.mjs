// What a person types is never thrown away (issue 22, point 1): an evidence link typed the way
// people write addresses, `www.…`, is completed to `https://www.…` and is still there after a
// reload.
import { test, expect } from '@playwright/test';
import { createAssessment, flushSaves, openNotes, waitForAllIndicators } from './helpers.mjs';

test('an evidence link typed as www.… is kept, completed, across a reload', async ({ page }) => {
  await createAssessment(page);
  await openNotes(page);
  const link = page.getByLabel('Länk till underlag (offentlig)').first();
  await link.fill('www.orebro.se/betala');
  await link.press('Tab');
  await expect(link).toHaveValue('https://www.orebro.se/betala');
  await flushSaves(page);
  await page.reload();
  await waitForAllIndicators(page);
  await openNotes(page);
  await expect(page.getByLabel('Länk till underlag (offentlig)').first()).toHaveValue('https://www.orebro.se/betala');
});
