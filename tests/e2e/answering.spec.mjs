// Answering at speed (issue 10): an answer changes its own indicator and nothing else on the
// page, the save follows the frame and is never lost (quick answers then a reload, a pagehide
// right after typing, two tabs at once), and the compact page keeps its comment and link in a
// labelled disclosure.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { createAssessment, expectNoSeriousA11yViolations, openNotes, waitForAllIndicators } from './helpers.mjs';

/** Remembers every indicator's fieldset and every element inside it. */
function markIndicators(page) {
  return page.evaluate(() => {
    window.__before = [...document.querySelectorAll('fieldset.indicator')].map((f) => [f, [...f.querySelectorAll('*')]]);
    return window.__before.length;
  });
}

/** The indexes of indicators whose fieldset or any element in it is not the same DOM node as
 * when marked (an element added inside counts as a change too). */
function changedIndicators(page) {
  return page.evaluate(() => {
    const now = [...document.querySelectorAll('fieldset.indicator')];
    const changed = [];
    window.__before.forEach(([f, kids], i) => {
      const same = now[i] === f && f.querySelectorAll('*').length === kids.length && kids.every((k) => f.contains(k));
      if (!same) changed.push(i);
    });
    if (now.length !== window.__before.length) changed.push(-1);
    return changed;
  });
}

const radio = (page, name, nth) => page.getByRole('radio', { name }).nth(nth);

test('an answer by mouse or keyboard keeps focus and leaves every other indicator the same DOM nodes', async ({ page }) => {
  await createAssessment(page);
  const count = await markIndicators(page);
  expect(count).toBeGreaterThan(100);

  // Mouse.
  await radio(page, 'Uppfyller delvis', 3).click();
  await expect(radio(page, 'Uppfyller delvis', 3)).toBeChecked();
  await expect(radio(page, 'Uppfyller delvis', 3)).toBeFocused();
  await expect(page.getByText(/^1 av \d+ indikatorer besvarade/)).toBeVisible();
  expect((await changedIndicators(page)).filter((i) => i !== 3)).toEqual([]);

  // Keyboard: into the sixth indicator's radio group, choose with Space, move with an arrow.
  await markIndicators(page);
  await radio(page, 'Uppfyller helt', 5).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(radio(page, 'Uppfyller delvis', 5)).toBeChecked();
  await expect(radio(page, 'Uppfyller delvis', 5)).toBeFocused();
  await expect(page.getByText(/^2 av \d+ indikatorer besvarade/)).toBeVisible();
  expect((await changedIndicators(page)).filter((i) => i !== 5)).toEqual([]);

  // A comment typed in one indicator changes no other, and the field keeps focus.
  await markIndicators(page);
  await openNotes(page, { nth: 7 });
  const box = page.getByRole('textbox', { name: 'Kommentar' }).first();
  await box.pressSequentially('Beslut i KS');
  await expect(box).toBeFocused();
  expect((await changedIndicators(page)).filter((i) => i !== 7)).toEqual([]);
});

test('ten quick answers and an immediate reload: all ten are there', async ({ page }) => {
  await createAssessment(page);
  const names = ['Uppfyller helt', 'Uppfyller delvis', 'Uppfyller inte'];
  for (let i = 0; i < 10; i++) await radio(page, names[i % 3], i * 3).click();
  await page.reload();
  for (let i = 0; i < 10; i++) await expect(radio(page, names[i % 3], i * 3)).toBeChecked();
  await expect(page.getByText(/^10 av \d+ indikatorer besvarade/)).toBeVisible();
});

test('a page hidden right after typing keeps the comment', async ({ page }) => {
  const path = await createAssessment(page);
  await openNotes(page, { nth: 2 });
  const text = 'Skrivet precis innan fliken stängdes';
  await page.getByRole('textbox', { name: 'Kommentar' }).first().pressSequentially(text);
  // Leaving the page fires pagehide at once, before any pause in typing has passed.
  await page.goto('about:blank');
  await page.goto(path);
  // A disclosure holding text is open from the start.
  const toggle = page.getByRole('button', { name: /^Kommentar, länk och mål \(ifyllt\)/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('textbox', { name: 'Kommentar' }).first()).toHaveValue(text);
});

test('two tabs answering different indicators lose nothing', async ({ page, context }) => {
  const path = await createAssessment(page);
  const other = await context.newPage();
  await other.goto(path);
  await expect(radio(other, 'Uppfyller helt', 0)).toBeVisible();
  // Interleaved, without waiting: the first tab answers 0–4 fully, the second 10–14 not at all.
  for (let i = 0; i < 5; i++) {
    await radio(page, 'Uppfyller helt', i).click();
    await radio(other, 'Uppfyller inte', 10 + i).click();
  }
  // Each tab shows the other's answers without a reload.
  for (let i = 0; i < 5; i++) {
    await expect(radio(other, 'Uppfyller helt', i)).toBeChecked();
    await expect(radio(page, 'Uppfyller inte', 10 + i)).toBeChecked();
  }
  for (const p of [page, other]) {
    await p.reload();
    for (let i = 0; i < 5; i++) {
      await expect(radio(p, 'Uppfyller helt', i)).toBeChecked();
      await expect(radio(p, 'Uppfyller inte', 10 + i)).toBeChecked();
    }
  }
  await other.close();
});

test('comment and link open from a labelled disclosure; the page stays accessible', async ({ page }) => {
  await createAssessment(page);
  const toggle = page.getByRole('button', { name: 'Kommentar, länk och mål' }).first();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('textbox', { name: 'Kommentar' })).toHaveCount(0);
  // Keyboard: Enter on the button opens it, and the fields follow in tab order.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
  await expect(panel.getByRole('textbox', { name: 'Kommentar' })).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Länk till underlag (offentlig)' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('textbox', { name: 'Kommentar' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.getByRole('textbox')).toHaveCount(0);
});

test('a long set opens with its frame, then its indicators a slice per paint, each once and in order', async ({ page }) => {
  const path = await createAssessment(page);
  // Reloaded: the list says it is busy until every group is there, each indicator once.
  await page.reload();
  await expect(page.getByRole('group').first()).toBeVisible();
  await waitForAllIndicators(page);
  const ids = await page.locator('fieldset.indicator').evaluateAll((fs) => fs.map((f) => f.querySelector('input')?.id));
  // The default set's indicators (createAssessment picks it), in its order.
  const indicators = (file) => JSON.parse(fs.readFileSync(new URL(`../../indicators/${file}`, import.meta.url), 'utf8'));
  const index = indicators('index.json');
  const set = indicators(index.sets.find((s) => s.id === index.default.set).versions.find((v) => v.version === index.default.version).file);
  expect(ids).toEqual(set.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => `svar-${i.id}-0`))));
  expect(await page.locator('section.group').count()).toBe(await page.locator('.group-nav ul ul li').count());

  // A link to the last group (as the overview's links are) shows that group straight away.
  const last = await page.locator('.group-nav ul ul li a').last().getAttribute('href');
  await page.goto('/');
  await page.goto(path + last);
  const group = page.locator(`section${last}`);
  await expect(group.getByRole('group').first()).toBeVisible();
  await expect(group.getByRole('heading', { level: 3 })).toBeVisible();
  await waitForAllIndicators(page);
  await expectNoSeriousA11yViolations(page);
});
