// axe-core (WCAG 2.1 A and AA) on every page beyond those assessment.spec.mjs audits (start,
// new, assessment, summary): overview, import, publish, comparison, report, copy to another
// version, and the not-found page — each in the states a person sees, with zero serious or
// critical violations. A page whose route src/app.rs does not have yet is skipped, saying so.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { createAssessment, expectNoSeriousA11yViolations, expectTargetsOfAtLeast24px, openNotes } from './helpers.mjs';

const appRoutes = fs.readFileSync(new URL('../../src/app.rs', import.meta.url), 'utf8');
const hasRoute = (route) => appRoutes.includes(`path!("${route}")`);
const skipUnlessRoute = (route, page) =>
  test.skip(!hasRoute(route), `src/app.rs has no route ${route} (the ${page} page) yet`);

/** An assessment with a few answers of each kind and a comment, so pages have content. */
async function answeredAssessment(page) {
  const path = await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await page.getByRole('radio', { name: 'Uppfyller delvis' }).nth(1).check();
  await page.getByRole('radio', { name: 'Uppfyller inte' }).nth(2).check();
  await openNotes(page);
  await page.getByRole('textbox', { name: 'Kommentar' }).first().fill('Beslutat i KS.');
  return path;
}

async function settled(page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

test('overview (the flower box), with a flower\'s indicators open', async ({ page }) => {
  skipUnlessRoute('/vardering/:id/oversikt', 'overview');
  const path = await answeredAssessment(page);
  await page.goto(`${path}/oversikt`);
  await settled(page);
  await expect(page.locator('canvas[data-drawn]')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.locator('button.fb-hit').first().click();
  await expect(page.locator('#fb-detail h2, #fb-detail h3').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('import, empty and after a file was refused', async ({ page }) => {
  skipUnlessRoute('/importera', 'import');
  await page.goto('/importera');
  await settled(page);
  await expectNoSeriousA11yViolations(page);
  const input = page.locator('input[type="file"]');
  if (await input.count()) {
    await input.first().setInputFiles({ name: 'trasig.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "blomlada-result"') });
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  }
});

test('publish, before and after a refused token', async ({ page }) => {
  skipUnlessRoute('/vardering/:id/publicera', 'publish');
  const path = await answeredAssessment(page);
  await page.goto(`${path}/publicera`);
  await settled(page);
  await expectNoSeriousA11yViolations(page);
  const token = page.getByLabel('Kommunens publiceringsnyckel');
  const publish = page.getByRole('button', { name: 'Publicera', exact: true });
  if ((await token.count()) && (await publish.count()) && (await publish.isEnabled())) {
    await token.fill('fel-nyckel-' + 'x'.repeat(30));
    await publish.click();
    await page.waitForLoadState('networkidle');
  }
  await expectNoSeriousA11yViolations(page);
});

test('comparison, with every selection', async ({ page }) => {
  skipUnlessRoute('/vardering/:id/jamfor', 'comparison');
  const path = await answeredAssessment(page);
  await page.goto(`${path}/jamfor`);
  await settled(page);
  await expectNoSeriousA11yViolations(page);
  const choices = page.locator('input[type="radio"][name="urval"]:not([disabled])');
  const count = await choices.count();
  for (let i = 1; i < count; i++) {
    await choices.nth(i).check();
    await expectNoSeriousA11yViolations(page);
  }
});

test('report', async ({ page }) => {
  skipUnlessRoute('/vardering/:id/rapport', 'report');
  const path = await answeredAssessment(page);
  await page.goto(`${path}/rapport`);
  await settled(page);
  await expectNoSeriousA11yViolations(page);
});

test('copy to another set version', async ({ page }) => {
  skipUnlessRoute('/vardering/:id/kopiera/:version', 'copy to another version');
  const path = await createAssessment(page, { version: '2014' });
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await page.goto(`${path}/kopiera/2026`);
  await settled(page);
  await expectNoSeriousA11yViolations(page);
});

test('not-found page, and the start page in English', async ({ page }) => {
  await page.goto('/finns/inte');
  await settled(page);
  await expectNoSeriousA11yViolations(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoSeriousA11yViolations(page);
});

test('on a phone every control of the answering page is a target of at least 24 × 24 px', async ({ page }) => {
  // WCAG 2.2's target size (2.5.8), which Lighthouse checks: the assessment's tabs were 16 px tall.
  await page.setViewportSize({ width: 390, height: 844 });
  await createAssessment(page);
  await expectTargetsOfAtLeast24px(page);
});
