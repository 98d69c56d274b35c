// From picture to plan (issue 13): targets set with mouse and keyboard beside the answers, the
// gap in words, the action plan grouped three ways and as CSV, the flower box with targets,
// "Ej relevant för oss" as a fourth answer in 2026, and a copy that follows up its targets.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { createAssessment, expectNoSeriousA11yViolations } from './helpers.mjs';

const indicator = (page, nth) => page.locator('fieldset.indicator').nth(nth);
const plan = (page, nth) => indicator(page, nth).getByRole('group', { name: 'Mål och handlingsplan' });
const notesButton = (page, nth) => indicator(page, nth).getByRole('button', { name: /Kommentar, länk och mål/ });
/** Opens the disclosure (comment, link, target) of the `nth` indicator if it is closed. */
async function openNotes(page, { nth }) {
  const button = notesButton(page, nth);
  if ((await button.getAttribute('aria-expanded')) === 'false') await button.click();
  await expect(plan(page, nth)).toBeVisible();
}

test('targets set with mouse and keyboard show the gap, the plan, its CSV and the target picture', async ({ page }) => {
  await createAssessment(page);

  // Mouse: answer the first indicator "inte", aim at "helt" by 2027.
  await indicator(page, 0).getByRole('radio', { name: 'Uppfyller inte' }).check();
  await openNotes(page, { nth: 0 });
  const first = plan(page, 0);
  await first.getByRole('combobox', { name: 'Mål', exact: true }).selectOption({ label: 'Uppfyller helt' });
  await expect(first.getByText('2 steg kvar till målet.')).toBeVisible();
  await first.getByRole('textbox', { name: 'Målår' }).fill('2027');
  await first.getByRole('textbox', { name: 'Målår' }).press('Tab');
  await first.getByRole('combobox', { name: /^Ansvarig/ }).fill('Skolförvaltningen');
  await first.getByRole('combobox', { name: /^Ansvarig/ }).press('Tab');
  await first.getByRole('textbox', { name: 'Planerad åtgärd' }).fill('Digital antagning; "fas 1"');
  await first.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Pågår' });

  // Keyboard: the second indicator answered "delvis", its disclosure opened and the target chosen by keys.
  await indicator(page, 1).getByRole('radio', { name: 'Uppfyller delvis' }).focus();
  await page.keyboard.press('Space');
  await expect(indicator(page, 1).getByRole('radio', { name: 'Uppfyller delvis' })).toBeChecked();
  const button = notesButton(page, 1);
  await button.focus();
  await page.keyboard.press('Enter');
  const second = plan(page, 1);
  const target = second.getByRole('combobox', { name: 'Mål', exact: true });
  await target.focus();
  await page.keyboard.press('ArrowDown'); // "Uppfyller helt", the first target on offer
  await expect(target).toHaveValue('helt');
  await expect(second.getByText('Ett steg kvar till målet.')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.type('2028');
  await page.keyboard.press('Tab'); // to status, leaving the year
  await page.keyboard.press('Tab'); // to responsible
  await page.keyboard.type('IT-avdelningen');
  await page.keyboard.press('Tab');
  await expect(second.getByRole('textbox', { name: 'Målår' })).toHaveValue('2028');

  // A year that is no year is refused with its reason; the saved target stays.
  await first.getByRole('textbox', { name: 'Målår' }).fill('27');
  await first.getByRole('textbox', { name: 'Målår' }).press('Tab');
  await expect(first.getByRole('alert')).toContainText('Målåret 27 ligger inte mellan 2000 och 2100');
  // Words and past years are refused with what to write instead (issue 22, point 4: "nästa år"
  // said "Målåret 0 …" and 2020 was taken); what was typed stays in the box.
  await first.getByRole('textbox', { name: 'Målår' }).fill('nästa år');
  await first.getByRole('textbox', { name: 'Målår' }).press('Tab');
  await expect(first.getByRole('alert')).toContainText('Skriv målåret med siffror, t.ex. 2027');
  await expect(first.getByRole('textbox', { name: 'Målår' })).toHaveValue('nästa år');
  await first.getByRole('textbox', { name: 'Målår' }).fill('2020');
  await first.getByRole('textbox', { name: 'Målår' }).press('Tab');
  await expect(first.getByRole('alert')).toContainText('Målåret 2020 har redan varit');
  await first.getByRole('textbox', { name: 'Målår' }).fill('2027');
  await first.getByRole('textbox', { name: 'Målår' }).press('Tab');
  await expect(first.getByRole('alert')).toHaveCount(0);

  // A third indicator gets a responsible and an action but no target: the page says where it
  // will stand, and the plan lists it apart (issue 22, point 4: it vanished).
  await openNotes(page, { nth: 2 });
  const third = plan(page, 2);
  await third.getByRole('combobox', { name: /^Ansvarig/ }).fill('Kommunikationsenheten');
  await third.getByRole('combobox', { name: /^Ansvarig/ }).press('Tab');
  await third.getByRole('textbox', { name: 'Planerad åtgärd' }).fill('Kartlägg behovet');
  await expect(third.getByText('Utan mål står raden under ”Planerat utan mål”')).toBeVisible();

  // The plan survives a reload (saved like answers).
  await page.reload();
  await openNotes(page, { nth: 0 });
  await expect(plan(page, 0).getByRole('combobox', { name: /^Ansvarig/ })).toHaveValue('Skolförvaltningen');
  await expect(plan(page, 0).getByRole('textbox', { name: 'Planerad åtgärd' })).toHaveValue('Digital antagning; "fas 1"');

  // The action plan: grouped by responsible, then by area and by year.
  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Handlingsplan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Handlingsplan' })).toBeVisible();
  await expect(page.getByText('2 indikatorer har ett mål: 2 ligger över nuvarande svar (öppna gap), 0 är nådda.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Planerat utan mål' })).toBeVisible();
  await expect(page.getByRole('table', { name: '1 indikator planerad utan mål' })).toContainText('Kartlägg behovet');
  await expect(page.getByRole('heading', { level: 2, name: 'IT-avdelningen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Skolförvaltningen' })).toBeVisible();
  const skola = page.getByRole('table', { name: 'Skolförvaltningen: 1 indikator' });
  await expect(skola.getByRole('row').nth(1)).toContainText('Uppfyller inte');
  await expect(skola.getByRole('row').nth(1)).toContainText('2 steg');
  await expect(skola.getByRole('row').nth(1)).toContainText('Pågår');
  // The group beside the area: indicator texts recur across groups (issue 22, point 6).
  await expect(skola.getByRole('columnheader', { name: 'Område · grupp' })).toBeVisible();
  await expect(skola.getByRole('row').nth(1).getByRole('cell').first()).toContainText(' · ');
  await page.getByRole('radio', { name: 'Målår' }).check();
  await expect(page.getByRole('heading', { level: 2, name: '2027' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '2028' })).toBeVisible();
  await page.getByRole('radio', { name: 'Område' }).check();
  await expect(page.getByRole('table', { name: 'Mål och öppna gap per område' })).toContainText('2');
  await expectNoSeriousA11yViolations(page);

  // CSV for Swedish Excel.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Ladda ner handlingsplanen (CSV för Excel)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^blomlada-handlingsplan-orebro-eblomlada-2026-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\ufeff"Kommun";"Indikatoruppsättning";"Indikator-id";"Område";"Grupp";"Indikator";"Svar nu";"Mål";"Målår";"Ansvarig";"Åtgärd";"Status"\r\n')).toBe(true);
  expect(csv).toContain('"Uppfyller inte";"Uppfyller helt";"2027";"Skolförvaltningen";"Digital antagning; ""fas 1""";"Pågår"\r\n');
  // The two targets and, last, the row planned without one.
  expect(csv).toContain('"";"";"Kommunikationsenheten";"Kartlägg behovet";""\r\n');
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);

  // The flower box with the targets: outlines drawn, targets in words and in the table.
  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Blomlådan' }).click();
  await page.getByRole('radio', { name: 'Nuläge och mål' }).check();
  await expect(page.getByRole('img', { name: /Mål: 2 av \d+ indikatorer har ett mål; 2 ligger över nuvarande svar, 0 är nådda\./ })).toBeVisible();
  const table = page.getByRole('table', { name: 'Mål och gap per grupp' });
  await expect(table.getByRole('columnheader', { name: 'Mål: Uppfyller helt' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Mål: Ej relevant för oss' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('radio', { name: 'Nuläge', exact: true }).check();
  await expect(page.getByRole('img', { name: /Mål: 2 av/ })).toHaveCount(0);

  // The report has the plan section.
  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Rapport' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Handlingsplan' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Skolförvaltningen' })).toBeVisible();

  // Publishing: targets stay private unless ticked; the rest of a plan never goes.
  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Publicera' }).click();
  const targets = page.getByRole('checkbox', { name: 'Publicera även mål (svar och målår per indikator)' });
  await expect(targets).not.toBeChecked();
  await expect(page.getByRole('definition').filter({ hasText: /^Inga$/ })).toBeVisible();
  await targets.check();
  await expect(page.getByRole('definition').filter({ hasText: /^2 mål$/ })).toBeVisible();
});

test('"Ej relevant för oss" is a fourth answer in 2026, left out of the shares, and 2014 keeps three', async ({ page }) => {
  await createAssessment(page);
  await expect(indicator(page, 0).getByRole('radio')).toHaveCount(4);
  await indicator(page, 0).getByRole('radio', { name: 'Uppfyller helt' }).check();
  await indicator(page, 1).getByRole('radio', { name: 'Ej relevant för oss' }).check();
  // Not relevant is never a target.
  await openNotes(page, { nth: 1 });
  await expect(plan(page, 1).getByRole('combobox', { name: 'Mål', exact: true }).getByRole('option')).toHaveText(['Inget mål', 'Uppfyller helt', 'Uppfyller delvis', 'Uppfyller inte']);
  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Sammanfattning' }).click();
  const table = page.getByRole('table').first();
  await expect(table.getByRole('columnheader', { name: 'Ej relevant för oss' })).toBeVisible();
  // The total row: one helt of the indicators that count; "ej relevant" shows its count only.
  const total = table.locator('tfoot tr');
  await expect(total.getByRole('cell').nth(3)).toHaveText('1');
  await expectNoSeriousA11yViolations(page);

  await createAssessment(page, { version: '2014' });
  await expect(indicator(page, 0).getByRole('radio')).toHaveCount(3);
  await expect(page.getByRole('radio', { name: 'Ej relevant för oss' })).toHaveCount(0);
});

test('a copy follows up last year\'s targets: reached, missed and moved', async ({ page }) => {
  await createAssessment(page);
  const aim = async (nth, answer, targetLabel, year) => {
    await indicator(page, nth).getByRole('radio', { name: answer }).check();
    await openNotes(page, { nth });
    await plan(page, nth).getByRole('combobox', { name: 'Mål', exact: true }).selectOption({ label: targetLabel });
    await plan(page, nth).getByRole('textbox', { name: 'Målår' }).fill(year);
    await plan(page, nth).getByRole('textbox', { name: 'Målår' }).press('Tab');
  };
  await aim(0, 'Uppfyller inte', 'Uppfyller delvis', '2026');
  await aim(1, 'Uppfyller inte', 'Uppfyller helt', '2026');
  await aim(2, 'Uppfyller delvis', 'Uppfyller helt', '2026');

  await page.getByRole('link', { name: 'Mina värderingar' }).click();
  await page.getByRole('button', { name: 'Kopiera' }).click();
  await page.getByRole('link', { name: /\(kopia\)/ }).click();
  // This year: the first reached (now "delvis"), the second left as it was, the third moved to 2028.
  await indicator(page, 0).getByRole('radio', { name: 'Uppfyller delvis' }).check();
  await openNotes(page, { nth: 2 });
  await plan(page, 2).getByRole('textbox', { name: 'Målår' }).fill('2028');
  await plan(page, 2).getByRole('textbox', { name: 'Målår' }).press('Tab');

  await page.getByRole('navigation', { name: 'Värderingen' }).getByRole('link', { name: 'Handlingsplan' }).click();
  const followUp = page.getByRole('region', { name: 'Uppföljning av förra värderingens mål' });
  await expect(followUp.getByText('3 mål följde med när värderingen kopierades.')).toBeVisible();
  await expect(followUp.getByRole('listitem')).toHaveText(['1 nådda', '1 missade', '1 flyttade', '0 inte förfallna än']);
  const rows = followUp.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('nådda');
  await expect(rows.nth(1)).toContainText('Uppfyller delvis (2026)');
  await expect(rows.nth(2)).toContainText('missade');
  await expect(rows.nth(3)).toContainText('flyttade');
  await expect(rows.nth(3)).toContainText('Uppfyller helt (2028)');
  await expectNoSeriousA11yViolations(page);
});
