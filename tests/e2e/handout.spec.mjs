// Issue 20 part 4: parts of an assessment handed to a förvaltning by file and merged back.
// The strategist hands out two groups; a second browser (the förvaltning's) opens the file,
// answers and exports; meanwhile the strategist changes one of the same indicators; importing
// the answered file shows exactly that conflict, and the choice ("Deras") is what stays.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { createAssessment, expectNoSeriousA11yViolations, flushSaves, waitForAllIndicators } from './helpers.mjs';

const set = JSON.parse(fs.readFileSync(new URL('../../indicators/eblomlada/2026.json', import.meta.url), 'utf8'));
const area = (id) => set.areas.find((a) => a.id === id);
const group = (areaId, id) => area(areaId).groups.find((g) => g.id === id);
const BARN = group('tjanster', 'barn-elever');
const INFOSAK = group('it', 'informationssakerhet');
const HANDED_OUT = BARN.indicators.length + INFOSAK.indicators.length;
/** Both sides change it: the one conflict. */
const BOTH = BARN.indicators[0];
/** Only the förvaltning changes it: taken without asking. */
const THEIRS = INFOSAK.indicators[0];
/** Only the strategist changes it after the hand-out: kept. */
const OURS = BARN.indicators[1];
/** Not handed out. */
const OUTSIDE = group('verksamhet', 'kommunovergripande').indicators[0];

const indicator = (page, ind) => page.getByRole('group', { name: ind.text.sv, exact: true });
const answer = (page, ind, label) => indicator(page, ind).getByRole('radio', { name: label }).check();
const expectAnswer = (page, ind, label) => expect(indicator(page, ind).getByRole('radio', { name: label })).toBeChecked();

async function download(page, button) {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await pending;
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

const asFile = ({ name, text }) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test('a hand-out goes out, comes back answered, and its one conflict is resolved as chosen', async ({ page, browser }, testInfo) => {
  const path = await createAssessment(page);
  const id = path.split('/').pop();
  await answer(page, BOTH, 'Uppfyller delvis');
  await flushSaves(page);

  // The strategist hands out one group of services and one of IT.
  await page.getByRole('link', { name: 'Lämna ut delar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lämna ut delar');
  // A whole area's box chooses all its groups, and again none.
  const itArea = page.getByRole('group', { name: area('it').title.sv });
  const wholeIt = itArea.getByRole('checkbox', { name: `Hela området ${area('it').title.sv}` });
  await wholeIt.check();
  for (const g of area('it').groups) await expect(itArea.getByRole('checkbox', { name: g.title.sv, exact: true })).toBeChecked();
  await wholeIt.uncheck();
  for (const g of area('it').groups) await expect(itArea.getByRole('checkbox', { name: g.title.sv, exact: true })).not.toBeChecked();
  await page.getByRole('group', { name: area('tjanster').title.sv }).getByRole('checkbox', { name: BARN.title.sv, exact: true }).check();
  await itArea.getByRole('checkbox', { name: INFOSAK.title.sv, exact: true }).check();
  await expect(wholeIt).toHaveJSProperty('indeterminate', true);
  await expect(wholeIt).not.toBeChecked();
  await page.getByRole('textbox', { name: 'Förvaltning' }).fill('Utbildningsförvaltningen');
  await expectNoSeriousA11yViolations(page);
  const handout = await download(page, 'Ladda ner utdelningsfil');
  expect(handout.name).toMatch(/^blomlada-utdelning-utbildningsforvaltningen-\d{4}-\d{2}-\d{2}\.json$/);
  const handed = JSON.parse(handout.text);
  expect(handed.format).toBe('blomlada-handout');
  expect(handed.groups).toEqual([{ area: 'tjanster', group: 'barn-elever' }, { area: 'it', group: 'informationssakerhet' }]);
  expect(Object.keys(handed.answers)).toEqual([BOTH.id]);
  await expect(page.getByText(`Utbildningsförvaltningen: 1 av ${HANDED_OUT} indikatorer besvarade`)).toBeVisible();

  // The förvaltning, in a browser of its own.
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const fv = await context.newPage();
  await fv.goto('/importera');
  await fv.getByLabel('Välj resultatfil').setInputFiles(asFile(handout));
  await expect(fv.getByRole('heading', { name: 'Utdelning från Blomlådan' })).toBeVisible();
  await expectNoSeriousA11yViolations(fv);
  await fv.getByRole('button', { name: 'Öppna utdelningen' }).click();
  await fv.waitForURL(/\/vardering\/[0-9a-f]+$/);
  await waitForAllIndicators(fv);
  await expect(fv.getByRole('note')).toContainText('Utdelning till Utbildningsförvaltningen: här visas bara de 2 grupper som lämnats ut.');
  await expect(fv.locator('fieldset.indicator')).toHaveCount(HANDED_OUT);
  await expect(indicator(fv, OUTSIDE)).toHaveCount(0);
  await expectAnswer(fv, BOTH, 'Uppfyller delvis');
  await expectNoSeriousA11yViolations(fv);
  await answer(fv, BOTH, 'Uppfyller helt');
  await answer(fv, THEIRS, 'Uppfyller inte');
  await flushSaves(fv);
  await fv.getByRole('link', { name: 'Skicka tillbaka svaren' }).click();
  await expect(fv.getByText(`Utbildningsförvaltningen: 2 av ${HANDED_OUT} indikatorer besvarade`)).toBeVisible();
  await expectNoSeriousA11yViolations(fv);
  const answered = await download(fv, 'Exportera svaren (JSON)');
  expect(JSON.parse(answered.text).returned).toBeTruthy();
  await context.close();

  // Meanwhile the strategist changes the same indicator, and another one handed out.
  await page.goto(path);
  await waitForAllIndicators(page);
  await answer(page, BOTH, 'Uppfyller inte');
  await answer(page, OURS, 'Uppfyller helt');
  await flushSaves(page);

  // Receiving: a wrong file is refused in words; the answered one is reviewed, picked on the
  // review page or through the import page.
  await page.goto(`${path}/utdelning`);
  await page.getByRole('link', { name: 'Ta emot en besvarad fil' }).click();
  const picker = page.getByLabel('Välj den besvarade utdelningsfilen');
  await picker.setInputFiles(asFile({ name: 'resultat.json', text: '{"format": "blomlada-result", "format_version": 2}' }));
  await expect(page.getByRole('alert')).toContainText('Det här är en resultatfil, inte en utdelningsfil.');
  await picker.setInputFiles(asFile(answered));
  await expect(page.getByRole('heading', { name: 'Ändrade på båda håll (1)' })).toBeVisible();
  // The import page recognises the answered file as this assessment's and leads to the same review.
  await page.goto('/importera');
  await page.getByLabel('Välj resultatfil').setInputFiles(asFile(answered));
  await expect(page.getByText('Filen är besvarad och hör till en värdering i den här webbläsaren.')).toBeVisible();
  await page.getByRole('button', { name: 'Granska svaren' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/utdelning/svar$`));
  await expect(page.getByRole('heading', { name: 'Ändrade på båda håll (1)' })).toBeVisible();
  await expect(page.locator('fieldset.handout-conflict')).toHaveCount(1);
  const conflict = page.getByRole('group', { name: BOTH.text.sv, exact: true });
  await expect(conflict.getByRole('radio', { name: 'Vår: Uppfyller inte', exact: true })).not.toBeChecked();
  await expect(conflict.getByRole('radio', { name: 'Deras: Uppfyller helt', exact: true })).not.toBeChecked();
  await expect(conflict).toContainText('Utbildningsförvaltningen, exporterad');
  const taken = page.getByRole('region', { name: /^Förs in från förvaltningen \(1\)/ });
  await expect(taken.getByRole('listitem')).toHaveText([THEIRS.text.sv]);
  const kept = page.getByRole('region', { name: /^Behålls som här \(1\)/ });
  await expect(kept.getByRole('listitem')).toHaveText([OURS.text.sv]);
  await expectNoSeriousA11yViolations(page);

  // Nothing is applied until confirmed, and not without a choice.
  const stored = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)).assessment.responses, `blomlada.assessment.${id}`);
  expect((await stored())[THEIRS.id]).toBeUndefined();
  await page.getByRole('button', { name: 'För in svaren' }).click();
  await expect(page.getByRole('alert')).toContainText('Välj Vår eller Deras');
  expect((await stored())[THEIRS.id]).toBeUndefined();
  await conflict.getByRole('radio', { name: /^Deras/ }).check();
  await page.getByRole('button', { name: 'För in svaren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Svaren är införda i värderingen.' })).toBeVisible();
  await flushSaves(page);
  const after = await stored();
  expect([after[BOTH.id].answer, after[THEIRS.id].answer, after[OURS.id].answer]).toEqual(['helt', 'inte', 'helt']);

  await page.goto(path);
  await waitForAllIndicators(page);
  await expectAnswer(page, BOTH, 'Uppfyller helt');
  await expectAnswer(page, THEIRS, 'Uppfyller inte');
  await expectAnswer(page, OURS, 'Uppfyller helt');

  // The overview shows the förvaltning's progress.
  await page.goto(`${path}/oversikt`);
  await expect(page.getByText(`Utbildningsförvaltningen: 3 av ${HANDED_OUT} indikatorer besvarade`)).toBeVisible();
});
