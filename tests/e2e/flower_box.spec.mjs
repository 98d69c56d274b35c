// The flower box: drawn from the answers, every flower, bar and tile reachable by keyboard,
// the 2016 reference beside it, and downloads named after kommun, set version and date.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { createAssessment, expectNoSeriousA11yViolations } from './helpers.mjs';

async function create2014(page) {
  await createAssessment(page, { version: '2014' });
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await page.getByRole('radio', { name: 'Uppfyller delvis' }).nth(1).check();
  await page.getByRole('radio', { name: 'Uppfyller inte' }).nth(2).check();
  return new URL(page.url()).pathname;
}

test('the overview draws the answers and every part leads to its indicators', async ({ page }) => {
  const path = await create2014(page);
  await page.goto(`${path}/sammanfattning`);
  await page.locator('main').getByRole('link', { name: 'Blomlådan' }).click();
  await page.waitForURL(/\/oversikt$/);

  const picture = page.getByRole('img', { name: /^Blomlåda: Örebro/ });
  await expect(picture).toHaveAttribute('data-drawn', '1');
  await expect(picture).toHaveAttribute('aria-label', /Totalt \d+ indikatorer: 1 av \d+ helt, 1 delvis, 1 inte/);

  // The table beside the picture has the same numbers.
  const totals = page.locator('#fb-tabell tfoot td');
  await expect(totals.nth(0)).toHaveText(/^1 \(/);
  await expect(totals.nth(1)).toHaveText(/^1 \(/);
  await expect(totals.nth(2)).toHaveText(/^1 \(/);
  // One of each answered: a third each, the row adds up to 100 (issue 21).
  await expect(totals.nth(0)).toHaveText('1 (34\u00a0%)');
  await expect(totals.nth(1)).toHaveText('1 (33\u00a0%)');
  await expect(page.getByText('Procent av de besvarade indikatorerna, ej relevant borträknade.')).toBeVisible();

  // Keyboard: the first flower is a button; Enter opens its indicators, Escape closes them.
  // The label counts the answered (1 of the 3 answered helt) and names the rest, as its table row does.
  const flower = page.getByRole('button', { name: /^Blomma: Allmänheten – 1 av 3 helt, 1 delvis, 1 inte, 9 ej besvarade/ });
  await flower.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('heading', { name: 'Blomma: Allmänheten' });
  await expect(detail).toBeFocused();
  await expect(page.locator('#fb-detail li')).toHaveCount(12);
  await page.keyboard.press('Escape');
  await expect(flower).toBeFocused();
  expect(await page.locator('.fb-hit').count()).toBeGreaterThan(13);
  await expectNoSeriousA11yViolations(page);

  // Downloads are named after kommun, set version and date; the SVG is a picture.
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner bild (SVG)' }).click()]);
  expect(svg.suggestedFilename()).toMatch(/^blomlada-orebro-eblomlada-2014-\d{4}-\d{2}-\d{2}\.svg$/);
  const text = fs.readFileSync(await svg.path(), 'utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('<desc id="fb-desc">Blomlåda: Örebro');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner bild (PNG)' }).click()]);
  expect(png.suggestedFilename()).toMatch(/^blomlada-orebro-eblomlada-2014-\d{4}-\d{2}-\d{2}\.png$/);
  expect(fs.readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');

  // The 2016 reference: shares among 141 kommuner.
  await page.getByRole('radio', { name: /Riket 2016/ }).check();
  await expect(page.getByRole('img', { name: /Andelar bland n\s=\s141 resultat/ })).toHaveAttribute('data-drawn', '2');
});
