// Every table fits its page (issue 22, point 3): the plan at 1280 px, the printed report's plan
// on A4, the public list at 1280 px and, on a 390 px phone, the public list's filter box and the
// kommun page's comparison — by layout (wrapping, stacking), not by a sideways scroll.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createAssessment, expectNoSeriousA11yViolations, openNotes } from './helpers.mjs';

const server = new URL('../../target/release/blomlada-server', import.meta.url).pathname;
const issueToken = (kommun) =>
  execFileSync(server, ['token', 'issue', kommun, '--db', process.env.E2E_DB], { encoding: 'utf8' }).trim();

test.skip(!process.env.E2E_DB, 'needs the database of the server Playwright started');

/** Every element matching `selector` whose right edge passes its page's content box: its
 * description, or nothing when all fit. */
function overflowing(page, selector) {
  return page.locator(selector).evaluateAll((els) => {
    const width = document.documentElement.clientWidth;
    return els
      .map((el) => {
        const box = el.getBoundingClientRect();
        const wrap = el.closest('.table-wrap');
        const scrolls = wrap && wrap.scrollWidth > wrap.clientWidth + 1;
        return { what: `${el.tagName.toLowerCase()}.${el.className}`, right: Math.round(box.right), width, scrolls };
      })
      .filter((r) => r.right > r.width + 1 || r.scrolls);
  });
}

test('the plan and the printed report keep every column on the page', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const path = await createAssessment(page);
  // Two targets with long texts, as a real plan has.
  for (const nth of [0, 1]) {
    const indicator = page.locator('fieldset.indicator').nth(nth);
    await indicator.getByRole('radio', { name: 'Uppfyller inte' }).check();
    await openNotes(page, { nth });
    const plan = indicator.getByRole('group', { name: 'Mål och handlingsplan' });
    await plan.getByRole('combobox', { name: 'Mål', exact: true }).selectOption({ label: 'Uppfyller helt' });
    await plan.getByRole('textbox', { name: 'Målår' }).fill('2027');
    await plan.getByRole('combobox', { name: /^Ansvarig/ }).fill('Förvaltningen för samhällsbyggnad och infrastruktur');
    await plan.getByRole('textbox', { name: 'Planerad åtgärd' }).fill('Upphandla och införa en ny e-tjänsteplattform med inloggning via e-legitimation för alla förvaltningar');
    await plan.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Pågår' });
  }
  await page.goto(`${path}/plan`);
  await expect(page.getByRole('table', { name: /indikatorer$/ }).first()).toBeVisible();
  expect(await overflowing(page, 'table.plan')).toEqual([]);
  await expect(page.getByRole('columnheader', { name: 'Status' }).first()).toBeInViewport();
  await expectNoSeriousA11yViolations(page);

  // A4 portrait with 2 cm margins: about 718 CSS pixels of content.
  await page.goto(`${path}/rapport`);
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const headers = page.locator('table.plan thead th');
  await expect(headers.first()).toBeAttached();
  const outside = await headers.evaluateAll((ths) => ths.filter((th) => th.getBoundingClientRect().right > 718 + 1).map((th) => th.textContent));
  expect(outside).toEqual([]);
  expect(await overflowing(page, 'table')).toEqual([]);
});

test('the public list fits 1280 px; its filter box and a kommun page fit a 390 px phone', async ({ page }) => {
  const token = issueToken('2480');
  // Publish through the app, as a kommun does.
  const path = await createAssessment(page, { kommun: 'ume', pick: /^Umeå/, population: '130 000' });
  const helt = page.getByRole('radio', { name: 'Uppfyller helt' });
  const count = await helt.count();
  for (let i = 0; i < count; i += 1) await helt.nth(i).check();
  await page.goto(`${path}/publicera`);
  await page.getByLabel('Kommunens publiceringsnyckel').fill(token);
  await page.getByRole('button', { name: 'Publicera', exact: true }).click();
  await expect(page.getByText('Resultatet är publicerat.')).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/resultat');
  expect(await overflowing(page, 'table.results')).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/resultat');
  expect(await overflowing(page, 'form.filters')).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.goto('/resultat/2480');
  expect(await overflowing(page, 'table.beside')).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page);
});
