// Publishing with a per-kommun token issued on the command line, and finding the result in the
// comparison. The server is the one Playwright started (see playwright.config.mjs).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createAssessment, expectNoSeriousA11yViolations, flushSaves, openNotes } from './helpers.mjs';

const server = new URL('../../target/release/blomlada-server', import.meta.url).pathname;
const issueToken = (kommun) =>
  execFileSync(server, ['token', 'issue', kommun, '--db', process.env.E2E_DB], { encoding: 'utf8' }).trim();

test.skip(!process.env.E2E_DB, 'needs the database of the server Playwright started');

test('a token lets the app publish for its own kommun only, and the result shows in the comparison', async ({ page, request }) => {
  // 124 answers by click, then publish and compare: more than the suite's 60 s on a loaded
  // 2-core machine. A ceiling for a hang, not a speed check (that is make bench's).
  test.setTimeout(180_000);
  const orebro = issueToken('1880');
  const stockholm = issueToken('0180');
  expect(orebro).toMatch(/^[A-Za-z0-9_-]{32,}$/);

  const path = await createAssessment(page);
  const helt = page.getByRole('radio', { name: 'Uppfyller helt' });
  const count = await helt.count();
  for (let i = 0; i < count; i += 1) await helt.nth(i).check();
  await expect(page.getByText('Alla indikatorer är besvarade.')).toBeVisible();
  // The first indicator gets a public evidence link ("change" fires when the field is left).
  const evidence = 'https://www.orebro.se/underlag-e2e';
  await openNotes(page);
  await page.getByLabel('Länk till underlag (offentlig)').first().fill(evidence);
  await page.getByLabel('Länk till underlag (offentlig)').first().press('Tab');
  await flushSaves(page);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));

  await page.goto(`${path}/publicera`);
  await expect(page.getByRole('heading', { name: 'Det här blir offentligt' })).toBeVisible();
  const token = page.getByLabel('Kommunens publiceringsnyckel');
  const publish = page.getByRole('button', { name: 'Publicera', exact: true });

  // Without a token nothing can be sent, and the buttons look and point so.
  await expect(publish).toBeDisabled();
  await expect(publish).toHaveCSS('cursor', 'not-allowed');
  await expect(publish).toHaveCSS('opacity', '0.5');
  // The 68-character token fits its box.
  expect((await token.boundingBox()).width).toBeGreaterThan(300);
  await token.fill('fel-nyckel-' + 'x'.repeat(30));
  await publish.click();
  await expect(page.getByText('Nyckeln stämmer inte eller har återkallats')).toBeVisible();

  await token.fill(stockholm);
  await publish.click();
  await expect(page.getByText('Nyckeln gäller en annan kommun än värderingens.')).toBeVisible();

  await token.fill(orebro);
  await publish.click();
  await expect(page.getByText('Resultatet är publicerat.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Visa kommunens publicerade sida' })).toHaveAttribute('href', '/resultat/1880');
  // Whatever happened, the local assessment is untouched.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(stored);

  const list = await (await request.get('/api/v1/published?set=eblomlada&version=2026')).json();
  expect(JSON.stringify(list)).toContain('1880');

  await page.goto(`${path}/jamfor`);
  await page.getByRole('radio', { name: 'Alla kommuner som publicerat' }).check();
  await expect(page.getByText('1 kommun i jämförelsen.')).toBeVisible();
  await expect(page.getByRole('table').first()).toContainText('100');
  // Every row's percentages, on each side, add up to 100 (issue 21: rows read 104–109 %), and
  // the sentence under the table says what they are of.
  const rows = await page.getByRole('table').first().locator('tbody tr, tfoot tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  expect(rows.length).toBeGreaterThan(10);
  for (const cells of rows) {
    const k = (cells.length - 1) / 2;
    for (const side of [cells.slice(0, k), cells.slice(k, 2 * k)]) {
      const shares = side.filter((c) => c.endsWith('%')).map((c) => parseInt(c, 10));
      if (shares.length > 0) expect(shares.reduce((a, b) => a + b, 0), JSON.stringify(cells)).toBe(100);
    }
  }
  await expect(page.getByText('Procent av alla svar från kommunerna i urvalet, ej relevant borträknade', { exact: false }).first()).toBeVisible();

  // The aggregate flower box of the selection, drawn, with its label and its table, both with n.
  const box = page.getByRole('region', { name: 'Blomlådan för urvalet' });
  await expect(box.getByText('Urvalet: Alla kommuner (n = 1)')).toBeVisible();
  await expect(box.locator('canvas.fb-canvas')).not.toHaveAttribute('data-drawn', '0');
  await expect(box.locator('canvas.fb-canvas')).toHaveAttribute('aria-label', /.+/);
  const boxTable = box.locator('#fb-tabell');
  await expect(boxTable.getByRole('columnheader', { name: 'n', exact: true })).toBeVisible();
  await expect(boxTable.locator('tfoot')).toContainText('100');
  await expect(boxTable.locator('tfoot td').last()).toHaveText('1');

  // "Vilka uppfyller?" on the first indicator lists Örebro with its evidence link.
  await page.locator('summary', { hasText: 'Indikator för indikator' }).click();
  const who = page.locator('details.who').first();
  await who.locator('summary').click();
  await expect(who.locator('summary')).toHaveText('Vilka uppfyller? (1 kommun)');
  await expect(who.getByText('Örebro')).toBeVisible();
  // Shown by its host (the domain's rule for links from other kommuner).
  const link = who.getByRole('link', { name: 'www.orebro.se' });
  await expect(link).toHaveAttribute('href', evidence);
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  // The link left the server through the comparison data, the comment did not exist to leave.
  const results = await (await request.get('/api/v1/results?set=eblomlada&version=2026')).json();
  expect(JSON.stringify(results)).toContain(evidence);
  await expectNoSeriousA11yViolations(page);

  // My own assessments over time: none yet; after a copy, it stands beside this one.
  const overTime = page.getByRole('region', { name: 'Mina värderingar över tid' });
  await expect(overTime.getByText('Det finns inga andra värderingar av kommunen')).toBeVisible();
  await page.goto('/');
  await page.getByRole('button', { name: 'Kopiera', exact: true }).first().click();
  await page.goto(`${path}/jamfor`);
  await expect(overTime.getByText(/^(\d+) av \1 indikatorer jämförbara\.$/)).toBeVisible();
  await expect(overTime.getByRole('table')).toHaveCount(1);
  await expect(overTime.locator('tfoot')).toContainText('100');
  await expectNoSeriousA11yViolations(page);
});
