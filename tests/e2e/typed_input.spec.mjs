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

test('a link that cannot be taken stays as typed, with its reason, across a reload', async ({ page }) => {
  await createAssessment(page);
  await openNotes(page);
  const link = page.getByLabel('Länk till underlag (offentlig)').first();
  await link.fill('ftp://filer.orebro.se/beslut.pdf');
  await link.press('Tab');
  await expect(page.getByRole('alert').first()).toBeVisible();
  await flushSaves(page);
  await page.reload();
  await waitForAllIndicators(page);
  // The disclosure opens by itself: something typed is in it.
  const again = page.getByLabel('Länk till underlag (offentlig)').first();
  await expect(again).toHaveValue('ftp://filer.orebro.se/beslut.pdf');
  await expect(page.getByRole('alert').first()).toBeVisible();
  // Mended, it is taken and nothing refused is left over.
  await again.fill('https://www.orebro.se/beslut.pdf');
  await again.press('Tab');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await flushSaves(page);
  await page.reload();
  await waitForAllIndicators(page);
  await openNotes(page);
  await expect(page.getByLabel('Länk till underlag (offentlig)').first()).toHaveValue('https://www.orebro.se/beslut.pdf');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('blomlada.link-draft.')))).toEqual([]);
});
