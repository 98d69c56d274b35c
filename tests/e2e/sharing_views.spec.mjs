// Working together (issue 20), what the people on a shared assessment see of each other: the
// group list shows who is working where, an indicator lists the values it had before (who set
// them, when) after a conflicting edit, and the overview shows each förvaltning's progress with
// the groups handed to it by link, moving as the förvaltning answers, for every editor.
import { test, expect } from '@playwright/test';
import { createAssessment, expectNoSeriousA11yViolations, flushSaves, waitForAllIndicators } from './helpers.mjs';

const radio = (page, name, nth) => page.getByRole('radio', { name }).nth(nth);

async function newPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  return { context, page: await context.newPage() };
}

/** Shares the assessment open in `page` (staying on the share page) and returns its edit link. */
async function share(page, name) {
  await page.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  await page.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill(name);
  await page.getByRole('button', { name: 'Dela värderingen' }).click();
  const edit = page.getByRole('textbox', { name: 'Länk för att svara och ändra' });
  await expect(edit).toHaveValue(/#k=.*&w=/);
  return edit.inputValue();
}

async function join(page, url, name) {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill(name);
  await page.getByRole('button', { name: 'Öppna den delade värderingen' }).click();
  await page.waitForURL(/\/vardering\/[0-9a-f]+/);
  await waitForAllIndicators(page);
}

/** The group list's entry for the group with this anchor (titles repeat across areas): the
 * innermost list item holding its link (its area's item holds the link too). */
function groupEntry(page, anchor) {
  return page
    .getByRole('navigation', { name: 'Områden och grupper' })
    .getByRole('listitem')
    .filter({ has: page.locator(`a[href="#${anchor}"]`) })
    .last();
}

test('the group list shows who is working where, and an indicator lists the value a conflicting edit replaced', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const a = await newPage(browser, baseURL);
  await createAssessment(a.page);
  const edit = await share(a.page, 'Anna, socialförvaltningen');
  await a.page.getByRole('link', { name: 'Svara', exact: true }).first().click();
  await waitForAllIndicators(a.page);

  const b = await newPage(browser, baseURL);
  await join(b.page, edit, 'Bertil, skolförvaltningen');
  // Bertil answers the fourth indicator; its group's line in Anna's list names him, live.
  const target = radio(b.page, 'Uppfyller helt', 3);
  const group = await target.evaluate((el) => el.closest('section.group').id);
  await target.check();
  await expect(radio(a.page, 'Uppfyller helt', 3)).toBeChecked();
  await expect(groupEntry(a.page, group)).toContainText('Arbetar här nu: Bertil, skolförvaltningen');
  // Bertil sees himself as "du" there, and no one in a group nobody touched.
  await expect(groupEntry(b.page, group)).toHaveText(/Arbetar här nu: du$/);
  const lastGroup = a.page.getByRole('navigation', { name: 'Områden och grupper' }).getByRole('listitem').last();
  await expect(lastGroup).not.toContainText('Arbetar här nu');

  // A conflicting edit: Bertil offline says "inte", Anna then says "delvis"; Anna's later
  // answer wins everywhere and Bertil's values are listed under the indicator, newest first.
  await b.context.setOffline(true);
  await radio(b.page, 'Uppfyller inte', 3).check();
  await flushSaves(b.page); // stamped now, before Anna's answer below
  await radio(a.page, 'Uppfyller delvis', 3).check();
  await b.context.setOffline(false);
  await expect(radio(b.page, 'Uppfyller delvis', 3)).toBeChecked({ timeout: 20_000 });
  for (const p of [a.page, b.page]) {
    const button = p.getByRole('button', { name: 'Tidigare värden (2)' });
    await expect(button).toBeVisible({ timeout: 20_000 });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const rows = p.getByRole('list', { name: 'Tidigare värden, det senaste först' }).getByRole('listitem');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(/^Svar: Uppfyller inte – Bertil, skolförvaltningen, \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(rows.nth(1)).toContainText('Svar: Uppfyller helt – Bertil, skolförvaltningen');
  }
  // Only that indicator replaced anything.
  await expect(a.page.getByRole('button', { name: /^Tidigare värden/ })).toHaveCount(1);
  await expectNoSeriousA11yViolations(a.page);
  await a.context.close();
  await b.context.close();
});

test('the overview shows each förvaltning handed groups by link, and its progress moving as it answers', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const a = await newPage(browser, baseURL);
  await createAssessment(a.page);
  await share(a.page, 'Anna, socialförvaltningen');
  const groups = a.page.getByRole('group', { name: 'Grupper att lämna ut' });
  await groups.getByRole('checkbox').first().check();
  await a.page.getByRole('textbox', { name: 'Förvaltning', exact: true }).fill('Vård och omsorg');
  await a.page.getByRole('button', { name: 'Skapa länk för förvaltningen' }).click();
  const handout = await a.page.getByRole('textbox', { name: 'Länk för Vård och omsorg' }).inputValue();
  await expect(a.page.getByText('Alla dina ändringar är skickade.')).toBeVisible();

  await a.page.locator('main').getByRole('link', { name: 'Blomlådan' }).click();
  await a.page.waitForURL(/\/oversikt$/);
  const given = a.page.getByRole('region', { name: 'Utlämnade delar' });
  const before = given.getByText(/^Vård och omsorg: 0 av (\d+) indikatorer besvarade$/);
  await expect(before).toBeVisible();
  const total = Number((await before.textContent()).match(/av (\d+)/)[1]);
  expect(total).toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(a.page);

  // The förvaltning answers one indicator of its group; the strategist's overview follows.
  const b = await newPage(browser, baseURL);
  await join(b.page, handout, 'Doris, vård och omsorg');
  await radio(b.page, 'Uppfyller helt', 0).check();
  await expect(given.getByText(`Vård och omsorg: 1 av ${total} indikatorer besvarade`)).toBeVisible({ timeout: 15_000 });
  await radio(b.page, 'Uppfyller delvis', 1).check();
  await expect(given.getByText(`Vård och omsorg: 2 av ${total} indikatorer besvarade`)).toBeVisible({ timeout: 15_000 });

  // The hand-out is in the shared assessment itself: the förvaltning's own overview lists it too.
  await b.page.locator('main').getByRole('link', { name: 'Blomlådan' }).click();
  await b.page.waitForURL(/\/oversikt$/);
  await expect(b.page.getByRole('region', { name: 'Utlämnade delar' }).getByText(`Vård och omsorg: 2 av ${total} indikatorer besvarade`)).toBeVisible();
  await a.context.close();
  await b.context.close();
});
