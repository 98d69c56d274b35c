// Export, import, CSV and the printable report, the way a kommun's IT strategist uses them.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import { createAssessment, expectNoSeriousA11yViolations, flushSaves, openNotes, storageKeys, waitForAllIndicators } from './helpers.mjs';

const MARKUP = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> & "citat"';

async function readDownload(download) {
  return fs.readFileSync(await download.path());
}

/** Answers two indicators, comments on the first, and returns the page path. */
async function answeredAssessment(page) {
  const path = await createAssessment(page);
  await page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0).check();
  await page.getByRole('radio', { name: 'Uppfyller inte' }).nth(1).check();
  await openNotes(page);
  await page.getByRole('textbox', { name: 'Kommentar' }).first().fill('Beslut i KS; se "protokoll"\nrad två');
  await expect(page.getByText(/2 av \d+ indikatorer besvarade/)).toBeVisible();
  return path;
}

async function exportResultFile(page) {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportera till fil (JSON)' }).first().click();
  const download = await downloadPromise;
  return { name: download.suggestedFilename(), text: (await readDownload(download)).toString('utf8') };
}

async function snapshotStorage(page) {
  await flushSaves(page);
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('blomlada.assessment.')).map((k) => [k, localStorage.getItem(k)])));
}

async function chooseFile(page, name, body) {
  await page.getByLabel('Välj resultatfil').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
}

function answersOf(page) {
  return page.evaluate(() => [...document.querySelectorAll('input[type=radio]:checked')].map((r) => r.name + '=' + r.value));
}

test('export then import gives the same answers, as a new copy after asking', async ({ page }) => {
  const path = await answeredAssessment(page);
  await expect(page.getByRole('status').filter({ hasText: 'Finns bara här' })).toBeVisible();
  const before = await answersOf(page);
  const comment = await page.getByRole('textbox', { name: 'Kommentar' }).first().inputValue();

  const exported = await exportResultFile(page);
  expect(exported.name).toMatch(/^blomlada-orebro-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(exported.text);
  expect(file.format).toBe('blomlada-result');
  expect(file.format_version).toBe(2);
  expect(file.kommun).toEqual({ code: '1880', name: 'Örebro' });
  // Exported: the reminder goes away.
  await expect(page.getByRole('status').filter({ hasText: 'Finns bara här' })).toHaveCount(0);

  await page.goto('/');
  await page.getByRole('link', { name: 'Importera från fil' }).click();
  await expect(page).toHaveURL(/\/importera$/);
  await expectNoSeriousA11yViolations(page);
  await chooseFile(page, exported.name, exported.text);
  await expect(page.getByRole('heading', { name: 'Kontrollera innan du importerar' })).toBeVisible();
  // The set by its name, the version once (issue 22: "eBlomlådan 2026 2026").
  await expect(page.locator('.import-preview dl')).toContainText('eBlomlådan 2026');
  await expect(page.locator('.import-preview dl')).not.toContainText('2026 2026');
  // The same kommun, set version and title exist: asked, never overwritten.
  const question = page.getByRole('alertdialog');
  await expect(question).toContainText('Det finns redan en värdering');
  await expect(page.getByRole('button', { name: 'Importera', exact: true })).toHaveCount(0);
  await question.getByRole('button', { name: 'Importera som ny kopia' }).click();

  await page.waitForURL(/\/vardering\/[0-9a-f]+$/);
  const copyPath = new URL(page.url()).pathname;
  expect(copyPath).not.toBe(path);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('(kopia)');
  expect(await answersOf(page)).toEqual(before);
  await expect(page.getByRole('textbox', { name: 'Kommentar' }).first()).toHaveValue(comment);
  expect((await storageKeys(page)).length).toBe(2);

  // The original is unchanged.
  await page.goto(path);
  await expect(page.getByRole('radio', { name: 'Uppfyller helt' }).nth(0)).toBeChecked();
  expect(await answersOf(page)).toEqual(before);
});

test('cancelling the question imports nothing', async ({ page }) => {
  await answeredAssessment(page);
  const exported = await exportResultFile(page);
  const saved = await snapshotStorage(page);
  await page.goto('/importera');
  await chooseFile(page, exported.name, exported.text);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(await snapshotStorage(page)).toEqual(saved);
});

test('each kind of bad file is refused with its reason and nothing saved changes', async ({ page }) => {
  await answeredAssessment(page);
  const good = JSON.parse((await exportResultFile(page)).text);
  const [firstId] = Object.keys(good.answers);
  const variant = (change) => {
    const copy = JSON.parse(JSON.stringify(good));
    change(copy);
    return JSON.stringify(copy, null, 2);
  };
  const cases = [
    ['inte-json.json', 'Det här är ingen JSON;', /Filen är inte JSON/],
    ['excel.json', JSON.stringify({ format: 'excel', rows: [] }), /ingen resultatfil från Blomlådan: fältet ”format” är ”excel”/],
    ['utan-version.json', variant((f) => { delete f.format_version; }), /saknar formatversion/],
    ['fel-version.json', variant((f) => { f.format_version = 3; }), /formatversion 3.*läser formatversion 1–2/],
    ['okand-uppsattning.json', variant((f) => { f.set.version = '1999'; }), /version ”1999” finns inte i den här Blomlådan/],
    ['okand-indikator.json', variant((f) => { f.answers['x.finns.inte'] = { answer: 'helt' }; }), /Indikatorn ”x\.finns\.inte” finns inte/],
    ['fel-svar.json', variant((f) => { f.answers[firstId].answer = 'ja'; }), new RegExp(`”${firstId.replace(/\./g, '\\.')}” har svaret ”ja”, som inte finns på svarsskalan`)],
    ['okand-kommun.json', variant((f) => { f.kommun = { code: '9999', name: 'Påhittad' }; }), /Kommunkoden ”9999” är inte någon av Sveriges 290 kommuner/],
    ['fel-namn.json', variant((f) => { f.kommun.name = 'Kumla'; }), /Kommunkod 1880 är Örebro, men filen kallar kommunen ”Kumla”/],
    ['for-stor.json', variant(() => {}) + ' '.repeat(1_100_000), /Filen är för stor/],
    ['fel-lank.json', variant((f) => { f.answers[firstId].evidence = 'javascript:alert(1)'; }), /måste börja med https:\/\/ eller http:\/\//],
    ['fel-form.json', variant((f) => { f.titel = f.title; delete f.title; }), /fel form/],
  ];
  await page.goto('/importera');
  const saved = await snapshotStorage(page);
  expect(Object.keys(saved).length).toBe(1);
  for (const [name, body, reason] of cases) {
    await chooseFile(page, name, body);
    const alert = page.getByRole('alert').filter({ hasText: 'kunde inte importeras' });
    await expect(alert, name).toContainText(`Filen ”${name}” kunde inte importeras`);
    await expect(alert, name).toContainText(reason);
    await expect(alert, name).toContainText('Inget av det som redan är sparat har ändrats.');
  }
  await expectNoSeriousA11yViolations(page);
  expect(await snapshotStorage(page)).toEqual(saved);
  await page.goto('/');
  expect(await snapshotStorage(page)).toEqual(saved);
});

test('markup and script in comments are imported as text and never run', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await answeredAssessment(page);
  const file = JSON.parse((await exportResultFile(page)).text);
  const [firstId] = Object.keys(file.answers);
  file.answers[firstId].comment = MARKUP;
  file.title = 'Med markup';
  await page.goto('/importera');
  // Dropped on the page rather than picked.
  const dataTransfer = await page.evaluateHandle((json) => {
    const dt = new DataTransfer();
    dt.items.add(new File([json], 'markup.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(file));
  await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.waitForURL(/\/vardering\/[0-9a-f]+$/);
  await expect(page.locator(`[id="kommentar-${firstId}"]`)).toHaveValue(MARKUP);
  await page.getByRole('link', { name: 'Rapport för utskrift' }).click();
  await expect(page.getByText(MARKUP)).toBeVisible();
  expect(await page.locator('main script, main img:not(.report-flower-box img)').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
});

test('CSV download opens in Swedish Excel: BOM, semicolons, quoted fields, CRLF', async ({ page }) => {
  await answeredAssessment(page);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportera till Excel (CSV)' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^blomlada-orebro-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readDownload(download);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  const [header] = text.split('\r\n');
  expect(header).toBe('"Kommun";"Indikatoruppsättning";"Indikator-id";"Område";"Grupp";"Indikator";"Svar";"Kommentar";"Underlag"');
  expect(text).toContain('"Örebro";');
  expect(text).toContain('"Uppfyller helt"');
  expect(text).toContain('"Beslut i KS; se ""protokoll""\nrad två"');
  expect(text.endsWith('\r\n')).toBe(true);
});

test('the report prints to A4 PDF pages that hold the kommun and the answers', async ({ page }) => {
  const path = await answeredAssessment(page);
  await page.getByRole('link', { name: 'Rapport för utskrift' }).click();
  await expect(page).toHaveURL(`${path}/rapport`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Örebro');
  await expect(page.getByRole('button', { name: 'Skriv ut / Spara som PDF' })).toBeVisible();
  await expect(page.getByRole('img').first()).toHaveAttribute('alt', /.+/);
  expect(await page.title()).toContain('Örebro');
  await expectNoSeriousA11yViolations(page);

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(doc, { mergePages: true });
  expect(totalPages).toBeGreaterThanOrEqual(1);
  const first = await doc.getPage(1);
  const [, , width, height] = first.view;
  expect(Math.round(width)).toBe(595); // A4 in points
  expect(Math.round(height)).toBe(842);
  expect(text).toContain('Örebro');
  expect(text).toContain('Uppfyller helt');
  expect(text).toContain('Beslut i KS');
  expect(text).not.toContain('Skriv ut / Spara som PDF');
  expect(text).not.toContain('Mina värderingar');
});

test('an assessment only in this browser is flagged, and delete reminds to export first', async ({ page }) => {
  await answeredAssessment(page);
  await page.goto('/');
  const row = page.getByRole('row').filter({ hasText: 'Örebro' });
  await expect(row.getByText('Finns bara här')).toBeVisible();
  await row.getByRole('button', { name: 'Ta bort' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('finns bara i den här webbläsaren');
  const downloadPromise = page.waitForEvent('download');
  await confirm.getByRole('button', { name: 'Exportera först' }).click();
  await downloadPromise;
  await expect(row.getByText('Finns bara här')).toHaveCount(0);
  await expect(confirm).not.toContainText('finns bara i den här webbläsaren');
});

// ---- Across versions: answers go through the concordance, and the user sees what happened.

async function setFile(page, version) {
  const res = await page.request.get(`/indicators/eblomlada/${version}.json`);
  return res.json();
}

function indicatorIds(set) {
  return set.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => i.id)));
}

async function createAssessmentOf(page, versionLabel) {
  await page.goto('/ny');
  await page.getByRole('searchbox', { name: 'Kommun' }).fill('öre');
  await page.getByRole('button', { name: /^Örebro/ }).click();
  await page.getByLabel('Indikatoruppsättning').selectOption({ label: versionLabel });
  await page.getByRole('button', { name: 'Skapa värdering' }).click();
  await page.waitForURL(/\/vardering\/[0-9a-f]+$/);
  return new URL(page.url()).pathname;
}

test('a 2014 result imported into 2026 shows what carried over, was reworded, needs answers or has no place', async ({ page }) => {
  const concordance = await (await page.request.get('/indicators/eblomlada/2014-2026.json')).json();
  const count = (kind) => concordance.mappings.filter((m) => m.kind === kind).reduce((n, m) => n + Math.max(m.to.length, 1), 0);
  const [same, reworded, split, fresh, removed] = [count('same'), count('reworded'), count('split'), count('new'), count('removed')];
  const merged = concordance.mappings.filter((m) => m.kind === 'merged').length;

  await createAssessmentOf(page, 'eBlomlådan 2014');
  const file = JSON.parse((await exportResultFile(page)).text);
  expect(file.set).toEqual({ set: 'eblomlada', version: '2014' });
  // Every 2014 indicator answered "helt", with a comment.
  for (const id of indicatorIds(await setFile(page, '2014'))) file.answers[id] = { answer: 'helt', comment: `Om ${id}` };
  const saved = await snapshotStorage(page);

  await page.goto('/importera');
  await chooseFile(page, 'orebro-2014.json', JSON.stringify(file));
  const choice = page.getByRole('group', { name: 'Importera till version' });
  await expect(choice.getByRole('radio', { name: '2014, som i filen' })).toBeChecked();
  await choice.getByRole('radio', { name: /^2026, med svaren överförda/ }).check();
  const report = page.getByRole('region', { name: 'Från version 2014 till 2026' });
  await expect(report).toContainText(`${same} svar förs över oförändrade`);
  await expect(report).toContainText(`${reworded + split + merged} indikatorer har omformulerats`);
  await expect(report).toContainText(`${fresh} indikatorer är nya eller ändrade`);
  await expect(report).toContainText(`${removed} indikatorer finns inte i den nya versionen`);
  // Nothing dropped silently: the retired indicators are named with their answers.
  await report.locator('.carry-dropped summary').click();
  await expect(report.locator('.carry-dropped li')).toHaveCount(removed);
  await expect(report.locator('.carry-dropped li').first()).toContainText('Uppfyller helt');
  await expectNoSeriousA11yViolations(page);
  // Not the same set version as the 2014 original: no question, a plain import.
  await page.getByRole('button', { name: 'Importera', exact: true }).click();

  await page.waitForURL(/\/vardering\/[0-9a-f]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2026');
  const toReview = reworded + split + merged + fresh;
  const notice = page.getByRole('status').filter({ hasText: 'behöver granskas' });
  await expect(notice).toContainText(`${toReview} indikatorer behöver granskas`);
  await waitForAllIndicators(page);
  await expect(page.locator('fieldset.needs-review')).toHaveCount(toReview);
  expect(await page.locator('input[type=radio]:checked').count()).toBe(same + reworded + split + merged);
  // Confirming a reworded answer keeps it and takes the mark away.
  const first = page.locator('fieldset.needs-review').filter({ has: page.locator('input:checked') }).first();
  const firstId = await first.getAttribute('aria-describedby');
  await first.getByRole('button', { name: 'Markera som granskad' }).click();
  await expect(notice).toContainText(`${toReview - 1} indikatorer behöver granskas`);
  await expect(page.locator(`fieldset[aria-describedby="${firstId}"]`)).not.toHaveClass(/needs-review/);
  await expect(page.locator(`fieldset[aria-describedby="${firstId}"] input:checked`)).toHaveCount(1);

  // The 2014 assessment already saved is as it was.
  const after = await snapshotStorage(page);
  for (const [key, value] of Object.entries(saved)) expect(after[key]).toBe(value);
  expect(Object.keys(after).length).toBe(Object.keys(saved).length + 1);
});

test('copying a 2014 assessment to 2026 carries its answers through the concordance', async ({ page }) => {
  const concordance = await (await page.request.get('/indicators/eblomlada/2014-2026.json')).json();
  const path = await createAssessmentOf(page, 'eBlomlådan 2014');
  const set2014 = await setFile(page, '2014');
  const sameId = concordance.mappings.find((m) => m.kind === 'same').from[0];
  const rewordedId = concordance.mappings.find((m) => m.kind === 'reworded').from[0];
  await page.locator(`[id="svar-${sameId}-1"]`).check();
  await page.locator(`[id="svar-${rewordedId}-2"]`).check();
  await openNotes(page, { id: rewordedId });
  await page.locator(`[id="kommentar-${rewordedId}"]`).fill('Gäller fortfarande?');
  expect(indicatorIds(set2014)).toContain(sameId);
  // A comment is written when typing pauses: wait for it before taking the snapshot.
  await expect.poll(async () => Object.values(await snapshotStorage(page)).some((v) => v.includes('Gäller fortfarande?'))).toBe(true);
  const saved = await snapshotStorage(page);

  await page.goto('/');
  await page.getByRole('link', { name: 'Kopiera till version 2026' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kopiera till version 2026');
  const report = page.getByRole('region', { name: 'Från version 2014 till 2026' });
  await expect(report).toContainText('1 svar förs över oförändrade');
  await expect(report).toContainText('1 indikator har omformulerats');
  await page.getByRole('button', { name: 'Skapa kopian' }).click();

  await page.waitForURL(/\/vardering\/[0-9a-f]+$/);
  expect(new URL(page.url()).pathname).not.toBe(path);
  const rewordedTo = concordance.mappings.find((m) => m.kind === 'reworded').to[0];
  await expect(page.locator(`[id="svar-${sameId}-1"]`)).toBeChecked();
  await expect(page.locator(`[id="svar-${rewordedTo}-2"]`)).toBeChecked();
  await expect(page.locator(`[id="kommentar-${rewordedTo}"]`)).toHaveValue('Gäller fortfarande?');
  await expect(page.locator('fieldset.needs-review').filter({ has: page.locator(`[id="svar-${rewordedTo}-2"]`) })).toContainText('Omformulerad sedan version 2014');
  const after = await snapshotStorage(page);
  for (const [key, value] of Object.entries(saved)) expect(after[key]).toBe(value);
});
